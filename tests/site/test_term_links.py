"""Which mentions become term links: once per section, never a piece of a longer phrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from smarthub.config import load_config
from smarthub.load.hub import load_hub
from smarthub.load.markdown import parse_body
from smarthub.matcher import TermMatcher
from smarthub.site.linking import (
    Mention,
    MentionFinder,
    PageLinker,
    mentions_in_copy,
    page_mentions,
    tooltip,
)
from tests.conftest import entry, write_hub

GLOSSARY = {
    "glossary/decision.md": entry(
        "term: Decision\nowner: sales\napproved_by: [sales, marketing]",
        "Decision is the journey stage in which the buying group chooses a vendor. "
        + "It starts when the buyer has a shortlist and a budget, and it covers the business "
        + "case, the security review, references and the contract; it ends when the order form "
        + "is signed. The hand-off SLA applies: 4 business hours for a reply to any question.\n",
    ),
    "glossary/marketing-qualified-lead.md": entry(
        "term: Marketing-qualified lead\nabbreviation: MQL\nowner: marketing\n"
        "approved_by: [sales, marketing]",
        "A marketing-qualified lead (MQL) is a lead whose score has reached 60 points.\n",
    ),
    "glossary/lead-score.md": entry(
        "term: lead score\nowner: marketing\napproved_by: [sales, marketing]",
        "A lead score is the number of points a lead has earned.\n",
    ),
}


@pytest.fixture(scope="module")
def linker_parts(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, TermMatcher]:
    root = write_hub(tmp_path_factory.mktemp("links"), dict(GLOSSARY))
    hub = load_hub(load_config(Path(root) / "mkdocs.yml"))
    return hub.terms, TermMatcher(hub.terms.values())


def mentions(parts: tuple[dict, TermMatcher], text: str) -> list[Mention]:
    """The mentions in Markdown ``text`` as the site gets them: from the check's walk and matcher."""
    terms, matcher = parts
    region = parse_body(text, 0).region
    return page_mentions(text, 0, [(region, matcher.find(region.text))], terms)


def linked(parts: tuple[dict, TermMatcher], *texts: str) -> list[str]:
    """The linked mention texts of ``texts``, read in order on one page ("|" = new section)."""
    linker = PageLinker(parts[0], "page.md", [])
    found: list[str] = []
    for text in texts:
        if text == "|":
            linker.new_section()
            continue
        for mention in mentions(parts, text):
            decision = linker.decide(mention)
            if decision is not None and decision.link is not None:
                found.append(text[mention.start : mention.end])
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Ask for the decision date.",  # a noun phrase the glossary does not define
        "Who is the decision-maker?",  # a hyphenated compound
        "Deals lost to “no decision” hurt.",  # a quoted phrase of several words
        'Deals lost to "no decision" hurt.',
        "Pre-decision nerves.",  # a hyphen joins a word before it
    ],
)
def test_a_one_word_term_inside_a_longer_phrase_is_not_linked(linker_parts, text: str) -> None:
    assert linked(linker_parts, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is lost in the decision stage.", ["decision"]),  # "stage" names the term itself
        ("Wait for their decision.", ["decision"]),
        ("The decision, then the contract.", ["decision"]),
        ("A decision that sticks.", ["decision"]),  # a function word follows
        ('The "decision" stage.', ["decision"]),  # quoted alone
        ("Each MQL score counts.", ["MQL"]),  # abbreviations are specific enough
        ("A high lead score wins.", ["lead score"]),  # a defined phrase is matched whole
    ],
)
def test_a_term_standing_on_its_own_is_linked(linker_parts, text: str, expected) -> None:
    assert linked(linker_parts, text) == expected


def test_a_term_is_linked_once_per_section(linker_parts) -> None:
    assert linked(
        linker_parts,
        "An MQL, then another MQL.",
        "A third MQL in the same section.",
        "|",
        "The next section's MQL.",
    ) == ["MQL", "MQL"]


def test_an_abbreviation_is_explained_once_per_section(linker_parts) -> None:
    linker = PageLinker(linker_parts[0], "page.md", [])
    first = [linker.decide(m) for m in mentions(linker_parts, "An MQL, then another MQL.")]
    assert [d is not None and d.tooltip is not None for d in first] == [True, False]
    linker.new_section()
    (again,) = [linker.decide(m) for m in mentions(linker_parts, "MQL.")]
    assert again and again.tooltip
    assert again.tooltip.startswith("Marketing-qualified lead: A marketing")


def test_a_long_definition_is_not_cut_in_its_tooltip(linker_parts) -> None:
    terms, _ = linker_parts
    text = tooltip(terms["decision"])
    assert len(text) > 240
    assert text.endswith("4 business hours for a reply to any question.")


def test_stage_bakes_a_link_once_per_section_too(linker_parts) -> None:
    from smarthub.site.bake import bake_links

    markdown = "# Title\n\nAn MQL and an MQL.\n\n## Next\n\nAnother MQL.\n\n```\n## not a heading\nMQL\n```\n"
    found = mentions(linker_parts, markdown)
    baked = bake_links(markdown, PageLinker(linker_parts[0], "page.md", found))
    assert baked == (
        "# Title\n\nAn [MQL](glossary/marketing-qualified-lead.md) and an MQL.\n\n"
        "## Next\n\nAnother [MQL](glossary/marketing-qualified-lead.md).\n\n"
        "```\n## not a heading\nMQL\n```\n"
    )


def test_mentions_follow_mkdocs_copy_of_a_crlf_body_and_refuse_a_changed_one(
    linker_parts,
) -> None:
    body = "\r\n\r\nOne line.\r\nAn MQL here.\r\n"
    found = mentions(linker_parts, body)
    copy = "One line.\nAn MQL here.\n"  # universal newlines, blank lines after front matter gone
    (moved,) = mentions_in_copy(found, body, copy) or []
    assert copy[moved.start : moved.end] == "MQL"
    assert mentions_in_copy(found, body, "Another plugin's text.\n") is None


@pytest.mark.parametrize(
    ("yaml_value", "shown"),
    [('"Why the MQL matters"', "Why the MQL matters"), ("Why the MQL matters", None)],
)
def test_a_checked_title_is_marked_where_the_yaml_writes_it_as_shown(
    tmp_path: Path, yaml_value: str, shown: str | None
) -> None:
    page = entry(
        f"title: {yaml_value}\ntype: one-pager\nowner: sales\nstatus: draft\nreviewed: 2026-11-01",
        "Body.\n",
    )
    root = write_hub(tmp_path, {**GLOSSARY, "content/one-pagers/why.md": page})
    hub = load_hub(load_config(Path(root) / "mkdocs.yml"))
    finder = MentionFinder(hub.terms, TermMatcher(hub.terms.values()))
    (asset,) = hub.assets.values()
    value = shown or asset.title
    (found,) = finder.value(asset.source, "title", value)
    assert value[found.start : found.end] == "MQL" and found.abbreviation
    assert finder.value(asset.source, "title", value + " (edited)") == []
