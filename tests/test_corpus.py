"""Robustness on real sales and marketing handbook pages written by others (../shared/corpus)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import entry, write_hub

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")

GLOSSARY = {
    "glossary/email.md": entry(
        "term: email\navoid: [e-mail]\nowner: marketing\napproved_by: [sales, marketing]",
        "A message.\n",
    ),
    "glossary/sales-qualified-lead.md": entry(
        "term: Sales Qualified Lead\nabbreviation: SQL\navoid: [sales-ready lead]\nowner: sales\n"
        "approved_by: [sales, marketing]",
        "A qualified lead.\n",
    ),
    "glossary/sourcegraph.md": entry(
        "term: Sourcegraph\ncasing: exact\nowner: marketing\napproved_by: [sales, marketing]",
        "The product.\n",
    ),
    "glossary/go-to-market.md": entry(
        "term: go-to-market\nabbreviation: GTM\navoid: [go to market]\n"
        "owner: marketing\napproved_by: [sales, marketing]",
        "Launch plan.\n",
    ),
}


def test_check_over_real_corpus(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", GLOSSARY)
    shutil.copytree(
        CORPUS, root / "content" / "corpus", ignore=shutil.ignore_patterns("LICENSES", "*.tsv")
    )
    done = subprocess.run(
        [sys.executable, "-m", "smarthub", "check", "--format", "json", "--select", "TERM,LOAD"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    document = json.loads(done.stdout)
    assert document["summary"]["files"] >= 304
    codes = {finding["code"] for finding in document["findings"]}
    assert {"TERM001", "TERM003", "TERM004"} <= codes
    for finding in document["findings"]:  # every span is inside its file and is its match
        text = (root / finding["path"]).read_text(encoding="utf-8-sig")
        lines = text.split("\n")
        assert 1 <= finding["line"] <= finding["end_line"] <= len(lines)
        if finding["line"] == finding["end_line"]:
            line = lines[finding["line"] - 1]
            assert line[finding["column"] - 1 : finding["end_column"] - 1] == finding["match"]
