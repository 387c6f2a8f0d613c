"""The fixture hub built with ``smarthub build``: what a reader finds on each page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.site.conftest import article, elements, page


def test_every_term_persona_and_playbook_has_a_page(built_site: Path) -> None:
    for path in (
        "glossary/account-based-marketing",
        "glossary/marketing-qualified-lead",
        "glossary/sales-qualified-lead",
        "glossary/sales-ready-lead",
        "glossary/net-promoter-score",
        "personas/cfo",
        "personas/hostile",
        "playbooks/handoff",
    ):
        assert (built_site / path / "index.html").is_file(), path


def test_glossary_index_lists_terms_a_to_z_with_abbreviation_definition_and_status(
    built_site: Path,
) -> None:
    content = article(page(built_site, "glossary"))
    headings = [text.strip() for _, text in elements(content, "h2")]
    assert headings == ["A", "M", "N", "S"]
    entries = [" ".join(text.split()) for _, text in elements(content, "li")]
    assert entries[0] == (
        "Account-based marketing ABM approved "
        "Account-based marketing (ABM) is marketing to a named list of accounts agreed with sales."
    )
    assert entries[-2].startswith("Sales-qualified lead SQL approved A sales-qualified lead is")
    assert entries[-1].startswith("Sales-ready lead deprecated A sales-ready lead is")
    assert 'href="account-based-marketing/"' in content


def test_term_page_shows_forms_avoid_list_owner_related_and_used_in(built_site: Path) -> None:
    content = article(page(built_site, "glossary/account-based-marketing"))
    assert "account based marketing" in content
    cells = [text for _, text in elements(content, "td")]
    assert "target-account spam" in cells
    assert "it is not spam when the account asked for it" in cells
    assert "Owner: <strong>Marketing</strong>" in content
    assert "Approved by: Marketing, Sales" in content
    links = {text: attrs["href"] for attrs, text in elements(content, "a")}
    assert links["Marketing-qualified lead"] == "../marketing-qualified-lead/"
    used_in = content[content.index('id="used-in"') :]
    used = {text: attrs["href"] for attrs, text in elements(used_in, "a")}
    assert used == {"Rival battlecard": "../../battlecards/vs-rival/"}


def test_deprecated_term_page_links_its_replacement(built_site: Path) -> None:
    content = article(page(built_site, "glossary/sales-ready-lead"))
    notice = next(
        text for attrs, text in elements(content, "div") if "danger" in attrs.get("class", "")
    )
    assert "Deprecated: use Sales-qualified lead instead" in notice
    assert 'href="../sales-qualified-lead/"' in content


def test_persona_page_shows_profile_and_content_by_stage_in_journey_order(built_site: Path) -> None:
    content = article(page(built_site, "personas/cfo"))
    for text in (
        "Chief Financial Officer",
        "Mid-market",
        "Close the books in five days",
        "Manual invoice entry",
        "It is too expensive.",
        "Show the cost of manual AP.",
        "Peer roundtables",
    ):
        assert text in content
    stages = [attrs["id"] for attrs, _ in elements(content, "h3") if "stage-" in attrs["id"]]
    assert stages == [
        "stage-awareness",
        "stage-consideration",
        "stage-decision",
        "stage-onboarding",
        "stage-expansion",
    ]
    decision = content[
        content.index('id="stage-decision"') : content.index('id="stage-onboarding"')
    ]
    assert {text for _, text in elements(decision, "a")} >= {
        "Rival battlecard",
        "Pricing one-pager",
    }
    awareness = content[
        content.index('id="stage-awareness"') : content.index('id="stage-consideration"')
    ]
    assert "smarthub-gap" in awareness  # the draft and the retired asset are not listed


def test_journey_matrix_counts_assets_and_shows_gaps(built_site: Path) -> None:
    content = article(page(built_site, "journey"))
    rows = content[content.index("<tbody>") :].split("<tr>")[1:]
    carla = next(row for row in rows if "Carla, the CFO" in row)
    cells = [(attrs, text) for attrs, text in elements(carla, "td")][1:]
    counts = [text.strip() for _, text in cells]
    assert counts == ["gap", "1", "3", "gap", "gap"]
    assert 'href="../personas/cfo/#stage-decision"' in carla
    assert carla.count('class="smarthub-gap"') == 3


def test_playbooks_have_their_own_section(built_site: Path) -> None:
    index = article(page(built_site, "playbooks"))
    assert 'href="handoff/"' in index and "How a lead moves from marketing to sales." in index
    playbook = article(page(built_site, "playbooks/handoff"))
    assert "For:</strong> Sales, Marketing" in playbook
    assert 'href="../../personas/cfo/"' in playbook


def test_asset_header_names_type_personas_stages_owner_and_review(built_site: Path) -> None:
    content = article(page(built_site, "battlecards/vs-rival"))
    header = next(
        text
        for attrs, text in elements(content, "div")
        if "smarthub-meta" in attrs.get("class", "")
    )
    assert header.strip().split(" · ") == [
        "Battlecard",
        "For: Carla, the CFO",
        "Stages: Consideration, Decision",
        "Owner: Marketing",
        "verified on 2026-10-01",
    ]
    assert 'href="../../personas/cfo/"' in content
    assert "md-status" not in page(
        built_site, "battlecards/vs-rival"
    )  # no stray status icon in the nav


def test_overdue_asset_shows_a_review_notice(built_site: Path) -> None:
    content = article(page(built_site, "one-pagers/overdue"))
    assert "Review overdue" in content
    assert "review overdue since 2020-06-29" in content


def test_drafts_and_retired_assets_are_left_out(built_site: Path) -> None:
    assert not (built_site / "one-pagers/unfinished").exists()
    assert not (built_site / "one-pagers/old-news").exists()
    everything = "".join(path.read_text(encoding="utf-8") for path in built_site.rglob("*.html"))
    assert "Unfinished draft" not in everything and "Retired one-pager" not in everything


def test_catalog_lists_assets_by_type_persona_and_stage(built_site: Path) -> None:
    by_type = article(page(built_site, "catalog"))
    battlecards = by_type[
        by_type.index('id="type-battlecard"') : by_type.index('id="type-case-study"')
    ]
    assert "Rival battlecard" in battlecards
    assert "No talk track yet." in by_type
    assert "Rival battlecard" in article(page(built_site, "catalog/by-persona"))
    by_stage = article(page(built_site, "catalog/by-stage"))
    assert by_stage.index('id="stage-consideration"') < by_stage.index("Rival battlecard")


def test_home_page_puts_search_first_and_links_every_section(built_site: Path) -> None:
    content = article(page(built_site, ""))
    assert content.index('for="__search"') < content.index("Welcome.")
    hrefs = {attrs["href"] for attrs, _ in elements(content, "a")}
    assert {"glossary/", "personas/", "journey/", "playbooks/", "catalog/"} <= hrefs


def test_navigation_is_pruned_even_when_the_hub_does_not_ask(built_site: Path) -> None:
    # The fixture's mkdocs.yml lists no theme features; without pruning every page would
    # carry the whole navigation, which grows with the hub.
    html = page(built_site, "glossary")
    config = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL
    )
    assert config is not None
    assert "navigation.prune" in json.loads(config.group(1))["features"]


def test_a_large_asset_folder_is_one_nav_entry(tmp_path: Path) -> None:
    from tests.conftest import entry
    from tests.site.conftest import smarthub, write_site_hub

    many = {
        f"content/battlecards/many-{index:03d}.md": entry(
            f"title: Card {index}\ntype: battlecard\nowner: sales\nstatus: published\n"
            "reviewed: 2026-11-01\npersonas: [cfo]\nstages: [decision]",
            "Body.\n",
        )
        for index in range(60)
    }
    root = write_site_hub(tmp_path / "hub", many)
    done = smarthub("build", "--today", "2026-11-23", "-d", root / "site", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    html = page(root / "site", "battlecards/many-007")
    nav = html[html.index('class="md-nav md-nav--primary"') : html.index("</nav>")]
    assert "many-008" not in nav  # sixty siblings are not listed on every page...
    assert "Card 8" in page(root / "site", "catalog")  # ...the catalog lists them
    assert "not included in the" not in done.stderr


def test_persona_page_starts_with_its_content_and_lists_its_playbooks(built_site: Path) -> None:
    content = article(page(built_site, "personas/cfo"))
    assert content.index('id="stage-awareness"') < content.index('id="profile"')
    assert content.index('id="profile"') < content.index('id="goals"')
    consideration = content[
        content.index('id="stage-consideration"') : content.index('id="stage-decision"')
    ]
    cards = {text for attrs, text in elements(consideration, "a")}
    assert "MQL to SQL hand-off" in cards  # the playbook tagged with this persona and stage
    assert "Rival battlecard" in cards
    kinds = [
        text
        for attrs, text in elements(consideration, "span")
        if attrs.get("class") == "smarthub-kind"
    ]
    assert kinds == ["Battlecard", "Playbook"]
