"""Rules describe themselves: discovered from ``checks/``, filtered by the engine.

A rule module dropped into the checks package appears in ``smarthub rules`` with no other
edit, and a hub-wide rule that reports on every file still reports only on the files asked
for, in one process and with ``-j 2``, because the engine filters, not the rule.
"""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import smarthub.checks
from smarthub import parallel
from smarthub.checks import registry
from smarthub.cli import cli
from smarthub.config import load_config
from smarthub.engine import run_check
from tests.conftest import entry

EVERY_FILE_RULE = '''
"""A test rule: one finding at the start of every loaded file, whichever were asked for."""

from smarthub.checks.registry import register
from smarthub.findings import Severity


@register(
    "ZZZZ901",
    "test.every-file",
    Severity.WARNING,
    "Reports every loaded file.",
    "What it does: reports every file.\\n\\nExample that fails: any.\\n\\nExample that passes: none.",
)
def check_every_file(ctx):
    for source in ctx.hub.sources:  # deliberately not ctx.sources(): the engine must filter
        yield ctx.finding(check_every_file, source, 0, 1, "seen")
'''


@pytest.fixture
def dropped_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A new rule module in a folder added to the checks package, as if dropped into it."""
    registry.all_rules()  # the shipped rules registered first, so the copy below holds them
    folder = tmp_path / "more_checks"
    folder.mkdir()
    (folder / "every_file.py").write_text(textwrap.dedent(EVERY_FILE_RULE), encoding="utf-8")
    monkeypatch.setattr(smarthub.checks, "__path__", [*smarthub.checks.__path__, str(folder)])
    monkeypatch.setattr(registry, "_RULES", dict(registry._RULES))
    monkeypatch.delitem(sys.modules, "smarthub.checks.every_file", raising=False)
    yield "ZZZZ901"
    sys.modules.pop("smarthub.checks.every_file", None)


def test_a_dropped_rule_module_is_listed(dropped_rule: str) -> None:
    listing = CliRunner().invoke(cli, ["rules"]).output.splitlines()
    assert listing[-1].split()[:3] == ["ZZZZ901", "test.every-file", "warning"]
    explained = CliRunner().invoke(cli, ["explain", "test.every-file"]).output
    assert explained.startswith("ZZZZ901 (test.every-file), default severity: warning\n")


def test_discovery_finds_every_shipped_rule_module() -> None:
    modules = {rule.check.__module__ for rule in registry.all_rules() if rule.check is not None}
    assert modules == {
        "smarthub.checks.acronyms",
        "smarthub.checks.glossary",
        "smarthub.checks.html",
        "smarthub.checks.meta",
        "smarthub.checks.refs",
        "smarthub.checks.review",
        "smarthub.checks.terms",
        "smarthub.checks.voice",
    }


@pytest.fixture
def three_pages(hub: Callable[..., Path]) -> Path:
    pages = {f"content/page{number}/index.md": f"Page {number}.\n" for number in range(3)}
    term = entry("term: email\nowner: marketing\napproved_by: [sales, marketing]", "A message.\n")
    return hub({**pages, "glossary/email.md": term})  # loaded by every run, asked for or not


def test_engine_reports_only_the_requested_file(dropped_rule: str, three_pages: Path) -> None:
    config = load_config(three_pages / "mkdocs.yml")
    asked = three_pages / "content/page1/index.md"
    result = run_check(config, [asked], select=[dropped_rule], today=dt.date(2026, 11, 23))
    assert [(f.path, f.line, f.column, f.code) for f in result.findings] == [
        ("content/page1/index.md", 1, 1, "ZZZZ901")
    ]


def test_every_file_once_with_two_workers(
    dropped_rule: str, three_pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM_FILES", 2)  # three pages are "large" here
    config = load_config(three_pages / "mkdocs.yml")
    day = dt.date(2026, 11, 23)
    single = run_check(config, select=[dropped_rule], today=day)
    split = run_check(config, select=[dropped_rule], today=day, jobs=2)
    paths = [finding.path for finding in split.findings]
    assert paths == sorted(set(paths)), "a file reported twice"
    assert paths == [finding.path for finding in single.findings]
    assert paths == [
        "content/page0/index.md",
        "content/page1/index.md",
        "content/page2/index.md",
        "glossary/email.md",
    ]
