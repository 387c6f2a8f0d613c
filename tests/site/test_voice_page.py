"""The brand-voice rules page: generated from the `voice` options, shown in a real browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.site.conftest import (
    CHROMIUM,
    NO_CHROMIUM,
    NO_PLAYWRIGHT,
    TODAY,
    serve_folder,
    smarthub,
    write_site_hub,
)

VOICE = {
    "phrases": [
        {"text": "best-in-class", "reason": "a claim without proof", "instead": "say what it does"},
        {"text": "utilize", "replace": "use"},
        "<script>alert(1)</script>",
    ],
    "max_sentence_words": 30,
    "max_exclamations": 0,
    "reading_grade": {"default": 11, "email-template": 8},
    "unproven_claims": ["fastest", "#1"],
    "pronouns": {"avoid": ["I"], "reason": "we write as the company", "types": ["one-pager"]},
}


@pytest.fixture(scope="module")
def voice_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write_site_hub(tmp_path_factory.mktemp("voice-hub"), options={"voice": VOICE})
    done = smarthub("build", "--today", TODAY, "-d", root / "site", cwd=root)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert (root / "site" / "voice" / "index.html").is_file(), done.stdout + done.stderr
    with serve_folder(root / "site") as served:
        yield served.url


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
def test_voice_page_lists_every_configured_rule(tab, voice_site: str) -> None:
    pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT)
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(voice_site + "voice/")
    article = tab.locator("article")
    assert article.locator("h1").inner_text().startswith("Brand voice rules")
    headings = [text.strip("¶ \n") for text in article.locator("h2").all_inner_texts()]
    assert headings == [
        "Phrases we avoid (VOICE001)",
        "Sentence length (VOICE002)",
        "Exclamation marks (VOICE003)",
        "Reading level (VOICE004)",
        "Claims that need proof (VOICE005)",
        "Pronouns (VOICE006)",
    ]
    rows = [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in article.locator("table").first.locator("tbody tr").all()
    ]
    assert rows == [
        ["best-in-class", "a claim without proof", "say what it does"],
        ["utilize", "", "use (fixed automatically)"],
        ["<script>alert(1)</script>", "", ""],
    ]
    text = article.inner_text()
    assert "Keep sentences to 30 words or fewer." in text
    assert "No exclamation marks" in text
    assert "fastest, #1." in text
    assert "Avoid I in One pager: we write as the company." in text
    grades = article.locator("table").nth(1).locator("tbody tr").all_inner_texts()
    assert [" ".join(row.split()) for row in grades] == [
        "Any other type and playbooks 11",
        "Email template 8",
    ]
    assert tab.locator("nav").get_by_text("Brand voice rules").count() >= 1
    assert dialogs == []


def test_no_voice_options_no_voice_page(tmp_path) -> None:
    root = write_site_hub(tmp_path)
    done = smarthub("build", "--today", TODAY, "-d", root / "site", cwd=root)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert (root / "site" / "index.html").is_file()
    assert not (root / "site" / "voice").exists()
