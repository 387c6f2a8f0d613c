"""A check that drops each batch of content files once checked finds what the whole-hub check finds."""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from smarthub import engine
from smarthub.config import load_config
from smarthub.engine import run_check
from tests.conftest import entry
from tests.test_cli import run
from tests.test_fix import GLOSSARY

TODAY = dt.date(2026, 11, 23)

ASSETS = {
    f"content/{index % 3}/asset-{index:03d}.md": entry(
        f"title: Asset {index}\ntype: one-pager\nowner: {'sales' if index % 5 else 'nobody'}\n"
        f"status: published\npersonas: [{'cfo' if index % 4 else 'nobody'}]\nstages: [awareness]\n"
        f"reviewed: 2026-0{1 + index % 9}-01",
        f"Send the e-mail to Hubspot{index % 3 * 's'}, then the QBR {index}.\n"
        "<!-- smarthub-disable-next-line TERM001 -->\nA hot lead.\n",
    )
    for index in range(40)
}

VARIANTS = {
    # Two assets with one id in two folders (one of them in a late batch): the later one
    # shadows the earlier in the model, and the second is a META001.
    "content/0/twin.md": entry(
        "title: Twin\ntype: one-pager\nowner: sales\nstatus: draft\nreviewed: 2026-01-01",
        "The first hot lead.\n",
    ),
    "content/z/twin.md": entry(
        "title: Twin\ntype: battlecard\nowner: nobody\nstatus: draft\nreviewed: 2026-01-01",
        "The second hot lead.\n",
    ),
    # Ids that differ only in case, far apart in discovery order.
    "content/a/Case-Id.md": entry(
        "title: Case\ntype: one-pager\nowner: sales\nstatus: draft\nreviewed: 2026-11-01"
    ),
    "content/y/case-id.md": entry(
        "title: Case\ntype: one-pager\nowner: sales\nstatus: draft\nreviewed: 2026-11-01"
    ),
    # Section pages (no front matter), a broken file, an unused suppression.
    "content/index.md": "# Home\n\nAn e-mail a day. <!-- smarthub-disable-line TERM003 -->\n",
    "content/1/index.md": "# Section\n\nOur hot leads.\n",
    "content/2/broken.md": "---\ntitle: [unclosed\n---\nAn e-mail.\n",
    "content/2/latin1.md": "caf\xe9 e-mail\n".encode("latin-1"),
    "glossary/bad.md": entry(
        "term: Bad word\nowner: nobody\napproved_by: [sales, marketing]", "Bad.\n"
    ),
    "personas/cfo.md": entry("name: CFO\nrole: Finance\nowner: sales"),
    "playbooks/handoff.md": entry(
        "title: Hand-off\nowner: nobody\nreviewed: 2026-01-01", "Pass the hot lead on.\n"
    ),
}


def _findings(root: Path, *, keep_sources: bool, paths: list[Path] | None = None) -> list[tuple]:
    result = run_check(
        load_config(root / "mkdocs.yml"), paths, today=TODAY, keep_sources=keep_sources
    )
    return [
        (f.path, f.line, f.column, f.end_line, f.end_column, f.code, f.severity, f.message)
        for f in result.findings
    ], result.checked


@pytest.mark.parametrize("batch", [1, 3, 7, 1000])
def test_streamed_check_finds_what_the_whole_hub_check_finds(
    hub: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    root = hub({**GLOSSARY, **ASSETS, **VARIANTS})
    whole = _findings(root, keep_sources=True)
    monkeypatch.setattr(engine, "STREAM_BATCH", batch)
    assert _findings(root, keep_sources=False) == whole
    codes = {finding[5] for finding in whole[0]}
    assert {"LOAD001", "META001", "REFS001", "REVW001", "TERM001", "TERM004"} <= codes
    located = {finding[:6] for finding in whole[0]}
    # The twin checked first is shadowed by the later one: no review finding of its own.
    assert ("content/z/twin.md", 1, 1, 1, 1, "META001") in located
    assert ("content/z/twin.md", 6, 11, 6, 21, "REVW001") in located
    assert not any(f[0] == "content/0/twin.md" and f[5] == "REVW001" for f in whole[0])
    assert ("content/y/case-id.md", 1, 1, 1, 1, "META001") in located
    # Glossary and playbook files are reported once, whatever the number of batches.
    assert [f[:6] for f in whole[0] if f[0] == "glossary/bad.md"] == [
        ("glossary/bad.md", 3, 8, 3, 14, "REFS001")
    ]


def test_streamed_check_of_some_files_reports_only_those(
    hub: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = hub({**GLOSSARY, **ASSETS, **VARIANTS})
    paths = [root / "content/z/twin.md", root / "content/1", root / "glossary/mql.md"]
    whole = _findings(root, keep_sources=True, paths=paths)
    monkeypatch.setattr(engine, "STREAM_BATCH", 2)
    assert _findings(root, keep_sources=False, paths=paths) == whole
    assert {finding[0] for finding in whole[0]} <= {
        "content/z/twin.md",
        "content/1/index.md",
        "content/1/asset-001.md",
        *(f"content/1/asset-{index:03d}.md" for index in range(1, 40, 3)),
        "glossary/mql.md",
    }


def test_streamed_check_of_a_hub_without_content_checks_the_glossary(
    hub: Callable[..., Path],
) -> None:
    root = hub({**GLOSSARY, "glossary/bad.md": entry("term: Bad\nowner: nobody", "A hot lead.\n")})
    whole = _findings(root, keep_sources=True)
    assert whole[0]
    assert _findings(root, keep_sources=False) == whole


def test_streamed_check_keeps_memory_flat_in_the_number_of_files(
    hub: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        "A line of prose about the email we send to HubSpot and the lead.\n" * 40 + "An e-mail.\n"
    )
    files = {
        f"content/{index % 5}/asset-{index:03d}.md": entry(
            f"title: Asset {index}\ntype: one-pager\nowner: sales\nstatus: draft\n"
            "reviewed: 2026-11-01",
            body,
        )
        for index in range(300)
    }
    root = hub({**GLOSSARY, **files})
    config = load_config(root / "mkdocs.yml")
    monkeypatch.setattr(engine, "STREAM_BATCH", 20)

    def peak(keep_sources: bool) -> int:
        tracemalloc.start()
        try:
            result = run_check(config, today=TODAY, keep_sources=keep_sources)
            return tracemalloc.get_traced_memory()[1], result
        finally:
            tracemalloc.stop()

    whole, whole_result = peak(True)
    streamed, streamed_result = peak(False)
    assert streamed_result.findings == whole_result.findings
    assert len(streamed_result.findings) == 300
    # What stays is the findings; the files' texts, regions and occurrences go batch by batch.
    assert streamed < whole / 4, (streamed, whole)
    assert {source.rel for source in streamed_result.hub.sources} == set(GLOSSARY)


def test_cli_check_reports_byte_columns_of_files_it_no_longer_holds(
    hub: Callable[..., Path],
) -> None:
    # rdjson counts columns in UTF-8 bytes: the reporter reads the dropped file back from disk.
    root = hub({**GLOSSARY, "content/index.md": "# Café\n\nCafé e-mail.\n"})
    rdjson = run(
        root, "check", "-j", "1", "--no-cache", "--today", "2026-11-23", "--format", "rdjson"
    )
    assert rdjson.returncode == 1
    start = json.loads(rdjson.stdout)["diagnostics"][0]["location"]["range"]["start"]
    assert start == {"line": 3, "column": 7}
    text = run(root, "check", "-j", "1", "--no-cache", "--today", "2026-11-23")
    assert text.stdout.startswith("content/index.md:3:6: error TERM001 'e-mail'")


def test_values_of_the_glossary_are_built_once_for_all_batches(
    hub: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from smarthub.checks import acronyms

    built: list[object] = []
    build = acronyms._build_vocabulary
    monkeypatch.setattr(acronyms, "_build_vocabulary", lambda h: built.append(h) or build(h))
    monkeypatch.setattr(engine, "STREAM_BATCH", 3)
    root = hub({**GLOSSARY, **ASSETS, **VARIANTS})
    findings, _ = _findings(root, keep_sources=False)
    assert any(finding[5] == "TERM004" for finding in findings)
    assert len(built) == 1  # one glossary, however many batches
