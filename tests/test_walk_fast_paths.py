"""The Markdown walk's fast paths give what the plain paths give.

``parse_body`` copies common text pieces inline, converts non-ASCII offsets by interval,
skips the code parse where no code can be, blanks masked spans without a character list,
and finds quotation marks in ASCII text by substring scans. Each differential test below
runs a fast path and a plain one on the same tricky generated Markdown and asserts equal
results, so a wrong shortcut fails here rather than as a finding one column off in a hub.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from smarthub.load import markdown, quotes
from smarthub.load import prepare as prepare_module
from smarthub.load.markdown import _INVISIBLE, BREAK, _Walk, parse_body
from smarthub.load.prepare import (
    PARSER,
    ByteShifts,
    Prepared,
    _fill_markdown,
    byte_to_char,
    code_near,
    code_ranges,
    may_hold_code,
    open_containers,
    prepare,
    template_spans,
)
from smarthub.model import TextRegion
from tests.test_fuzz import MARKDOWN_PIECES

PIECES = [
    *MARKDOWN_PIECES,
    "\r",
    "’",
    "“e-mail”",
    "« lead »",
    "\u00a0",
    "<div>\n",
    "</div>\n",
    "<br>",
    "<b>",
    "&nbsp;",
    "&#x41;",
    "\\&amp;",
    "~~~\n",
    "  ",
    "\n    ",
    "\n\t",
    "٣. ",
    "* ",
    "| x |\n",
    "[^1]",
    "\n\n[^1]: ",
    "Term\n: ",
    "<https://e-mail.example.com>",
    "{: .x }",
    "{# c #}",
    "??? tip\n    ",
    '=== "Tab"\n    ',
    "\n\n",
]
BODIES = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _plain_region(text: str, body_start: int) -> TextRegion:
    """``parse_body``'s region with every text piece through the builder's scrubbing
    ``add_text`` and every offset converted to characters, one by one, before the walk
    sees it: none of the inline code's shortcuts."""
    prepared = prepare(text[body_start:])
    to_char = byte_to_char(prepared.markdown)
    events = [
        (event, {"start": to_char(span["start"]), "end": to_char(span["end"])})
        for event, span in PARSER.events_with_range(prepared.markdown, merge_text=True)
    ]
    walk = _Walk(prepared.source, body_start, "")  # offsets are characters already
    walk.builder.scrub = walk.builder.invisible = True
    walk.run(events)
    builder = walk.builder
    for start, end in prepared.titles:
        builder.start_block()
        heading_start = builder.length
        builder.add_text(start, end)
        builder.headings.append((heading_start, builder.length))
    builder.add_break()
    return builder.region()


def _fields(region: TextRegion) -> tuple[object, ...]:
    return (
        region.text,
        list(region.text_starts),
        list(region.file_starts),
        region.block_starts,
        region.headings,
        region.quotes,
    )


@EXAMPLES
@given(BODIES)
def test_inline_text_pieces_equal_the_builders(body: str) -> None:
    region = parse_body(body, 0).region
    assert _fields(region) == _fields(_plain_region(body, 0))
    assert not any(char in region.text for char in _INVISIBLE)  # dropped, on either path


@EXAMPLES
@given(st.text(alphabet=st.sampled_from("xy ’é😀"), max_size=12), BODIES)
def test_every_character_of_the_text_is_the_files(front: str, body: str) -> None:
    text = f"---\ntitle: {front}\n---\n{body.replace('&', '+')}"
    start = text.index("---", 3) + 4
    region = parse_body(text, start).region
    assert all(
        text[region.file_offset(index)] == char
        for index, char in enumerate(region.text)
        if char != BREAK
    )


@EXAMPLES
@given(st.text(alphabet=st.sampled_from("ab \n\t\r`é€😀’\u200b&"), max_size=60))
def test_byte_shifts_convert_every_character_boundary(text: str) -> None:
    byte_offsets = [len(text[:index].encode()) for index in range(len(text) + 1)]
    to_char = byte_to_char(text)
    assert [to_char(offset) for offset in byte_offsets] == list(range(len(text) + 1))
    if text.isascii():
        return
    shifts = ByteShifts(text)
    for char, offset in enumerate(byte_offsets):
        low, high, shift = shifts.around(offset)
        assert low <= offset < high
        assert offset - shift == char
        assert all(  # every character boundary in the interval shares the shift
            other - shift == other_char
            for other_char, other in enumerate(byte_offsets)
            if low <= other < high
        )


def _code_ranges_parsed(markdown: str) -> list[tuple[int, int]]:
    """Code ranges from a full parse with merged text, as first written: no shortcut."""
    to_char = byte_to_char(markdown)
    ranges: list[tuple[int, int]] = []
    for event, span in PARSER.events_with_range(markdown, merge_text=True):
        if isinstance(event, str):
            continue
        start = event.get("Start")
        tag = start if start is None or isinstance(start, str) else next(iter(start))
        if "Code" in event or tag == "CodeBlock":
            begin, end = to_char(span["start"]), to_char(span["end"])
            if not ranges or begin >= ranges[-1][1]:
                ranges.append((begin, end))
    return ranges


@EXAMPLES
@given(BODIES)
def test_code_ranges_equal_a_full_parse(body: str) -> None:
    markdown = open_containers(body)[0]
    parsed = _code_ranges_parsed(markdown)
    assert code_ranges(markdown) == parsed
    if not may_hold_code(markdown):
        assert parsed == []


@pytest.mark.parametrize(
    "markdown",
    [
        "-     code",
        ">     code",
        "1.      code",
        "- a\n\n      code",
        "> >     code",
        "Term\n:     code",
        "\tcode",
        "-\t\tcode",
        "``x``",
        "~~~\ncode\n~~~",
    ],
)
def test_code_needs_a_backtick_a_tilde_fence_four_spaces_or_a_tab(markdown: str) -> None:
    assert _code_ranges_parsed(markdown) != []
    assert may_hold_code(markdown)


TEMPLATED = st.lists(
    st.sampled_from(
        [*PIECES, "{", "}", "%}", "#}", "{{ x }}", "{% y %}", "`{{ z }}`", "    {{ w }}"]
    ),
    max_size=40,
).map("".join)


def _prepared_with_every_code_range(body: str) -> Prepared:
    """``prepare`` as first written: the code ranges always from a parse, never skipped."""
    markdown, titles = open_containers(body)
    code = code_ranges(markdown)
    starts = [start for start, _ in code]
    spans = template_spans(body, code) if prepare_module._TEMPLATE_OPENER.search(body) else []
    leading = [
        span
        for span in prepare_module._leading_comments(body)
        if prepare_module._code_end(code, starts, span[0]) is None
    ]
    comments = [span for span in leading if "smarthub-" in body[span[0] : span[1]]]
    spans = sorted(spans + leading)
    if not spans:
        return Prepared(markdown, body, tuple(titles), ())
    return Prepared(
        _fill_markdown(markdown, body, spans),
        prepare_module._fill(body, spans, lambda piece: BREAK * len(piece)),
        tuple(titles),
        tuple(comments),
    )


@EXAMPLES
@given(TEMPLATED)
def test_bodies_prepared_without_a_code_parse_equal_those_with_one(body: str) -> None:
    assert prepare(body) == _prepared_with_every_code_range(body)


@EXAMPLES
@given(TEMPLATED)
def test_code_is_skipped_only_where_it_holds_no_brace(body: str) -> None:
    markdown = open_containers(body)[0]
    offsets = list(prepare_module._brace_offsets(body))
    parsed = code_ranges(markdown)
    if code_near(markdown, offsets) != parsed:
        assert not any(start <= at < end for at in offsets for start, end in parsed)


@pytest.mark.parametrize(
    "body",
    [
        "`a {{ b }} c`",
        "`a\n{{ b }}\nc`",  # a span runs over lines of its paragraph
        "x\n\n`a\n{{ b }}` c\n\ny",
        "``{{ b }}``",
        "```\n{{ x }}\n```",
        "```\n{{ x }}",  # a fence never closed runs to the end
        "~~~\n{% x %}\n~~~",
        "    {{ x }}",
        "\t{{ x }}",
        "- a\n\n      {{ x }}",
        ">     {{ x }}",
        "{{ a `}}` b }}",  # the first closer is in code: the next one closes
        "{% a `%}` b %}",
        "{# a `#}` b #}",
        "```{.python}\nx\n```",
        "    <!-- c --> text",
    ],
)
def test_braces_in_code_still_need_the_parse(body: str) -> None:
    markdown = open_containers(body)[0]
    asked = [*prepare_module._brace_offsets(body)]
    asked += [start for start, _ in prepare_module._leading_comments(body)]
    assert code_ranges(markdown) != []
    assert code_near(markdown, asked) == code_ranges(markdown)
    assert prepare(body) == _prepared_with_every_code_range(body)


@EXAMPLES
@given(
    st.lists(
        st.sampled_from(["!", "?", "=", "<", "-", "é", " ", "! ", "!!!", "<!--"]), max_size=90
    ).map("".join),
    st.sampled_from(["!!!", "???", "===", "<!--"]),
)
@example("! " * 70 + "!!!", "!!!")  # more first characters than are tried one by one
@example("! " * 70 + "!!", "!!!")
def test_a_marker_looked_for_by_its_first_character_first_is_found_alike(
    text: str, marker: str
) -> None:
    assert prepare_module.holds(text, marker) == (marker in text)


def _plain_fill(markdown: str, body: str, spans: list[tuple[int, int]]) -> str:
    """``_fill_markdown`` as first written: blank every span, then NUL character by character."""
    spaced = list(markdown)
    for start, end in spans:
        for index in range(start, end):
            if spaced[index] != "\n":
                spaced[index] = " "
    text = "".join(spaced)
    chars = list(text)
    for start, end in spans:
        if markdown[start:end] != body[start:end]:
            continue
        line_end = text.find("\n", end)
        if text[end : line_end if line_end != -1 else len(text)].strip():
            for index in range(start, end):
                if chars[index] != "\n":
                    chars[index] = "\x00"
    return "".join(chars)


@EXAMPLES
@given(BODIES, st.lists(st.tuples(st.integers(0, 200), st.integers(1, 12)), max_size=6))
def test_masked_markdown_equals_a_character_by_character_fill(
    body: str, starts: list[tuple[int, int]]
) -> None:
    markdown = open_containers(body)[0]
    spans = sorted(
        (start, min(start + size, len(body))) for start, size in starts if start < len(body)
    )
    assert _fill_markdown(markdown, body, spans) == _plain_fill(markdown, body, spans)


@EXAMPLES
@given(st.text(alphabet=st.sampled_from("ab '\"\n.x_-’‘“”«»é😀"), max_size=60))
def test_quotation_marks_found_by_scans_equal_the_regex(text: str) -> None:
    marks = re.compile("[\"'“”‘’«»]")
    expected = [(match.start(), match.group()) for match in marks.finditer(text)]
    assert quotes._marks(text) == expected


def _sentence_ends_by_one_pattern(text: str) -> set[int]:
    """Where the first word after a sentence end and its symbols stands, as first written:
    one pattern opening with the class ``[.!?]``."""
    pattern = re.compile(
        rf"[.!?][\"'”’)\]]*\s+(?:(?:[{quotes._EMOJI}]|{quotes._SHORTCODE})"
        rf"[\s{quotes._EMOJI}]*)+(?=\S)",
        re.IGNORECASE,
    )
    return {match.end() for match in pattern.finditer(text)}


SENTENCES = st.lists(
    st.sampled_from(
        [
            ".",
            "!",
            "?",
            "..",
            "?!",
            " ",
            "\n",
            "\x00",
            '"',
            "”",
            ")",
            "]",
            "’",
            "a",
            "Word",
            ":",
            ":smile:",
            ":+1:",
            ":K:",
            "😀",
            "✅",
            "\u24dc",
            "\ufe0f",
            "é",
            "-",
            "_",
        ]
    ),
    max_size=30,
).map("".join)


@EXAMPLES
@given(SENTENCES)
@example("Done? 😀 Next")
@example("Done! :smile: Next")
@example("Done.” ✅ Next")
@example("Done. \u24dc Next")  # a circled letter the emoji class holds only ignoring case
def test_sentence_ends_found_per_mark_equal_one_pattern(text: str) -> None:
    assert quotes.sentence_starts(text, ()) == (
        _sentence_ends_by_one_pattern(text) if not text.isascii() or ":" in text else set()
    )


ADDRESSES = st.lists(
    st.sampled_from(
        [
            "www.",
            "WWW.",
            "wWw.",
            "ww",
            "w",
            "W",
            ".",
            "x",
            "example.com",
            "://",
            "https",
            "@",
            "a.b",
            " ",
            "\x00",
            "é",
            "(",
            ")",
            "_",
            "-",
        ]
    ),
    max_size=20,
).map("".join)


def _www_spans_unchecked(text: str) -> list[tuple[int, int]]:
    """``_www_spans`` without its check for ``www.``: the case-blind pattern runs everywhere."""
    spans = []
    for match in markdown._WWW.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        if not (before.isalnum() or before in "._"):
            spans.append(match.span())
    return spans


@EXAMPLES
@given(ADDRESSES)
def test_www_domains_found_after_a_case_blind_check_equal_an_unchecked_scan(text: str) -> None:
    assert markdown._www_spans(text) == _www_spans_unchecked(text)


def _byte_shifts_by_regex(text: str) -> tuple[list[int], list[int]]:
    """``ByteShifts``' tables as first written: a regex scan for each non-ASCII character."""
    positions: list[int] = []
    extras: list[int] = []
    extra = 0
    for match in re.finditer(r"[^\x00-\x7f]", text):
        positions.append(match.start() + extra)
        extra += len(match.group().encode("utf-8")) - 1
        extras.append(extra)
    return positions, extras


@EXAMPLES
@given(
    st.text(alphabet=st.sampled_from("ab \n\x00\x7f\x80ÿé€’\u200b\uffff😀\U0010ffff"), max_size=60)
)
def test_byte_shifts_tables_equal_a_regex_scan(text: str) -> None:
    shifts = ByteShifts(text)
    assert (shifts.positions, shifts.extra) == _byte_shifts_by_regex(text)


@pytest.mark.parametrize(
    "body",
    [
        "Ünïcödé 😀 then the lead.",
        "Line one\r\nthe lead\r\n",
        "Line one\rthe lead\r",
        "Tabbed,\tthen the lead\n\tnot code",
        "A \ufeffzero-width no-break space, then the lead",
        '!!! note "Ünï"\n\n    !!! tip\n\n        Nested é, the lead\n',
        "<div>\né\n</div>\n\nAfter it, the lead",
        "`é` and `{{ x }}`, then the lead",
        "é&amp;é, then the lead",
        "- é\n    - ü, the lead\n",
        "| é | ü |\n|---|---|\n| ö | the lead |\n",
    ],
)
def test_offsets_are_the_files_on_the_fast_paths_edges(body: str) -> None:
    text = "---\ntitle: Ünï\n---\n" + body
    start = text.index("---", 3) + 4
    region = parse_body(text, start).region
    found = region.text.index("the lead")
    assert region.file_span(found, found + len("the lead")) == (
        text.rindex("the lead"),
        text.rindex("the lead") + len("the lead"),
    )
    assert _fields(region) == _fields(_plain_region(text, start))


def test_skipped_content_leaves_a_break_in_non_ascii_text() -> None:
    region = parse_body("é `code` ü <!-- c --> ö", 0).region
    assert region.text == f"é {BREAK} ü {BREAK} ö{BREAK}"
    assert [region.file_offset(region.text.index(char)) for char in "éüö"] == [0, 9, 22]


def test_a_line_opening_with_a_unicode_digit_is_a_list_item() -> None:
    body = '٣. item\n\n    !!! note "Title"\n\n        Text\n'
    opened, titles = open_containers(body)
    assert opened.split("\n")[4] == "    >   Text"
    assert [body[start:end] for start, end in titles] == ["Title"]


def test_an_unindented_line_of_text_closes_the_container() -> None:
    body = "!!! note\n\n    ```\n    a\nText\n\n!!! tip\n\n    Tip\n"
    opened, _ = open_containers(body)
    assert opened.split("\n")[2:5] == [">   ```", ">   a", "Text"]
    assert opened.split("\n")[8] == ">   Tip"
