"""Nothing from the hub runs in a browser: hostile values in every field, real builds, Chromium.

One hub puts script into every value that reaches a page (file names and ids, labels, titles,
summaries, tags, persona and playbook fields, term names, definitions and avoid reasons shown
as tooltips). It is built twice, by ``mkdocs build`` through the plugin and by ``smarthub
stage`` followed by a plain ``mkdocs build``; headless Chromium opens every page, hovers every
element with a tooltip (Material's ``content.tooltips`` shows titles as HTML) and fails on any
dialog. Bodies carry no raw HTML: that is the author's, as in any MkDocs site (see HTML001).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from tests.conftest import BASE_OPTIONS, entry, write_hub
from tests.site.conftest import (
    CHROMIUM,
    FULL_CONFIG,
    NO_CHROMIUM,
    NO_PLAYWRIGHT,
    TODAY,
    mkdocs,
    serve_folder,
    smarthub,
)

X = "<img src=x onerror=alert('{}')>"
LINK = "[{0}](javascript:alert('{0}'))"
PERSONA_ID = "buyer autofocus tabindex=1 onfocus=alert('id')"
FILES: dict[str, str] = {
    "glossary/cross-site-scripting.md": entry(
        f"""
        term: "{X.format("term")}"
        abbreviation: XSS
        aliases: [cross-site scripting]
        avoid:
          - text: script injection
            reason: "{X.format("reason")}"
        owner: "{LINK.format("term-owner")}"
        approved_by: [sales, marketing]
        reviewed: 2026-10-01
        """,
        "Cross-site scripting is pasting `<img src=x onerror=alert('definition')>` into a page"
        " &lt;img src=x onerror=alert('entity')&gt;.\n",
    ),
    f"personas/{PERSONA_ID}.md": entry(
        f"""
        name: "{X.format("name")}"
        role: "{LINK.format("role")}"
        owner: marketing
        segment: "{X.format("segment")}"
        goals: ["{LINK.format("goal")}"]
        pains: ["{X.format("pain")}"]
        channels: ["{{: onclick=alert('channel') }}"]
        objections:
          - objection: "\\" onmouseover=alert('objection') x=\\""
            response: "{X.format("response")}"
        reviewed: 2026-10-01
        """,
        "A buyer who reads about XSS and cross-site scripting.\n",
    ),
    "playbooks/hand-off.md": entry(
        f"""
        title: "{X.format("playbook")}"
        owner: "{LINK.format("playbook-owner")}"
        reviewed: 2026-10-01
        audience: ["{LINK.format("audience")}", sales]
        personas: ["{PERSONA_ID}"]
        stages: ["{LINK.format("playbook-stage")}", decision]
        summary: "{X.format("summary")}"
        tags: ["{X.format("playbook-tag")}"]
        """,
        "Hand XSS leads over within a day.\n",
    ),
    "content/index.md": "# Hostile hub\n\nXSS and cross-site scripting, explained.\n",
    "content/battlecards/javascript:alert('file').md": entry(
        f"""
        title: "{X.format("title")}"
        type: "{LINK.format("type")}"
        owner: "{LINK.format("owner")}"
        status: published
        reviewed: 2026-10-01
        personas: ["{PERSONA_ID}"]
        stages: ["{LINK.format("stage")}", "late stage"]
        summary: "{X.format("asset-summary")}"
        tags: ["{X.format("tag")}"]
        """,
        "Talk about XSS and cross-site scripting with care.\n",
    ),
}
OPTIONS: dict[str, Any] = {
    **BASE_OPTIONS,
    "teams": ["sales", "marketing"],
    "journey": ["awareness", "decision", "late stage"],
}


def _config() -> str:
    """Material with tooltips and the tags plugin (it prints a page's tags)."""
    return yaml.safe_dump({**FULL_CONFIG, "plugins": ["search", "tags", {"smarthub": OPTIONS}]})


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hostile hub built by the plugin and through ``stage``: ``{name: site folder}``."""
    root = write_hub(tmp_path_factory.mktemp("hostile"), {**FILES, "mkdocs.yml": _config()})
    plugin = mkdocs("build", "-d", root / "site", cwd=root)
    assert "Traceback" not in plugin.stderr, plugin.stderr
    assert (root / "site" / "index.html").is_file(), plugin.stderr
    staged = root.parent / "staged"
    done = smarthub("stage", staged, "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stderr
    built = mkdocs("build", cwd=staged)
    assert built.returncode == 0, built.stderr
    return {"plugin": root / "site", "stage": staged / "site"}


def _pages(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if path.name != "404.html" and "assets" not in path.parts
    )


class _Attributes(HTMLParser):
    """Every (tag, attribute, value) of a page, values decoded as a browser decodes them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs]


def _attributes(html: str) -> list[tuple[str, str, str]]:
    parser = _Attributes()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("build", ["plugin", "stage"])
def test_no_hub_value_becomes_a_handler_a_script_url_or_tooltip_markup(
    hostile_sites: dict[str, Path], build: str
) -> None:
    site = hostile_sites[build]
    pages = _pages(site)
    assert len(pages) >= 10, pages
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        for tag, name, value in _attributes(html):
            assert not name.startswith("on"), (page, tag, name, value)
            assert not value.strip().lower().startswith("javascript:"), (page, tag, name, value)
            if name == "title":  # Material shows titles as HTML
                assert "<" not in value, (page, tag, value)
        assert not re.search(r"<img[^>]*onerror", html), page


sync_api = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT)


@pytest.fixture(scope="module")
def served(hostile_sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    with (
        serve_folder(hostile_sites["plugin"]) as plugin,
        serve_folder(hostile_sites["stage"]) as stage,
    ):
        yield {"plugin": plugin.url, "stage": stage.url}


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
@pytest.mark.parametrize("build", ["plugin", "stage"])
def test_no_dialog_opens_on_any_page_or_tooltip(
    browser: Any, served: dict[str, str], hostile_sites: dict[str, Path], build: str
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    context.on("dialog", dismiss)
    tab = context.new_page()
    hovered = 0
    try:
        for page in _pages(hostile_sites[build]):
            tab.goto(served[build] + page)
            tab.wait_for_load_state("load")
            for element in tab.locator("article [title]").all()[:20]:
                if element.is_visible():
                    element.hover()
                    hovered += 1
            tab.wait_for_timeout(50)
    finally:
        context.close()
    assert dialogs == []
    assert hovered >= 3  # the tooltips were there to attack


def test_exported_and_staged_abbreviation_titles_are_text_for_material() -> None:
    """The abbreviations export and staged ``*[ABBR]:`` lines give titles without markup."""
    from smarthub.export.abbreviations import render_abbreviations
    from smarthub.model import SourceFile, Term

    term = Term(
        source=SourceFile(path=Path("glossary/xss.md"), rel="glossary/xss.md", kind="term"),
        term="<b>Cross</b>-site scripting",
        abbreviation="XSS",
        owner="sales",
        definition="Pasting <img src=x onerror=alert(1)> or &lt;script&gt; into a page.",
    )
    snippet, warnings = render_abbreviations([term])
    html = markdown.markdown("The XSS risk.\n\n" + snippet, extensions=["abbr"])
    titles = [value for tag, name, value in _attributes(html) if name == "title"]
    assert warnings == []
    assert titles == [
        "&lt;b>Cross&lt;/b>-site scripting — Pasting &lt;img src=x onerror=alert(1)> or "
        "&lt;script> into a page."
    ]
