"""Each page links to its file in the repository when ``repo_url`` and ``edit_uri`` are set."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smarthub.site.source import source_url
from tests.site.conftest import TODAY, article, elements, page, smarthub, write_site_hub


@pytest.fixture(scope="module")
def site_with_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site_hub(tmp_path_factory.mktemp("repo-hub"))
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["repo_url"] = "https://git.example.com/acme/hub"
    config["edit_uri"] = "edit/main/content/"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    done = smarthub("build", "--today", TODAY, "-d", root / "site", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def _source(site: Path, path: str) -> list[tuple[str, str]]:
    content = article(page(site, path))
    return [
        (attrs["href"], text)
        for attrs, text in elements(content, "a")
        if text.startswith("Source: ")
    ]


def test_asset_and_generated_pages_link_to_their_own_file(site_with_repo: Path) -> None:
    base = "https://git.example.com/acme/hub/edit/main/"
    assert _source(site_with_repo, "battlecards/vs-rival") == [
        (base + "content/battlecards/vs-rival.md", "Source: content/battlecards/vs-rival.md")
    ]
    assert _source(site_with_repo, "glossary/account-based-marketing") == [
        (
            base + "glossary/account-based-marketing.md",
            "Source: glossary/account-based-marketing.md",
        )
    ]
    assert _source(site_with_repo, "personas/cfo") == [
        (base + "personas/cfo.md", "Source: personas/cfo.md")
    ]


def test_pages_made_from_the_whole_hub_have_no_source_link(site_with_repo: Path) -> None:
    assert _source(site_with_repo, "catalog") == []
    assert _source(site_with_repo, "glossary") == []


def test_without_repo_url_no_page_has_a_source_link(built_site: Path) -> None:
    assert _source(built_site, "battlecards/vs-rival") == []


@pytest.mark.parametrize(
    ("edit_uri", "source", "expected"),
    [
        (
            "edit/main/content/",
            "glossary/a b.md",
            "https://r.example/x/edit/main/glossary/a%20b.md",
        ),
        ("edit/main/content", "content/x.md", "https://r.example/x/edit/main/content/x.md"),
        ("blob/main/site-src/", "glossary/a.md", None),  # not the docs folder: unknown
        (None, "content/x.md", None),
        (
            "https://other.example/edit/content/",
            "glossary/a.md",
            "https://other.example/edit/glossary/a.md",
        ),
    ],
)
def test_source_url(edit_uri: str | None, source: str, expected: str | None) -> None:
    assert source_url("https://r.example/x", edit_uri, "content", source) == expected
