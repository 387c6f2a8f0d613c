"""The Markdown walk: which text is prose, where each character came from, what is quoted.

Rule behaviour is in the golden cases (``tests/rules/cases``); these tests pin the region
the walk hands to every check: its text, its quotations and its sentence starts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smarthub.config import load_config
from smarthub.engine import run_check
from smarthub.load.markdown import BREAK, parse_body, scalar_region
from smarthub.load.prepare import (
    blank_templates,
    code_ranges,
    open_containers,
    prepare,
    template_spans,
)
from smarthub.model import TextRegion
from tests.conftest import write_hub
from tests.rules.test_cases import CASES_DIR, TODAY


def _region(body: str) -> TextRegion:
    return parse_body(body, 0).region


def _quoted(body: str) -> list[str]:
    region = _region(body)
    return [region.text[start:end] for start, end in region.quotes]


@pytest.mark.parametrize(
    ("body", "quoted"),
    [
        ('We say email, never "e-mail".', ["e-mail"]),
        ("We say email, never “e-mail”.", ["e-mail"]),
        ("We say email, never ‘e-mail’.", ["e-mail"]),
        ("We say email, never « e-mail ».", [" e-mail "]),
        ("We say email, never 'e-mail'.", ["e-mail"]),
        ('She said: "Send the **e-mail** now".', ["Send the e-mail now"]),
        ("“He wrote ‘e-mail’ twice”, she said.", ["He wrote ‘e-mail’ twice", "e-mail"]),
        ('A "hot lead" and a "warm lead".', ["hot lead", "warm lead"]),
        ('"Every e-mail arrived on time," said the customer.', ["Every e-mail arrived on time,"]),
    ],
)
def test_quotations_in_prose(body: str, quoted: list[str]) -> None:
    assert _quoted(body) == quoted


@pytest.mark.parametrize(
    "body",
    [
        "The customer's e-mail and the customers' e-mail.",
        "The customer’s e-mail and the customers’ e-mail.",
        "In the '90s, e-mail was king and customers' trust grew.",
        "It's the customer's 'favourite. Then e-mail' was sent.",
        'A 15" screen shows the e-mail.',
        'An unclosed "quote and an e-mail.',
        'Use `"e-mail"` in code.',
        '!!! tip "Hubspot tips"\n\n    Body.',
        '=== "Hubspot"\n\n    Body.',
        '[Link](https://example.com "e-mail title")',
        '<span title="e-mail">x</span>',
    ],
)
def test_no_quotation(body: str) -> None:
    assert _quoted(body) == []


def test_quotations_do_not_cross_blocks() -> None:
    assert _quoted('- "one\n- two"\n\n"three\n\nfour"') == []


def test_straight_single_quote_does_not_span_skipped_content() -> None:
    assert _quoted("Say 'use `code` e-mail' here.") == []


def test_admonition_title_is_a_heading_and_body_quote_is_a_quotation() -> None:
    region = _region('!!! tip "Hubspot tips"\n\n    Say "e-mail".')
    assert region.text == f'Say "e-mail".{BREAK}Hubspot tips{BREAK}'
    assert [region.text[s:e] for s, e in region.headings] == ["Hubspot tips"]
    assert [region.text[s:e] for s, e in region.quotes] == ["e-mail"]


def test_in_quotes_covers_a_form_inside_the_marks_only() -> None:
    region = _region('Never "e-mail" but e-mail.')
    first = region.text.index("e-mail")
    second = region.text.index("e-mail", first + 1)
    assert region.in_quotes(first, first + 6)
    assert not region.in_quotes(second, second + 6)
    assert not region.in_quotes(first - 1, first + 6)


def test_front_matter_value_quotes() -> None:
    text = 'title: "The \\"e-mail\\" guide"\nsummary: \'Plain e-mail\'\n'
    title_start = text.index('"')
    title = scalar_region(text, title_start, text.index("\n"), heading=True)
    assert [title.text[s:e] for s, e in title.quotes] == ["e-mail\\"]
    summary_start = text.index("'")
    summary = scalar_region(text, summary_start, len(text) - 1, heading=False)
    assert summary.quotes == ()


def test_front_matter_value_templates_are_breaks() -> None:
    text = "title: {{ brand }} e-mail {% x %}"
    region = scalar_region(text, 7, len(text), heading=True)
    assert region.text == f"{BREAK * 11} e-mail {BREAK * 7}"
    assert region.block_starts == frozenset({0, 12})


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("🚀 Email us.", "Email"),
        ("⚠️ Email us.", "Email"),
        (":rocket: Email us.", "Email"),
        ("[^1] Email us.\n\n[^1]: Note.", "Email"),
        ("One.<br>Email us.", "Email"),
        ("One.<br />\nEmail us.", "Email"),
        ("Done. 🚀 Email us.", "Email"),
        ("Done! :tada: :rocket: Email us.", "Email"),
    ],
)
def test_first_word_after_symbols_is_a_sentence_start(body: str, word: str) -> None:
    region = _region(body)
    assert region.text.index(word) in region.block_starts


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("We 🚀 Email us.", "Email"),
        ("`code` Email us.", "Email"),
        ("One<span>Email</span> us.", "Email"),
        ("Done, :rocket: Email us.", "Email"),
    ],
)
def test_word_after_symbols_mid_sentence_is_not_a_start(body: str, word: str) -> None:
    region = _region(body)
    assert region.text.index(word) not in region.block_starts


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("hot&nbsp;lead", "hot\xa0lead"),
        ("AT&amp;T e-mail&rsquo;s", "AT&T e-mail’s"),
        ("e-ma\u00adil and e\u200b-mail", "e-mail and e-mail"),
        ("e-ma&shy;il", "e-mail"),
        ("x \\&nbsp; &nosuch; &nbsp", "x \\&nbsp; &nosuch; &nbsp"),
        ("hot <span>lead</span> <b>x</b>", "hot lead x"),
        ("hot<br>lead <img src=x> y <!-- c --> z", f"hot{BREAK}lead {BREAK} y {BREAK} z"),
    ],
)
def test_references_tags_and_invisible_characters(body: str, text: str) -> None:
    region = _region(body)
    assert region.text == text + BREAK


def test_offsets_stay_the_files_over_references_and_invisible_characters() -> None:
    body = "---\nx: 1\n---\nA hot&nbsp;lead and e-ma\u00adil."
    start = body.index("A")
    region = parse_body(body, start).region
    found = region.text.index("hot")
    assert region.file_span(found, found + len("hot\xa0lead")) == (
        body.index("hot"),
        body.index("lead") + 4,
    )
    found = region.text.index("e-mail")
    assert region.file_span(found, found + 6) == (body.index("e-ma"), body.index("il.") + 2)


def test_no_automatic_fix_over_references_or_invisible_characters(tmp_path: Path) -> None:
    body = "A hot&nbsp;lead, an e-ma\u00adil, a hot <b>lead</b> and an e-mail.\n"
    glossary = yaml.safe_load((CASES_DIR / "_glossary.yml").read_text(encoding="utf-8"))
    files = {f"glossary/{name}": text for name, text in glossary["glossary"].items()}
    root = write_hub(tmp_path / "hub", {**files, "content/index.md": body}, {})
    result = run_check(load_config(root / "mkdocs.yml"), select=["TERM001"], today=TODAY)
    edits = [(finding.match, finding.edit is not None) for finding in result.findings]
    assert edits == [
        ("hot&nbsp;lead", False),
        ("e-ma\u00adil", False),
        ("hot <b>lead", False),
        ("e-mail", True),
    ]


def test_first_paragraph_skips_templates_and_comments() -> None:
    parsed = parse_body("{{ brand }} sends `e-mail` to <!-- x --> every lead.\n\nMore.", 0)
    assert parsed.first_paragraph == "sends e-mail to every lead."


def test_comments_naming_smarthub_are_collected_whole() -> None:
    body = "<!--\nsmarthub-disable-next-line\n-->\nText <!-- smarthub-enable --> x\n"
    body += "<!-- smarthub-disable --> lead\n<!-- other -->\n"
    parsed = parse_body(body, 0)
    assert [body[start:end] for start, end in parsed.comments] == [
        "<!--\nsmarthub-disable-next-line\n-->\n",
        "<!-- smarthub-enable -->",
        "<!-- smarthub-disable -->",
    ]


def test_template_spans_skip_code_and_unclosed_openers() -> None:
    text = "a {{ b }} `{{` c }} {% d %} {# e #} {#id} {: .x } {: open\n{{ no end"
    code = [(text.index("`"), text.index("`", text.index("`") + 1) + 1)]
    found = [text[start:end] for start, end in template_spans(text, code)]
    assert found == ["{{ b }}", "{% d %}", "{# e #}", "{: .x }"]


def test_blank_templates_keeps_length_and_skips_code() -> None:
    text = "Use `{{` and {{ x }} here.\n\n!!! note\n\n    {% y %} in a note\n"
    blanked = blank_templates(text)
    assert len(blanked) == len(text)
    assert blanked == text.replace("{{ x }}", " " * 7).replace("{% y %}", " " * 7)
    assert blank_templates("no templates") == "no templates"


def test_prepare_fills_line_leading_masks_with_an_inert_character() -> None:
    prepared = prepare("{{ a }} text\n{{ b }}\nmid {{ c }} end\n")
    assert prepared.markdown == "\x00" * 7 + " text\n" + " " * 7 + "\nmid " + "\x00" * 7 + " end\n"
    assert prepared.source == BREAK * 7 + " text\n" + BREAK * 7 + "\nmid " + BREAK * 7 + " end\n"


def test_open_containers_rewrites_indentation_and_keeps_length() -> None:
    body = '- item\n\n    !!! note "Title"\n\n        Text\n\t\n!!! tip\n\n\tTabbed\n'
    opened, titles = open_containers(body)
    assert len(opened) == len(body)
    assert opened.split("\n")[4] == "    >   Text"
    assert opened.split("\n")[8] == ">Tabbed"
    assert [body[start:end] for start, end in titles] == ["Title"]


def test_setext_underline_is_not_a_content_tab() -> None:
    body = "Title\n===\n\n    code\n"
    assert open_containers(body) == (body, [])


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("https://example.com/e-mail is", "#" * 26 + " is"),
        ("://e-mail y", "://e-mail y"),
        ("www.e-mail.org y", "#" * 14 + " y"),
        ("awww.e-mail.org", "awww.e-mail.org"),
        ("_www.x.org", "_www.x.org"),
        (".www.x.org", ".www.x.org"),
        ("(www.x.org)", "(#########)"),
        ("e-mail@example.com y", "#" * 18 + " y"),
        ("a.b+c-d@x.org", "#" * 13),
        ("@x.org y", "@x.org y"),
        ("https://www.x.com, z", "#" * 17 + ", z"),
        ("see http://x.com. Next", "see ############. Next"),
        ("x svn+ssh://h/p.", "x #############."),
        ("mail me@x.y.z!", "mail ########!"),
        ("u@x", "u@x"),
    ],
)
def test_bare_addresses_are_breaks(text: str, masked: str) -> None:
    region = scalar_region(text, 0, len(text), heading=False)
    assert region.text.replace(BREAK, "#") == masked
    body_region = _region(f"Text {text}")
    assert body_region.text.replace(BREAK, "#") == f"Text {masked}#"


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ('"The e-mail guide"', []),
        ("'The e-mail guide'", []),
        ('""', []),
        ('a "b" a', ["b"]),
        ('X "b" X', ["b"]),
        ('The "e-mail" guide', ["e-mail"]),
        ("\"The 'e-mail' guide\"", ["e-mail"]),
        ('say "e-mail"', ["e-mail"]),
        ('x"e-mail"x', []),
        ('X"e-mail"X', []),
    ],
)
def test_front_matter_value_quotations(value: str, quoted: list[str]) -> None:
    region = scalar_region(value, 0, len(value), heading=False)
    assert [value[start:end] for start, end in region.quotes] == quoted


def test_front_matter_title_is_a_heading_and_summary_is_not() -> None:
    text = "🚀 Email guide"
    title = scalar_region(text, 0, len(text), heading=True)
    summary = scalar_region(text, 0, len(text), heading=False)
    assert title.headings == ((0, len(text)),)
    assert summary.headings == ()
    assert title.block_starts == frozenset({0, 2})


def test_escaped_references_count_backslashes() -> None:
    assert _region("a \\\\&amp; b \\\\\\&amp; c &amp;").text == "a \\\\& b \\\\\\&amp; c &" + BREAK


def test_template_closer_inside_code_does_not_close() -> None:
    text = "{{ a `}}` b }} c {% d `%}` %}"
    code = [(5, 9), (22, 26)]
    assert template_spans(text, code) == [(0, 14), (17, len(text))]


def test_tab_after_spaces_reaches_the_container_column() -> None:
    opened, _ = open_containers("!!! note\n\n  \tText\n \t\tDeeper\n")
    assert opened.split("\n")[2:4] == ["> \tText", ">\t\tDeeper"]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("{: a\n{: b }", ["{: b }"]),
        ("{: x } {: y }", ["{: x }", "{: y }"]),
        ("{: a", []),
        ("{: a {: b\n}", []),
        ("{:}", ["{:}"]),
        ("{#\tx #} {#\nx #} {#- x -#} {#x #}", ["{#\tx #}", "{#\nx #}", "{#- x -#}"]),
        ("{#{{ x }}", ["{{ x }}"]),
        ("{{{% x %}", ["{% x %}"]),
        ("{{}} x", ["{{}}"]),
        ("{% a %}{{ b }}{# c #}", ["{% a %}", "{{ b }}", "{# c #}"]),
        ("{{ a\n\nb }}", ["{{ a\n\nb }}"]),
        ("{{ x {% y %}", ["{% y %}"]),
    ],
)
def test_template_spans(text: str, spans: list[str]) -> None:
    assert [text[start:end] for start, end in template_spans(text)] == spans


@pytest.mark.parametrize(
    ("body", "markdown"),
    [
        ("{{ x }} b", "\x00" * 7 + " b"),
        ("{{ x }}", " " * 7),
        ("{% a\nb %} c", "\x00\x00\x00\x00\n\x00\x00\x00\x00 c"),
        ("{% a\nb %}\nc", "    \n    \nc"),
        ('!!! note "{{ x }}"\n\n    {{ y }} z', " " * 18 + "\n\n>   " + "\x00" * 7 + " z"),
        ("<!-- c --> text", "\x00" * 10 + " text"),
        ("- <!-- c --> text", "- " + "\x00" * 10 + " text"),
        ("Text <!-- c --> text", "Text <!-- c --> text"),
        ("<!-- c -->\ntext", "<!-- c -->\ntext"),
        ("<!-- a\nb --> text", "\x00" * 6 + "\n" + "\x00" * 5 + " text"),
    ],
)
def test_prepare_markdown(body: str, markdown: str) -> None:
    assert prepare(body).markdown == markdown


def test_first_paragraph_is_the_first_paragraph_not_a_heading() -> None:
    assert parse_body("# Title\n\nFirst para.\n\nSecond.", 0).first_paragraph == "First para."


def test_thematic_break_is_a_break_not_text() -> None:
    assert _region("a\n\n---\n\nb").text == f"a{BREAK}b{BREAK}"


def test_no_quotation_after_an_underscore() -> None:
    assert _quoted('snake_"e-mail" x') == []


def test_template_right_after_code_is_a_template() -> None:
    text = "`x`{{ y }} z"
    assert template_spans(text, code_ranges(text)) == [(3, 10)]


def test_consecutive_code_blocks_are_two_ranges() -> None:
    text = "```\na\n```\n```\n{{ x }}\n```\n"
    assert code_ranges(text) == [(0, 9), (10, 25)]


@pytest.mark.parametrize(
    ("body", "markdown"),
    [
        ("<!----> text", "\x00" * 7 + " text"),
        ("<!-- x\ntext", "<!-- x\ntext"),
        ("\n<!-- c --> text", "\n" + "\x00" * 10 + " text"),
        ("<!-- c --> t", "\x00" * 10 + " t"),
    ],
)
def test_prepare_line_leading_comments(body: str, markdown: str) -> None:
    assert prepare(body).markdown == markdown


def test_front_matter_value_opening_with_a_shortcode() -> None:
    text = ":rocket: Email guide"
    assert scalar_region(text, 0, len(text), heading=True).block_starts == frozenset({0, 9})


def test_two_addresses_in_one_text() -> None:
    assert _region("a http://x.com b www.y.org c").text == f"a {BREAK * 12} b {BREAK * 9} c{BREAK}"


def test_attribute_list_closed_on_a_later_line_is_text() -> None:
    assert template_spans("{: a\nb }\nc") == []


def test_references_after_skipped_content_are_decoded_once() -> None:
    assert _region("x `y` a&amp;b").text == f"x {BREAK} a&b{BREAK}"
