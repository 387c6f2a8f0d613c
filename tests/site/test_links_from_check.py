"""Term links are placed where the check read the term, in the plugin's site and in ``stage``.

A word the check does not read as prose (a template tag, an HTML comment, a bare URL, the
label of a reference link) is not linked, even though Python-Markdown shows it as text;
what the check reads is linked at the place it was read, whatever the file's line endings
or blank lines after its front matter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.conftest import TODAY, article, elements, page, smarthub, write_site_hub

ASSET = """---
title: Linking edge cases
type: one-pager
owner: marketing
status: published
reviewed: 2026-10-01
personas: [cfo]
stages: [decision]
summary: Edge cases of term links.
---


# Linking edge cases

Fill in {{ MQL }} here. <!-- the ABM note --> Read the guide at https://example.com/ABM-guide today.

## Reference

See the [NPS] survey.

[NPS]: https://example.com/survey

![An MQL chart](https://example.com/chart.png)

## Prose

We count every MQL here.

> We run account based
> marketing for named accounts.
"""

CRLF_ASSET = (
    "---\r\ntitle: Windows file\r\ntype: one-pager\r\nowner: marketing\r\nstatus: published\r\n"
    "reviewed: 2026-10-01\r\npersonas: [cfo]\r\nstages: [decision]\r\n---\r\n\r\n\r\n"
    "# Windows file\r\n\r\nOne line.\r\nAnother line.\r\nThe NPS survey, then an MQL.\r\n"
)


MESSAGE_ASSET = """---
title: Follow-up email
type: email-template
owner: marketing
status: published
reviewed: 2026-10-01
personas: [cfo]
stages: [decision]
---
# Follow-up email

Send this once the lead is an MQL.

## Message

### Body

Hi {{ first_name }}, your team is now an MQL in our pipeline.

## After sending

Log the MQL in the pipeline report.
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hub built by the plugin (``smarthub build``) and its staged tree built by MkDocs."""
    root = write_site_hub(
        tmp_path_factory.mktemp("hub"),
        {
            "content/one-pagers/edge-cases.md": ASSET,
            "content/one-pagers/windows.md": CRLF_ASSET,
            "content/email-templates/follow-up.md": MESSAGE_ASSET,
        },
    )
    done = smarthub("build", "--today", TODAY, "-d", root / "site", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    staged = root.parent / "staged"
    done = smarthub("stage", staged, "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site", staged


def _term_links(content: str) -> list[tuple[str, str]]:
    return [
        (attrs["href"], text)
        for attrs, text in elements(content, "a")
        if "smarthub-term" in attrs.get("class", "")
    ]


def test_what_the_check_does_not_read_is_not_linked(sites: tuple[Path, Path]) -> None:
    content = article(page(sites[0], "one-pagers/edge-cases"))
    assert "Fill in {{ MQL }} here." in content  # a template tag: the check skips it
    assert "https://example.com/ABM-guide today" in content  # a bare URL
    assert "<!-- the ABM note -->" in content  # an HTML comment, as written
    links = [(attrs["href"], text) for attrs, text in elements(content, "a")]
    assert ("https://example.com/survey", "NPS") in links  # the reference label still resolves
    assert [alt for attrs, _ in elements(content, "img") for alt in [attrs["alt"]]] == [
        "An MQL chart"  # the image's text is read by the check but stays an attribute
    ]


def test_what_the_check_reads_is_linked_where_it_was_read(sites: tuple[Path, Path]) -> None:
    content = article(page(sites[0], "one-pagers/edge-cases"))
    assert _term_links(content) == [
        ("../../glossary/marketing-qualified-lead/", "MQL"),
        ("../../glossary/account-based-marketing/", "account based\nmarketing"),
    ]
    assert "\ue000" not in page(sites[0], "one-pagers/edge-cases")


def test_offsets_hold_with_crlf_and_blank_lines_after_front_matter(
    sites: tuple[Path, Path],
) -> None:
    content = article(page(sites[0], "one-pagers/windows"))
    assert _term_links(content) == [
        ("../../glossary/net-promoter-score/", "NPS"),
        ("../../glossary/marketing-qualified-lead/", "MQL"),
    ]


def test_stage_links_the_same_mentions(sites: tuple[Path, Path]) -> None:
    staged = (sites[1] / "docs/one-pagers/edge-cases.md").read_text(encoding="utf-8")
    assert "Fill in {{ MQL }} here." in staged
    assert "https://example.com/ABM-guide today" in staged
    assert "See the [NPS] survey." in staged
    assert "We count every [MQL](../glossary/marketing-qualified-lead.md) here." in staged
    windows = (sites[1] / "docs/one-pagers/windows.md").read_text(encoding="utf-8")
    assert "The [NPS](../glossary/net-promoter-score.md) survey, then an " in windows


def test_no_term_is_linked_inside_a_ready_to_send_message_in_either_build(
    sites: tuple[Path, Path],
) -> None:
    """The message runs to the next heading of its level (subheadings stay inside it)."""
    content = article(page(sites[0], "email-templates/follow-up"))
    mql = ("../../glossary/marketing-qualified-lead/", "MQL")
    assert _term_links(content) == [mql, mql]  # before the message, and in the next section
    staged = (sites[1] / "docs/email-templates/follow-up.md").read_text(encoding="utf-8")
    link = "[MQL](../glossary/marketing-qualified-lead.md)"
    assert f"once the lead is an {link}." in staged
    assert "your team is now an MQL in our pipeline." in staged
    assert f"Log the {link} in the pipeline report." in staged
    assert "*[MQL]: " in staged  # the tooltip stays, inside the message too
