"""The built site in a real browser (headless Chromium from the system, driven by Playwright).

Skipped, saying why, only when no Chromium is installed (Debian: ``apt-get install chromium``)
or Playwright's Python package is missing; no browser is ever downloaded. The browser, the
tab that fails a test whose requests leave 127.0.0.1, and the server are in ``conftest``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
sync_api = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture hub (with Material's tooltips and search features) served on 127.0.0.1."""
    root = write_site_hub(tmp_path_factory.mktemp("browser-hub"), full=True)
    done = smarthub("build", "--today", TODAY, "-d", root / "site", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    with serve_folder(root / "site") as served:
        yield served.url


def test_search_for_an_abbreviation_finds_its_glossary_page(tab, site_url: str) -> None:
    tab.goto(site_url)
    tab.click("label.smarthub-search")
    query = tab.locator("input.md-search__input")
    first = tab.locator(".md-search-result__item > a").first
    for _ in range(10):  # keys typed before the search worker has its index are not searched
        query.fill("")
        query.press_sequentially("NPS")
        try:
            first.wait_for(timeout=1_000)
            break
        except sync_api.TimeoutError:
            continue
    assert "Net promoter score (NPS)" in first.inner_text()
    first.click()
    tab.wait_for_url("**/glossary/net-promoter-score/**")
    assert tab.locator("article h1").inner_text().startswith("Net promoter score (NPS)")


def test_hovering_an_abbreviation_shows_its_expansion(tab, site_url: str) -> None:
    tab.goto(site_url + "battlecards/vs-rival/")
    tab.locator("article p abbr").first.hover()
    tooltip = tab.locator(".md-tooltip2--active")
    tooltip.wait_for(timeout=5_000)
    assert "Account-based marketing (ABM) is marketing to a named list" in tooltip.inner_text()


def test_persona_page_lists_its_assets_by_stage(tab, site_url: str) -> None:
    tab.goto(site_url + "personas/")
    tab.locator("article").get_by_role("link", name="Carla, the CFO").click()
    tab.wait_for_url("**/personas/cfo/")
    decision = tab.locator("#stage-decision + .smarthub-cards")
    assert decision.get_by_role("link", name="Rival battlecard").is_visible()
    decision.get_by_role("link", name="Pricing one-pager").click()
    tab.wait_for_url("**/one-pagers/overdue/")
    assert tab.get_by_text("Review overdue", exact=True).is_visible()


@pytest.mark.parametrize(
    "path", ["", "glossary/", "glossary/account-based-marketing/", "personas/cfo/", "journey/"]
)
def test_pages_fit_a_phone_screen(browser, site_url: str, path: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        phone.goto(site_url + path)
        overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        phone.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
        assert overflow <= 0, f"{path or 'home'} is {overflow}px wider than a 390px phone screen"
    finally:
        context.close()
