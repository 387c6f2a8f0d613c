"""Issue 9's done-when: ``--fix`` on the sample hub's own glossary writes what an editor would.

The real ``smarthub check --fix`` runs on a copy of the repository's sample hub (its
``mkdocs.yml``, glossary, personas, playbooks and content) with one page of the phrases the
fixer used to get wrong; the page must read exactly as below, and a second run must change
nothing anywhere in the hub.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.test_cli import run

SAMPLE_HUB = Path(__file__).resolve().parents[1]

PHRASES = """\
# Phrases

The e-mail an SDR sends to every hot lead.

Track their close rate.

Open the battle card.

Run the 3-way match.

Plan the on-boarding.

Ask the BDR.

Two battle cards.
"""

FIXED = """\
# Phrases

The email an SDR sends to every marketing-qualified lead.

Track their win rate.

Open the battlecard.

Run the three-way match.

Plan the onboarding.

Ask the SDR.

Two battlecards.
"""


def _copy_sample_hub(target: Path) -> Path:
    target.mkdir()
    shutil.copy2(SAMPLE_HUB / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("glossary", "personas", "playbooks", "content"):
        shutil.copytree(SAMPLE_HUB / folder, target / folder)
    return target


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*.md")}


def test_fix_on_the_sample_hub_writes_what_an_editor_would(tmp_path: Path) -> None:
    root = _copy_sample_hub(tmp_path / "hub")
    page = root / "content" / "phrases" / "index.md"
    page.parent.mkdir()
    page.write_text(PHRASES, encoding="utf-8")

    done = run(root, "check", "--fix", "--today", "2026-11-23")
    assert page.read_text(encoding="utf-8") == FIXED
    assert done.stderr == (
        "content/phrases/index.md:3:5: fixed TERM001 'e-mail' -> 'email'\n"
        "content/phrases/index.md:3:34: fixed TERM001 'hot lead' -> 'marketing-qualified lead'\n"
        "content/phrases/index.md:5:13: fixed TERM001 'close rate' -> 'win rate'\n"
        "content/phrases/index.md:7:10: fixed TERM001 'battle card' -> 'battlecard'\n"
        "content/phrases/index.md:9:9: fixed TERM001 '3-way match' -> 'three-way match'\n"
        "content/phrases/index.md:11:10: fixed TERM001 'on-boarding' -> 'onboarding'\n"
        "content/phrases/index.md:13:9: fixed TERM001 'BDR' -> 'SDR'\n"
        "content/phrases/index.md:15:5: fixed TERM001 'battle cards' -> 'battlecards'\n"
        "Fixed 8 findings.\n"
    )
    assert done.returncode == 0, done.stdout

    before = _snapshot(root)
    again = run(root, "check", "--fix", "--today", "2026-11-23")
    assert again.stderr == "Fixed 0 findings.\n"
    assert again.returncode == 0
    assert _snapshot(root) == before
