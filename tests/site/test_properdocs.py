"""The same hub builds with ProperDocs, the drop-in MkDocs fork, through the same plugin."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.site.conftest import article, page, run, write_site_hub

pytest.importorskip("properdocs", reason="ProperDocs is not installed (it is in the test extra)")


def _pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("index.html")}


def test_fixture_hub_builds_with_properdocs(tmp_path: Path, built_site: Path) -> None:
    root = write_site_hub(tmp_path / "hub")
    done = run(
        sys.executable,
        "-m",
        "properdocs",
        "build",
        "-f",
        "mkdocs.yml",
        "-d",
        root / "site",
        cwd=root,
    )
    assert done.returncode == 0, done.stderr
    site = root / "site"
    assert _pages(site) == _pages(built_site)  # the same pages as the MkDocs build
    for path in (
        "glossary/account-based-marketing",
        "personas/cfo",
        "battlecards/vs-rival",
        "journey",
    ):
        assert article(page(site, path)) == article(page(built_site, path)), path
