"""Property-based: on generated Markdown, fixes change nothing outside the reported spans."""

from __future__ import annotations

import difflib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarthub import fix
from smarthub.config import load_config
from smarthub.engine import run_check
from tests.conftest import write_hub
from tests.test_fix import GLOSSARY

PIECES = st.sampled_from(
    [
        "e-mail",
        "E-mails",
        "e-mail's",
        "hot lead",
        "Hot Leads",
        "hot\nlead",
        "Hubspot",
        "HUBSPOT's",
        "sales-ready lead",
        "email",
        "HubSpot",
        "MQL",
        "the",
        "team",
        " ",
        "\n",
        "\n\n",
        "**",
        "_",
        "`",
        "[",
        "](https://e-mail.example.com)",
        "<b>",
        "</b>",
        "<!-- hot lead -->",
        "# ",
        "- ",
        "> ",
        "```\n",
        "    ",
        "{{ e-mail }}",
        "x@e-mail.com",
        "www.hubspot.com",
        ".",
        ", ",
        "é",
        "😀",
        "\r\n",
    ]
)
DOCUMENTS = st.lists(PIECES, max_size=40).map("".join)
HUB = Path(tempfile.mkdtemp(prefix="smarthub-fix-prop-")) / "hub"
write_hub(HUB, GLOSSARY)
CONFIG = load_config(HUB / "mkdocs.yml")
PAGE = HUB / "content" / "index.md"


def _offsets(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _check(document: str):
    PAGE.write_text(document, encoding="utf-8", newline="")
    return run_check(CONFIG, [PAGE], select=["TERM001", "TERM002", "TERM003"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_fix_changes_only_reported_spans(document: str) -> None:
    result = _check(document)
    plans = fix.plan(result)
    if not plans:
        return
    (plan,) = plans
    starts = _offsets(document)
    spans = [
        (starts[f.line - 1] + f.column - 1, starts[f.end_line - 1] + f.end_column - 1)
        for f in result.findings
    ]
    matcher = difflib.SequenceMatcher(None, document, plan.new_text, autojunk=False)
    for tag, old_start, old_end, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert any(start <= old_start and old_end <= end for start, end in spans), (
            tag,
            old_start,
            old_end,
            spans,
        )
    # Idempotent: the fixed text has nothing left to fix.
    again = fix.plan(_check(plan.new_text))
    assert not again or not again[0].fixed, again[0].new_text
