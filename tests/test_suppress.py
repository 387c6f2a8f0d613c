"""Suppression comments: exact LINT001 messages, and which directives count as unused."""

from __future__ import annotations

from pathlib import Path

import yaml

from smarthub.config import load_config
from smarthub.engine import run_check
from tests.conftest import write_hub
from tests.rules.test_cases import CASES_DIR, TODAY


def _lint(tmp_path: Path, body: str, select: list[str]) -> list[tuple[int, int, str]]:
    glossary = yaml.safe_load((CASES_DIR / "_glossary.yml").read_text(encoding="utf-8"))
    files = {f"glossary/{name}": text for name, text in glossary["glossary"].items()}
    root = write_hub(tmp_path / "hub", {**files, "content/index.md": body}, {})
    result = run_check(load_config(root / "mkdocs.yml"), select=select, today=TODAY)
    return [(f.line, f.column, f.message) for f in result.findings if f.code == "LINT001"]


def test_unused_and_unknown_directives_have_their_messages(tmp_path: Path) -> None:
    body = (
        "<!-- smarthub-disable-next-line TERM001 -->\nAn e-mail.\n"
        "<!-- smarthub-disable-next-line TERM001 -->\nfine\n"
        "<!-- smarthub-disable-next-line TERM999 -->\nfine\n"
    )
    assert _lint(tmp_path, body, []) == [
        (3, 1, "suppression silences nothing here: remove it"),
        (
            5,
            1,
            "suppression names unknown rule 'TERM999': use a code or name from 'smarthub rules'",
        ),
    ]


def test_directive_for_exactly_the_selected_rules_is_reported_when_unused(tmp_path: Path) -> None:
    body = "<!-- smarthub-disable-next-line TERM001 LINT001 -->\nfine\n"
    assert _lint(tmp_path, body, ["TERM001", "LINT001"]) == [
        (1, 1, "suppression silences nothing here: remove it")
    ]


def test_directive_for_every_rule_is_not_judged_when_some_rules_did_not_run(
    tmp_path: Path,
) -> None:
    body = "<!-- smarthub-disable-next-line -->\nfine\n<!-- smarthub-disable-next-line TERM001 -->\nok\n"
    assert _lint(tmp_path, body, ["TERM001", "LINT001"]) == [
        (3, 1, "suppression silences nothing here: remove it")
    ]


def test_directive_for_a_rule_that_did_not_run_is_not_judged(tmp_path: Path) -> None:
    body = "<!-- smarthub-disable-next-line TERM003 -->\nfine\n<!-- smarthub-disable-next-line TERM001 -->\nok\n"
    assert _lint(tmp_path, body, ["TERM001", "LINT001"]) == [
        (3, 1, "suppression silences nothing here: remove it")
    ]


def test_multi_line_directive_is_reported_at_its_start(tmp_path: Path) -> None:
    body = "Intro.\n\n<!--\nsmarthub-disable-next-line TERM001\n-->\nfine\n"
    assert _lint(tmp_path, body, []) == [(3, 1, "suppression silences nothing here: remove it")]
