"""Hostile values never run as script in a rep's browser, and ids never leave the site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.site.conftest import smarthub, write_site_hub

EVIL = "<img src=x onerror=alert(1)>"
# File names may not hold <, > or " (MkDocs prints a name as a title unescaped: LOAD001).
NAME = "javascript:alert(1)&'x'"
HOSTILE_FILES = {
    f"content/{EVIL}.md": "No front matter: its name would be its title.\n",
    f"personas/{NAME}.md": (
        f'---\nname: "{EVIL}"\nrole: "</title><script>alert(2)</script>"\nowner: sales\n'
        'segment: "javascript:alert(3)"\ngoals: ["<b onmouseover=alert(4)>x</b>"]\n'
        'objections:\n  - objection: "\\" onmouseover=alert(5) x=\\""\n    response: "{{ 7*7 }}"\n---\nBody.\n'
    ),
    "glossary/evil-term.md": (
        "---\nterm: evil term\nabbreviation: EVL\navoid:\n  - text: bad term\n"
        '    reason: "</script><script>alert(6)</script>"\nowner: sales\napproved_by: [sales, marketing]\n'
        'related: ["../../etc/passwd"]\n---\nA "quoted" definition with \' and &lt;b&gt;.\n'
    ),
    f"content/battlecards/{NAME} card.md": (
        f'---\ntitle: "{EVIL}"\ntype: battlecard\nowner: sales\nstatus: published\nreviewed: 2026-11-01\n'
        f'personas: ["{NAME}", "../index"]\nstages: [decision]\nsummary: "javascript:alert(8)"\n'
        'tags: ["<script>alert(9)</script>"]\n---\nThe EVL and evil term here.\n'
    ),
}
# Markup that would run if any hostile value reached the HTML unescaped.
LIVE = re.compile(
    r"<img src=x onerror|<b onmouseover|<script>alert\(|onmouseover=alert\(5\)\s*x=\"|href=\"javascript:"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site_hub(tmp_path_factory.mktemp("hostile"), HOSTILE_FILES)
    done = smarthub("build", "--today", "2026-11-23", "-d", root / "site", cwd=root)
    assert "REFS001" in done.stdout  # the ../ references are findings...
    assert "Traceback" not in done.stderr
    assert (
        f"content/{EVIL}.md:1:1: error LOAD001 {EVIL}.md has a name with a character that is "
        "markup in a web page or a control character"
    ) in done.stdout
    return root / "site"


def test_a_file_name_with_markup_is_not_published(hostile_site: Path) -> None:
    published = [path.name for path in hostile_site.rglob("*")]
    assert not [name for name in published if "<" in name]


def test_no_hostile_value_is_live_markup_anywhere(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".js") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not LIVE.search(text), (path, LIVE.search(text))


def test_search_index_carries_tags_and_titles_as_text(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search/search_index.json").read_text())
    docs = {doc["location"]: doc for doc in index["docs"]}
    card = next(doc for location, doc in docs.items() if location.startswith("battlecards/java"))
    assert card["tags"] == ["&lt;script&gt;alert(9)&lt;/script&gt;"]
    assert card["title"] == "&lt;img src=x onerror=alert(1)&gt;"


def test_ids_become_encoded_urls_inside_the_site(hostile_site: Path) -> None:
    pages = {path.relative_to(hostile_site).as_posix() for path in hostile_site.rglob("index.html")}
    assert f"personas/{NAME}/index.html" in pages
    assert all(not page.startswith("..") and "<" not in page for page in pages)
    personas = (hostile_site / "personas/index.html").read_text()
    assert 'href="javascript%3Aalert%281%29%26%27x%27/"' in personas


def test_links_only_point_at_ids_that_exist(hostile_site: Path) -> None:
    card = (hostile_site / f"battlecards/{NAME} card/index.html").read_text()
    header = card[card.index('class="smarthub-type"') :].split("</p>", 1)[0]
    assert "../index" in header  # shown as text...
    assert 'href="../../index' not in header and "%2E%2E" not in header  # ...never linked
    term = (hostile_site / "glossary/evil-term/index.html").read_text()
    assert "etc/passwd" not in " ".join(re.findall(r'href="([^"]*)"', term))


def test_tooltip_attribute_holds_quotes_safely(hostile_site: Path) -> None:
    card = (hostile_site / f"battlecards/{NAME} card/index.html").read_text()
    # Escaped once more for Material's tooltips, which show the title as HTML.
    assert (
        '<abbr title="evil term: A &quot;quoted&quot; definition with \' and &amp;lt;b&gt;.">EVL</abbr>'
        in card
    )
