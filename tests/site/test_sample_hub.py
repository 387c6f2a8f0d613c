"""The repository's own sample hub builds into a complete site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.site.conftest import article, elements, mkdocs, page, smarthub

REPO = Path(__file__).resolve().parents[2]
HUB_PARTS = ("mkdocs.yml", "content", "glossary", "personas", "playbooks")

pytestmark = pytest.mark.skipif(
    not all((REPO / part).exists() for part in HUB_PARTS),
    reason="the sample hub is not in this checkout",
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample hub (so builds never write into the repository)."""
    root = tmp_path_factory.mktemp("sample")
    for part in HUB_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copyfile(source, root / part)
    return root


def test_sample_hub_builds_with_the_same_verdict_as_the_check(sample: Path) -> None:
    checked = smarthub("check", cwd=sample)
    built = smarthub("build", "-d", sample / "site", cwd=sample)
    assert built.returncode == checked.returncode, built.stderr
    assert built.stdout == checked.stdout  # the same findings, in the same format
    site = sample / "site"
    for folder, prefix in (
        ("glossary", "glossary"),
        ("personas", "personas"),
        ("playbooks", "playbooks"),
    ):
        for source in (sample / folder).glob("*.md"):
            assert (site / prefix / source.stem / "index.html").is_file(), source
    home = article(page(site, ""))
    assert 'for="__search"' in home
    assert (
        ">Northwind Ledger smarthub<" in home.split("</h1>")[0]
    )  # the page title, not the nav "Home"
    assert 'not included in the "nav"' not in built.stderr  # term pages are meant to be off the nav
    where = (sample / "site").resolve()
    assert built.stderr.rstrip().endswith(
        f"Site built in {where}: preview it with 'smarthub serve', or serve the folder "
        f"('python -m http.server -d {where}'); opened from disk (file://) its links and "
        "search do not work."
    )
    assert "smarthub-gap" in page(site, "journey") or "<table>" in page(site, "journey")


def test_plain_mkdocs_build_of_the_sample_hub_uses_the_plugin(sample: Path) -> None:
    built = mkdocs("build", "-d", sample / "mkdocs-site", cwd=sample)
    site = sample / "mkdocs-site"
    assert (site / "glossary/index.html").is_file(), built.stderr
    glossary = article(page(site, "glossary"))
    assert len(
        [1 for attrs, _ in elements(glossary, "a") if attrs.get("href", "").endswith("/")]
    ) >= len(list((sample / "glossary").glob("*.md")))
