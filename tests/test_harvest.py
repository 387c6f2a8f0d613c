"""``smarthub harvest``: exact counts on a small hub, the real corpus, and --write drafts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import entry, write_hub

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

PAGES = {
    "content/index.md": (
        "Send an email today. Every e-mail counts. The email goes out, one email a day.\n\n"
        "We use HubSpot daily. Hubspot is our CRM. HubSpot syncs.\n\n"
        "Our Quarterly Business Review (QBR) is monthly. The QBR slides.\n\n"
        "Send it to `e-mail-service` or hubspot-export.csv or ops@e-mail.example.\n"
    ),
    "content/more/index.md": "Another e-mail here. Onboarding starts now; on-boarding ends later.\n",
}
EMAIL_ENTRY = entry(
    "term: email\navoid: [e-mail]\nowner: marketing\napproved_by: [sales, marketing]",
    "A message sent by email.\n",
)


def harvest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smarthub", "harvest", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def candidates(root: Path, *args: str) -> list[dict]:
    done = harvest(root, "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["candidates"]


def test_counts_variants_cases_and_acronyms_exactly(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", PAGES)
    found = candidates(root)
    assert found == [
        {
            "kind": "variant",
            "key": "email",
            "count": 5,
            "files": 2,
            "variants": [
                {"text": "email", "count": 3, "files": ["content/index.md"]},
                {
                    "text": "e-mail",
                    "count": 2,
                    "files": ["content/index.md", "content/more/index.md"],
                },
            ],
        },
        {
            "kind": "case",
            "key": "hubspot",
            "count": 3,
            "files": 1,
            "variants": [
                {"text": "HubSpot", "count": 2, "files": ["content/index.md"]},
                {"text": "Hubspot", "count": 1, "files": ["content/index.md"]},
            ],
        },
        {
            "kind": "variant",
            "key": "onboarding",
            "count": 2,
            "files": 1,
            "variants": [
                {"text": "Onboarding", "count": 1, "files": ["content/more/index.md"]},
                {"text": "on-boarding", "count": 1, "files": ["content/more/index.md"]},
            ],
        },
        {
            "kind": "acronym",
            "key": "QBR",
            "count": 2,
            "files": 1,
            "variants": [{"text": "QBR", "count": 2, "files": ["content/index.md"]}],
            "long_form": "Quarterly Business Review",
        },
    ]


def test_text_output_and_min_count(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", PAGES)
    done = harvest(root, "--min-count", "3")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Spelled several ways, no glossary entry:\n"
        "      5  email (3) · e-mail (2)  in 2 files\n"
        "\n"
        "Names written in several cases, no glossary entry:\n"
        "      3  HubSpot (2) · Hubspot (1)  in 1 file\n"
        "\n"
        "Propose entries with 'smarthub harvest --write'; list what should never be proposed "
        "under harvest.ignore in mkdocs.yml.\n"
    )


def test_glossary_terms_become_conflicts_and_ignore_is_honoured(tmp_path: Path) -> None:
    root = write_hub(
        tmp_path / "hub",
        {**PAGES, "glossary/email.md": EMAIL_ENTRY},
        {"harvest": {"ignore": ["hubspot", "on-boarding", "QBR"]}},
    )
    assert candidates(root) == [
        {
            "kind": "conflict",
            "key": "email",
            "count": 5,
            "files": 2,
            "term": "email",
            "variants": [
                {"text": "email", "count": 3, "files": ["content/index.md"]},
                {
                    "text": "e-mail",
                    "count": 2,
                    "files": ["content/index.md", "content/more/index.md"],
                },
            ],
        }
    ]


def test_write_drafts_proposed_entries_that_check_accepts(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", PAGES)
    (root / "glossary").mkdir()
    (root / "glossary" / "hubspot.md").write_text("kept as it is\n", encoding="utf-8")
    done = harvest(root, "--write")
    assert done.returncode == 0, done.stderr
    assert "Wrote glossary/email.md" in done.stderr
    assert "Wrote glossary/hubspot.md" not in done.stderr  # never replaces a file
    assert (root / "glossary" / "hubspot.md").read_text(encoding="utf-8") == "kept as it is\n"
    email = (root / "glossary" / "email.md").read_text(encoding="utf-8")
    assert email.startswith(
        "---\nterm: email\navoid:\n  - e-mail\nstatus: proposed\nowner: sales\n---\n"
    )
    qbr = (root / "glossary" / "quarterly-business-review.md").read_text(encoding="utf-8")
    assert "term: Quarterly Business Review\nabbreviation: QBR\n" in qbr
    (root / "glossary" / "hubspot.md").unlink()
    check = subprocess.run(
        [sys.executable, "-m", "smarthub", "check", "--select", "GLOS,META,REFS,LOAD"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_unknown_owner_is_a_usage_error(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", PAGES)
    done = harvest(root, "--write", "--owner", "legal")
    assert done.returncode == 2
    assert "--owner 'legal' is not one of the teams (sales, marketing)" in done.stderr
    assert not (root / "glossary").exists()


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_corpus_top_candidates_include_email_and_a_brand_case_variant(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", {})
    shutil.copytree(
        CORPUS, root / "content" / "corpus", ignore=shutil.ignore_patterns("LICENSES", "*.tsv")
    )
    found = candidates(root)
    variants = [c for c in found if c["kind"] == "variant"][:5]
    assert {"email", "e-mail"} <= {v["text"] for v in variants[0]["variants"]}
    cases = [c for c in found if c["kind"] == "case"][:5]
    brands = {v["text"] for c in cases for v in c["variants"]}
    assert {"GitLab", "Gitlab"} <= brands or {"HubSpot", "Hubspot"} <= brands
