"""The sample hub as a sales rep uses it, in a real browser (headless Chromium from the system).

One build of the sample hub per module, with a future ``--today`` so some entries are
overdue for review; every test reads that one site. Skipped, saying why, only when no
Chromium or no Playwright is installed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smarthub.config import load_config
from smarthub.load.hub import load_hub
from smarthub.model.reviews import is_overdue
from tests.site.conftest import CHROMIUM, NO_CHROMIUM, NO_PLAYWRIGHT, serve_folder, smarthub

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
sync_api = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT)

REPO = Path(__file__).resolve().parents[2]
HUB_PARTS = ("mkdocs.yml", "content", "glossary", "personas", "playbooks")
TODAY = dt.date(2027, 4, 15)  # a day on which part of the sample hub is overdue, part not


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample hub built into ``site/`` with ``--today`` set to ``TODAY``."""
    root = tmp_path_factory.mktemp("reps")
    for part in HUB_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copyfile(source, root / part)
    done = smarthub("build", "--today", TODAY.isoformat(), "-d", root / "site", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture(scope="module")
def site_url(sample: Path) -> Iterator[str]:
    """The built sample hub served on 127.0.0.1."""
    with serve_folder(sample / "site") as served:
        yield served.url


@pytest.fixture(scope="module")
def hub(sample: Path) -> Any:
    """The sample hub as smarthub loads it: what the tests expect to find."""
    return load_hub(load_config(sample / "mkdocs.yml"))


FIRST_IS_ANSWER = """() => {
  const first = document.querySelector(".md-search-result__list > li");
  return first && first.classList.contains("smarthub-answer");
}"""


def _search(tab: Any, query: str) -> Any:
    """Type ``query`` into Material's search; the first result's link once results settled."""
    field = tab.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material searches on key events
    tab.wait_for_timeout(100)  # Material replaces the previous query's results
    first = tab.locator(".md-search-result__item > a").first
    first.wait_for(timeout=5_000)
    # No answer for this query: the test then says what came first instead.
    with contextlib.suppress(sync_api.TimeoutError):
        tab.wait_for_function(FIRST_IS_ANSWER, timeout=3_000)
    return first


@pytest.fixture
def search_tab(tab: Any, site_url: str) -> Any:
    """The home page with the search open and its index loaded."""
    tab.goto(site_url)
    tab.click("label.smarthub-search")
    field = tab.locator("input.md-search__input")
    for _ in range(20):  # keys typed before the search worker has its index are not searched
        field.fill("")
        field.press_sequentially("lead")
        try:
            tab.locator(".md-search-result__item > a").first.wait_for(timeout=1_000)
            break
        except sync_api.TimeoutError:
            continue
    return tab


def test_every_term_and_abbreviation_puts_its_term_page_first(search_tab: Any, hub: Any) -> None:
    assert len(hub.terms) > 30
    for term in hub.terms.values():
        for query in filter(None, (term.term, term.abbreviation, *term.aliases)):
            first = _search(search_tab, query)
            href = first.get_attribute("href") or ""
            assert href.endswith(f"/glossary/{term.id}/"), (query, href)
            shown = " ".join(first.inner_text().split())
            assert shown.startswith("TERM"), (query, shown)  # its kind, then its definition
            assert " ".join(term.definition.split())[:80] in shown, (query, shown)


def test_each_asset_title_finds_that_asset_first_with_its_personas_and_stages(
    search_tab: Any, hub: Any, sample: Path
) -> None:
    published = [asset for asset in hub.assets.values() if asset.status == "published"]
    assert len(published) > 10
    for asset in published:
        first = _search(search_tab, asset.title)
        href = first.get_attribute("href") or ""
        expected = asset.source.path.relative_to(sample / "content").with_suffix("").as_posix()
        assert href.endswith(f"/{expected}/"), (asset.title, href)
        kind = " ".join(first.locator(".smarthub-result-kind").inner_text().split())
        persona = hub.personas[asset.personas[0]].name
        stage = asset.stages[0].capitalize()
        assert persona in kind and stage in kind, (asset.title, kind)


def test_results_say_what_kind_of_page_they_are(search_tab: Any) -> None:
    _search(search_tab, "MQL")
    kinds = search_tab.locator(".md-search-result__item > a .smarthub-result-kind strong")
    labels = [text.strip().upper() for text in kinds.all_inner_texts()]
    assert labels[0] == "TERM", labels
    assert {"EMAIL TEMPLATE", "PLAYBOOK"} <= set(labels), labels
    # Every result that is a hub entry says what it is; the others are plain pages.
    items = search_tab.locator(".md-search-result__item:not(.smarthub-answer) > a")
    kinds_by_item = items.evaluate_all("links => links.map(link => link.dataset.smarthubKind)")
    assert None not in kinds_by_item, kinds_by_item


def _copied_message(browser: Any, url: str, index: int = 0) -> tuple[str, Any]:
    """Click the ``index``-th copy button on ``url``; return the clipboard's text and the tab."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(url)
    button = tab.locator(".smarthub-copy").nth(index)
    button.click()
    tab.wait_for_function(
        "i => document.querySelectorAll('.smarthub-copy')[i].textContent === 'Copied'", arg=index
    )
    return tab.evaluate("() => navigator.clipboard.readText()"), context


def test_copy_button_copies_the_email_as_plain_text_without_hub_links(
    browser: Any, site_url: str
) -> None:
    text, context = _copied_message(browser, site_url + "email-templates/post-demo-recap/")
    try:
        assert text.startswith(
            "Subject: {{ company }} and Northwind Ledger: what we heard, and next steps\n\n"
            "Hi {{ first_name }},\n\n"
        )
        assert "- Your team processes about {{ invoice_volume }} invoices a month" in text
        assert "Decision | {{ company }} | {{ decision_date }}" in text
        assert text.endswith("Best,\n{{ sender_name }}\nAccount Executive, Northwind Ledger")
        assert "http" not in text and "127.0.0.1" not in text
        assert "Use when" not in text  # the guidance around the message stays on the page
        tab = context.pages[0]
        body = tab.locator(".smarthub-message-body")
        assert body.locator("a").count() == 0  # no term links inside the message
        fill_in = tab.locator(".smarthub-fill-in").inner_text()
        assert fill_in.startswith("Fill in: company, first_name, attendee_names,")
        marks = body.locator("mark.smarthub-placeholder")
        assert marks.first.inner_text() == "{{ company }}"
    finally:
        context.close()


def test_each_message_of_a_page_has_its_own_copy_button(browser: Any, site_url: str) -> None:
    text, context = _copied_message(browser, site_url + "email-templates/mql-first-touch/", 1)
    try:
        assert text.startswith("Hi {{ first_name }},\n\nI saw you downloaded our guide")
        assert "Controllers often tell us" in text and "Most AP managers" not in text
        assert text.endswith("Best,\n{{ sender_name }}")
    finally:
        context.close()


def test_a_talk_track_voicemail_copies_with_its_line_breaks(browser: Any, site_url: str) -> None:
    text, context = _copied_message(browser, site_url + "talk-tracks/cold-call-finance-leaders/")
    try:
        assert text.splitlines()[0] == (
            "Hi {{ first_name }}, it's {{ your_name }} from Northwind Ledger."
        )
        assert len(text.splitlines()) == 3
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_persona_page_shows_its_first_asset_card_above_the_fold(
    browser: Any, site_url: str, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        tab = context.new_page()
        tab.goto(site_url + "personas/cfo-mid-market/")
        card = tab.locator(".smarthub-cards li").first
        box = card.bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= height, f"first card ends at {box['y'] + box['height']}"
        assert card.locator(".smarthub-kind").inner_text().strip()  # its type
        assert card.locator("a.smarthub-card-link").inner_text().strip()  # its title
        overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
    finally:
        context.close()


def test_needs_review_lists_every_overdue_entry_by_owner(tab: Any, site_url: str, hub: Any) -> None:
    tab.goto(site_url)
    tab.get_by_role("link", name="Needs review").first.click()
    tab.wait_for_url("**/review/")
    overdue = [
        entry
        for entries in (hub.terms, hub.personas, hub.playbooks, hub.assets)
        for entry in entries.values()
        if getattr(entry, "status", "") in ("", "approved", "published", "proposed", "deprecated")
        and is_overdue(entry, hub.config, TODAY)
    ]
    assert len(overdue) > 5
    article = tab.locator("article")
    assert article.get_by_text(f"Reviews as of {TODAY.isoformat()}").is_visible()
    for entry in overdue:
        title = getattr(entry, "term", None) or getattr(entry, "name", None) or entry.title
        owner = article.locator(f"#owner-{entry.owner} ~ div").first
        row = owner.locator("tr", has=tab.get_by_role("link", name=title, exact=True))
        assert row.count() == 1, (entry.owner, title)
        assert "overdue" in row.inner_text()


def _visible_assets(tab: Any) -> list[str]:
    rows = tab.locator(".smarthub-catalog tr:has(.smarthub-row)")
    return sorted(
        row.locator("a").first.inner_text().strip() for row in rows.all() if row.is_visible()
    )


def test_catalog_filters_narrow_together_and_the_url_round_trips(
    browser: Any, site_url: str, hub: Any
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(site_url + "catalog/")
        published = [asset for asset in hub.assets.values() if asset.status == "published"]
        assert len(_visible_assets(tab)) == len(published)
        tab.select_option("select[name=persona]", "cfo-mid-market")
        tab.select_option("select[name=stage]", "decision")
        expected = sorted(
            asset.title
            for asset in published
            if "cfo-mid-market" in asset.personas and "decision" in asset.stages
        )
        assert 0 < len(expected) < len(published)
        assert _visible_assets(tab) == expected
        assert tab.locator(".smarthub-filter-count").inner_text() == (
            f"{len(expected)} of {len(published)} assets"
        )
        shared = tab.url
        assert shared.endswith("catalog/?persona=cfo-mid-market&stage=decision")
        other = context.new_page()  # a colleague opens the shared link
        other.goto(shared)
        assert other.locator("select[name=persona]").input_value() == "cfo-mid-market"
        assert _visible_assets(other) == expected
        other.click(".smarthub-filters button[type=reset]")
        # The page re-filters just after the reset (a form's fields reset after its event):
        # wait until it says so, as a rep would, before counting the rows.
        everything = f"{len(published)} of {len(published)} assets"
        other.wait_for_function(
            "text => document.querySelector('.smarthub-filter-count').textContent === text",
            arg=everything,
        )
        assert len(_visible_assets(other)) == len(published)
        assert other.url.endswith("catalog/")
    finally:
        context.close()


def test_catalog_on_a_phone_shows_every_column(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(site_url + "catalog/")
        overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        for cell in tab.locator(".smarthub-catalog td:nth-child(5)").all():
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    finally:
        context.close()


def test_a_one_pager_prints_without_the_hub_around_it(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "one-pagers/ledger-core-overview/")
    assert tab.locator(".smarthub-meta").is_visible()
    assert tab.locator("a.smarthub-term").count() > 0
    tab.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".smarthub-meta"):
        assert not tab.locator(chrome).first.is_visible(), chrome
    assert not tab.locator(".smarthub-internal").first.is_visible()  # "review overdue"
    decoration = tab.locator("a.smarthub-term").first.evaluate(
        "link => getComputedStyle(link).textDecorationLine"
    )
    assert decoration == "none"
    assert tab.locator("article h1").is_visible()
    pdf = tab.pdf()  # and it prints
    assert pdf.startswith(b"%PDF")


def test_tapping_a_term_on_a_phone_shows_its_whole_definition_and_a_more_link(
    browser: Any, site_url: str, hub: Any
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    try:
        tab = context.new_page()
        tab.goto(site_url + "playbooks/mql-to-sql-hand-off-sla/")
        term = tab.locator("article a.smarthub-term").first
        href = term.get_attribute("href") or ""
        term_id = href.rstrip("/").rsplit("/", 1)[-1]
        term.tap()
        popover = tab.locator(".smarthub-popover")
        popover.wait_for(state="visible", timeout=3_000)
        definition = " ".join(hub.terms[term_id].definition.split())
        assert definition in " ".join(popover.inner_text().split())  # not cut off
        assert tab.url.endswith("/playbooks/mql-to-sql-hand-off-sla/")  # the tap did not leave
        box = popover.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        popover.get_by_role("link", name="More").tap()
        tab.wait_for_url(f"**/glossary/{term_id}/")
    finally:
        context.close()


def test_tags_find_what_titles_do_not_say(search_tab: Any) -> None:
    first = _search(search_tab, "follow-up email")
    assert (
        (first.get_attribute("href") or "")
        .split("?")[0]
        .endswith("/email-templates/post-demo-recap/")
    )
