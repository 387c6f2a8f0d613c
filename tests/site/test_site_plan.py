"""One site plan: the plugin and ``smarthub stage`` give the same home page.

(Front-matter escaping over both builds: ``test_hostile_browser.py``.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.site.conftest import article, elements, mkdocs, smarthub, write_site_hub

TODAY = "2026-11-23"
HOSTILE_NAME = "Ledger <img src=x onerror=alert(1)> hub"


def _build(root: Path, build: str) -> Path:
    if build == "plugin":
        done = smarthub("build", "--today", TODAY, "-d", root / "site", cwd=root)
        assert done.returncode == 0, done.stdout + done.stderr
        return root / "site"
    done = smarthub("stage", root.parent / f"{root.name}-staged", "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    built = mkdocs("build", cwd=root.parent / f"{root.name}-staged")
    assert built.returncode == 0, built.stderr
    return root.parent / f"{root.name}-staged" / "site"


def _config(root: Path, site_name: str) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = site_name
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("build", ["plugin", "stage"])
@pytest.mark.parametrize(
    ("home", "heading"),
    [
        # No heading and no title: the site's name, as text.
        ("Welcome. Start with the glossary.\n", HOSTILE_NAME),
        # No heading: the page's own title, as text.
        ("---\ntitle: Our <b>shared</b> words\n---\nWelcome.\n", "Our <b>shared</b> words"),
        # A heading of its own: kept, nothing added.
        ("# The hub\n\nWelcome.\n", "The hub"),
    ],
)
def test_the_home_page_says_whose_hub_it_is_in_both_builds(
    tmp_path: Path, build: str, home: str, heading: str
) -> None:
    root = write_site_hub(tmp_path / "hub", {"content/index.md": home})
    _config(root, HOSTILE_NAME)
    site = _build(root, build)
    content = article((site / "index.html").read_text(encoding="utf-8"))
    assert [text for _, text in elements(content, "h1")] == [heading]
    assert "<img" not in content and "<b>" not in content
