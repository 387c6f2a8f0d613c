"""TERM004's message, exactly as a writer reads it (the golden cases check positions only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from smarthub.config import load_config
from smarthub.engine import run_check


def messages(root: Path) -> list[str]:
    """``line:column message`` of every TERM004 finding in the hub."""
    result = run_check(load_config(root / "mkdocs.yml"), select=["TERM004"])
    return [f"{f.line}:{f.column} {f.message}" for f in result.findings]


def test_message_counts_the_uses(hub: Callable[..., Path]) -> None:
    root = hub({"content/index.md": "The QBR, the QBR and QBRs; an SLA, then the SLA; a KPI.\n"})
    assert messages(root) == [
        "1:5 acronym 'QBR' is not defined (used 3 times): add it to the glossary or to "
        "acronyms.allow, or write it out once as 'Words In Full (QBR)'",
        "1:31 acronym 'SLA' is not defined (used 2 times): add it to the glossary or to "
        "acronyms.allow, or write it out once as 'Words In Full (SLA)'",
        "1:52 acronym 'KPI' is not defined: add it to the glossary or to acronyms.allow, "
        "or write it out once as 'Words In Full (KPI)'",
    ]


def test_numbered_uses_are_counted_under_their_stem(hub: Callable[..., Path]) -> None:
    root = hub({"content/index.md": "Levels IC1 and IC2.\n"})
    assert messages(root) == [
        "1:8 acronym 'IC' is not defined (used 2 times): add it to the glossary or to "
        "acronyms.allow, or write it out once as 'Words In Full (IC)'",
    ]
