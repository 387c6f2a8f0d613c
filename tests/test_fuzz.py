"""Property-based: on generated hubs the check never raises, and findings are exact and stable."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarthub.config import load_config
from smarthub.engine import run_check
from smarthub.load import files as discovery
from tests.conftest import write_hub
from tests.test_fix import GLOSSARY

MARKDOWN_PIECES = [
    "e-mail",
    "E-MAILS",
    "hot lead",
    "hot\nlead",
    "Hubspot's",
    "sales-ready lead",
    "MQL",
    "QBR",
    "KPIs",
    "the team",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "**",
    "*",
    "_",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "](x.md)",
    "<span title='e-mail'>",
    "</span>",
    "<!--",
    "-->",
    "<!-- smarthub-disable-next-line TERM001 -->",
    "<!-- smarthub-disable -->",
    "<!-- smarthub-enable -->",
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "    ",
    "```\n",
    "~~~",
    "| a | b |\n|---|---|\n",
    "{{ ",
    " }}",
    "{%",
    "https://e-mail.example.com",
    "x@y.com",
    '!!! note "Hot lead"\n    ',
    "\t",
    "é",
    "ß",
    "😀",
    "\u200b",
    "\\",
    "&amp;",
    "---",
    "\ufeff",
    ".",
]
FRONT_MATTER = st.one_of(
    st.just(""),
    st.just("---\n"),
    st.builds(
        lambda lines: "---\n" + "".join(lines) + "---\n",
        st.lists(
            st.sampled_from(
                [
                    "title: An e-mail plan\n",
                    "title: [a, b]\n",
                    "type: battlecard\n",
                    "type: 3\n",
                    "owner: sales\n",
                    "owner: nobody\n",
                    "status: draft\n",
                    "status: published\n",
                    "reviewed: 2026-10-01\n",
                    "reviewed: 2026-13-40\n",
                    "reviewed: soon\n",
                    "personas: [cfo]\n",
                    "personas: cfo\n",
                    "stages: [decision, nowhere]\n",
                    "summary: 'A hot lead'\n",
                    "summary: >\n  folded e-mail\n",
                    "persnas: [x]\n",
                    "smarthub: {disable: [TERM001]}\n",
                    "extra: {a: 1}\n",
                    "title: &a x\n",
                    "key: *a\n",
                    ": broken\n",
                    "title: 'unclosed\n",
                    "- item\n",
                    "tags: [e-mail]\n",
                    "title: x\ntitle: y\n",
                ]
            ),
            max_size=8,
        ),
    ),
)
BODIES = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join)
FILES = st.dictionaries(
    st.sampled_from(
        ["content/a.md", "content/b/index.md", "content/c d.md", "personas/p.md", "playbooks/q.md"]
    ),
    st.tuples(FRONT_MATTER, BODIES).map("".join),
    min_size=1,
    max_size=4,
)
TODAY = dt.date(2026, 11, 23)


def _check(root: Path):
    return run_check(load_config(root / "mkdocs.yml"), today=TODAY)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILES)
def test_check_never_raises_and_spans_are_exact(files: dict[str, str]) -> None:
    root = Path(tempfile.mkdtemp(prefix="smarthub-fuzz-")) / "hub"
    try:
        write_hub(root, {**GLOSSARY, **files})
        first = _check(root)
        for finding in first.findings:
            text = (root / finding.path).read_bytes().decode("utf-8").removeprefix("\ufeff")
            lines = text.split("\n")
            assert 1 <= finding.line <= finding.end_line <= len(lines)
            start = sum(len(line) + 1 for line in lines[: finding.line - 1]) + finding.column - 1
            end = (
                sum(len(line) + 1 for line in lines[: finding.end_line - 1])
                + finding.end_column
                - 1
            )
            assert 0 <= start <= end <= len(text)
            assert text[start:end] == finding.match, finding
        again = _check(root)
        assert again.findings == first.findings
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


def test_findings_do_not_depend_on_file_order(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = {
        **GLOSSARY,
        "glossary/twin.md": "---\nterm: electronic mail\naliases: [Email]\nowner: sales\napproved_by: [sales]\n---\nX.\n",
        "content/a.md": "An e-mail to Hubspot.\n",
        "content/b.md": "---\ntitle: B\n---\nThe QBR.\n",
        "personas/p.md": "---\nname: P\nrole: CFO\nowner: nobody\n---\nA hot lead.\n",
    }
    root = write_hub(tmp_path / "hub", files)
    forward = _check(root).findings
    original = discovery._markdown_files
    monkeypatch.setattr(discovery, "_markdown_files", lambda base: list(reversed(original(base))))
    assert _check(root).findings == forward
    assert {f.code for f in forward} >= {
        "GLOS001",
        "GLOS002",
        "REFS001",
        "TERM001",
        "TERM003",
        "TERM004",
    }
