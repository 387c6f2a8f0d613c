"""The VOICE rules find the same in a streamed check, batch by batch, as in one whole check.

The word lists are compiled once for the configuration and reused by every batch; what
they found is kept per batch, whose regions are dropped with it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from smarthub import engine
from smarthub.config import load_config
from smarthub.engine import run_check
from tests.conftest import write_hub

VOICE = {
    "voice": {
        "phrases": [{"text": "best-in-class", "reason": "a claim without proof"}],
        "max_sentence_words": 8,
        "max_exclamations": 0,
        "unproven_claims": ["fastest"],
        "pronouns": {"avoid": ["I"], "types": ["one-pager"]},
        "reading_grade": {"default": 4},
        "min_words_for_grade": 5,
    }
}
FRONT = "---\n{{title: A{index}, type: {type}, owner: marketing, status: draft, reviewed: 2026-11-01}}\n---\n"
BODY = (
    "I think our best-in-class tool is the fastest one on the market for every finance team!\n"
    "\n"
    "We close the books in 3 days, the fastest of the 12 teams we asked.\n"
)
FILES = {
    f"content/asset-{index:02d}.md": FRONT.format(
        index=index, type=("one-pager", "battlecard")[index % 2]
    )
    + BODY
    for index in range(7)
}


def _voice_findings(root: Path, *, keep_sources: bool) -> list[tuple]:
    result = run_check(
        load_config(root / "mkdocs.yml"),
        None,
        today=dt.date(2026, 11, 30),
        keep_sources=keep_sources,
    )
    return [
        (f.path, f.line, f.column, f.end_line, f.end_column, f.code, f.message)
        for f in result.findings
        if f.code.startswith("VOICE")
    ]


@pytest.mark.parametrize("batch", [1, 3])
def test_streamed_voice_findings_are_the_whole_check_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    root = write_hub(tmp_path / "hub", FILES, VOICE)
    whole = _voice_findings(root, keep_sources=True)
    monkeypatch.setattr(engine, "STREAM_BATCH", batch)
    assert _voice_findings(root, keep_sources=False) == whole
    last = [finding[1:6] for finding in whole if finding[0] == "content/asset-06.md"]
    assert last == [
        (4, 1, 4, 88, "VOICE002"),  # 16 words
        (4, 1, 4, 88, "VOICE004"),
        (4, 1, 4, 2, "VOICE006"),
        (4, 13, 4, 26, "VOICE001"),
        (4, 39, 4, 46, "VOICE005"),
        (4, 87, 4, 88, "VOICE003"),
        (6, 1, 6, 68, "VOICE002"),  # 15 words; its "fastest" has numbers to back it
    ]
    battlecard = {finding[5] for finding in whole if finding[0] == "content/asset-05.md"}
    assert "VOICE006" not in battlecard  # pronouns only in one-pagers
