"""SARIF fixes and fingerprints: only safe edits become fixes; fingerprints outlive the day.

Code scanning keys alerts on ``partialFingerprints``: a message in it (REVW001's day count)
would close and reopen every alert daily, and a line number would do it on every edit
above. A ``fixes`` entry is offered to reviewers as a one-click change, so it must only
come from an edit the check judged safe (never across ``hot **lead**``'s markup).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import entry
from tests.test_cli import run
from tests.test_fix import GLOSSARY

ASSET = entry(
    """
    title: Follow-up
    type: email-template
    owner: marketing
    status: draft
    reviewed: 2026-01-01
    """,
    "Send the e-mail to every hot **lead**.\n",
)


def _sarif(root: Path, *args: str) -> dict:
    done = run(root, "check", "--format", "sarif", *args)
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)["runs"][0]


def _results(run_: dict) -> dict[tuple[str, str], dict]:
    return {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"].get("snippet", {}).get("text", ""),
        ): r
        for r in run_["results"]
    }


def test_fixes_only_from_safe_edits(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "content/follow-up.md": ASSET})
    results = _results(_sarif(root, "--today", "2026-11-23"))
    across_markup = results[("TERM001", "hot **lead")]
    assert "fixes" not in across_markup
    assert across_markup["message"]["text"].endswith("use 'marketing qualified lead'")
    plain = results[("TERM001", "e-mail")]
    replacement = plain["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "email"}
    assert replacement["deletedRegion"] == {
        "startLine": 8,
        "startColumn": 10,
        "endLine": 8,
        "endColumn": 16,
    }


def test_fingerprints_survive_a_new_day_and_shifted_lines(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "content/follow-up.md": ASSET})
    today = _sarif(root, "--today", "2026-11-23")
    tomorrow = _sarif(root, "--today", "2026-11-24")
    overdue = [r for r in today["results"] if r["ruleId"] == "REVW001"]
    assert overdue, "the asset's review is overdue in both runs"
    assert [r["message"]["text"] for r in today["results"]] != [
        r["message"]["text"] for r in tomorrow["results"]
    ]  # REVW001's day count moved on...
    assert [r["partialFingerprints"] for r in today["results"]] == [
        r["partialFingerprints"] for r in tomorrow["results"]
    ]  # ...and no alert closes and reopens
    page = root / "content/follow-up.md"
    page.write_text(page.read_text().replace("---\nSend", "---\nIntro.\n\nSend"))
    shifted = _sarif(root, "--today", "2026-11-23")
    assert sorted(str(r["partialFingerprints"]) for r in shifted["results"]) == sorted(
        str(r["partialFingerprints"]) for r in today["results"]
    )


def test_repeated_matches_get_distinct_fingerprints(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "content/index.md": "An e-mail.\n\nAnother e-mail.\n"})
    results = _sarif(root)["results"]
    prints = [r["partialFingerprints"]["smarthubFinding/v1"] for r in results]
    assert len(prints) == 2 and len(set(prints)) == 2
