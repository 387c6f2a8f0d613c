"""Term links, abbreviation tooltips and escaping, as a reader meets them in the built site."""

from __future__ import annotations

from pathlib import Path

from tests.site.conftest import article, elements, page

ABM_TOOLTIP = (
    "Account-based marketing (ABM) is marketing to a named list of accounts agreed with sales."
)


def test_first_mention_of_each_term_links_to_its_glossary_page(built_site: Path) -> None:
    content = article(page(built_site, "battlecards/vs-rival"))
    term_links = [
        (attrs["href"], text)
        for attrs, text in elements(content, "a")
        if "smarthub-term" in attrs.get("class", "")
    ]
    assert term_links == [
        ("../../glossary/account-based-marketing/", "ABM"),
        ("../../glossary/marketing-qualified-lead/", "MQL"),
        ("../../glossary/net-promoter-score/", "NPS"),
    ]  # the heading's ABM and the second "Account-based marketing" are not linked


def test_first_abbreviation_of_a_section_gets_its_expansion_as_tooltip(built_site: Path) -> None:
    content = article(page(built_site, "battlecards/vs-rival"))
    abbreviations = [(attrs["title"], text) for attrs, text in elements(content, "abbr")]
    # The heading's ABM, then the first ABM, MQL and NPS of the section; "Every ABM touch"
    # later in the same section stays plain text.
    assert [text for _, text in abbreviations] == ["ABM", "ABM", "MQL", "NPS"]
    assert abbreviations[0][0] == ABM_TOOLTIP
    assert "<code>ABM inside code stays as it is" in content
    assert "<code>ABM</code>" in content


def test_a_definition_with_quotes_is_one_safe_tooltip_attribute(built_site: Path) -> None:
    content = article(page(built_site, "battlecards/vs-rival"))
    nps = next(attrs["title"] for attrs, text in elements(content, "abbr") if text == "NPS")
    assert (
        nps
        == 'Net promoter score is the "would you recommend us?" score, from 0 to 10 & not a target.'
    )


def test_a_term_page_does_not_link_to_itself(built_site: Path) -> None:
    content = article(page(built_site, "glossary/account-based-marketing"))
    hrefs = [attrs.get("href", "") for attrs, _ in elements(content, "a")]
    assert not any(href.endswith("account-based-marketing/") for href in hrefs)


def test_hostile_front_matter_shows_as_text(built_site: Path) -> None:
    markup = page(built_site, "personas/hostile")
    assert "<script>alert" not in markup and "<b>stuff" not in markup and "<i>break" not in markup
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; - " in markup
    content = article(markup)
    assert [text for _, text in elements(content, "h1")] == ["<script>alert(1)</script>"]
    assert 'Head of "Growth" & <b>stuff</b>' in "".join(
        text for _, text in elements(content, "strong")
    )
    assert "*not emphasis* | not a cell" in [text for _, text in elements(content, "li")]
    everywhere = "".join(path.read_text(encoding="utf-8") for path in built_site.rglob("*.html"))
    assert "<script>alert" not in everywhere and "<img src=x" not in everywhere


def test_hostile_asset_title_is_escaped_in_title_heading_and_lists(built_site: Path) -> None:
    markup = page(built_site, "case-studies/hostile-title")
    assert "<title>&lt;img src=x onerror=alert(3)&gt; case study - " in markup
    assert [text for _, text in elements(article(markup), "h1")] == [
        "<img src=x onerror=alert(3)> case study"
    ]
    catalog = article(page(built_site, "catalog"))
    assert "<img src=x onerror=alert(3)> case study" in [text for _, text in elements(catalog, "a")]
