"""The editor's check of one buffer equals ``smarthub check`` on that file, file by file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from smarthub.buffer import HubSnapshot, kind_of
from smarthub.engine import run_check
from smarthub.load.files import discover

REPOSITORY = Path(__file__).resolve().parents[2]
TODAY = dt.date(2027, 6, 1)  # late enough for overdue reviews to be among the findings


def test_every_sample_hub_file_checks_the_same_as_a_buffer() -> None:
    snapshot = HubSnapshot(REPOSITORY / "mkdocs.yml")
    full = run_check(snapshot.config, None, today=TODAY)
    files = list(discover(snapshot.config))
    assert len(files) > 50
    for found in files:
        text = found.path.read_bytes().decode("utf-8-sig")
        checked = snapshot.check(found.rel, text, today=TODAY)
        assert checked is not None
        expected = [finding for finding in full.findings if finding.path == found.rel]
        assert checked.findings == expected, found.rel
    assert any(finding.code == "REVW001" for finding in full.findings)


def test_paths_outside_the_hub_folders_are_not_checked() -> None:
    config = HubSnapshot(REPOSITORY / "mkdocs.yml").config
    assert kind_of(config, "README.md") is None
    assert kind_of(config, "glossary/notes.txt") is None
    assert kind_of(config, "content/.drafts/x.md") is None
    assert kind_of(config, "content/index.md") == "page"
    assert kind_of(config, "content/battlecards/vs-invoicehive.md") == "asset"
    assert kind_of(config, "glossary/email.md") == "term"
