"""The glossary's forms are built once per run and read alike by every rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from smarthub import matcher
from smarthub.checks import context
from smarthub.config import load_config
from smarthub.engine import run_check
from smarthub.load import load_hub
from smarthub.matcher import TermMatcher

REPOSITORY = Path(__file__).resolve().parent.parent


def test_the_matcher_of_a_check_is_the_glossary_matcher() -> None:
    hub = load_hub(load_config(REPOSITORY / "mkdocs.yml"))
    ctx = context.CheckContext(hub=hub, today=dt.date(2026, 11, 1))
    plain = TermMatcher(hub.terms.values())
    assert ctx.matcher.forms == plain.forms
    text = "Send the e-mail to the SDR before the QBR; MQLs and SQLs, win rates."
    assert ctx.matcher.find(text) == plain.find(text)


def test_each_entry_forms_are_built_once_per_check(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    forms_of = matcher.forms_of
    monkeypatch.setattr(context, "forms_of", lambda term: built.append(term.id) or forms_of(term))
    result = run_check(load_config(REPOSITORY / "mkdocs.yml"), today=dt.date(2026, 11, 1))
    assert built and sorted(built) == sorted(result.hub.terms)
