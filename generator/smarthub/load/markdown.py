"""Markdown bodies into checkable prose, with every character's file offset kept.

pulldown-cmark (through pyromark) parses the body and reports a byte range for every event.
Text events are copied from the source itself, so a finding's position is the source's, never
re-found by searching rendered text. Skipped content (code, HTML, URLs, template expressions)
leaves a ``\\x00`` in the joined text so that no match can run across it; markup between
text pieces (``**``, ``[``) is dropped so ``hot **lead**`` still reads as ``hot lead``.
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from smarthub.load.prepare import (
    BREAK,
    PARSER,
    ByteShifts,
    blank_templates,
    byte_to_char,
    holds,
    open_containers,
    prepare,
    template_spans,
)
from smarthub.load.quotes import quotations, sentence_starts
from smarthub.model.source import TextRegion

__all__ = [
    "BREAK",
    "PARSER",
    "ParsedBody",
    "blank_templates",
    "byte_to_char",
    "open_containers",
    "parse_body",
    "scalar_region",
]

# Bare URLs, domains and e-mail addresses inside text. Each pattern starts with a literal
# (``://``, ``www.``, ``@``) so the regex engine jumps from one to the next; the part before
# the literal is then widened by hand. Scanning stays linear however long a word is.
_URL_TAIL = r"[^\s<>\"'`\x00]*[^\s<>\"'`.,;:!?)\]}\x00]"
_AFTER_SCHEME = re.compile("://" + _URL_TAIL)
_WWW = re.compile(r"www\." + _URL_TAIL, re.IGNORECASE)
# The dot of ``www.`` in any case (``w`` folds only to ``W``): a pattern opening with a
# literal is searched by a fast scan for it, cheaper than lowering the text.
_SOME_WWW = re.compile(r"\.(?<=[wW]{3}\.)")
_AFTER_AT = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")

# Characters that show nothing inside a word (soft hyphen, zero-width space, non-joiner,
# joiner, word joiner, BOM): dropped from the text, so ``e-ma\u00adil`` reads ``e-mail``.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SCRUB = re.compile(
    rf"[{_INVISIBLE}]+|&(?:#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});"
)
# Inline HTML elements that only style their text: the words on both sides still join
# (``hot <span>lead</span>``). Any other tag or comment ends the text on its side.
_PHRASING = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
    ]
)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")

_BLOCKS = frozenset(
    {
        "Paragraph",
        "Heading",
        "Item",
        "TableCell",
        "FootnoteDefinition",
        "DefinitionListTitle",
        "DefinitionListDefinition",
        "BlockQuote",
    }
)
_SKIPPED_BLOCKS = frozenset({"CodeBlock", "HtmlBlock", "MetadataBlock"})
_INLINE_SKIPPED = frozenset({"Code", "InlineHtml", "Html", "InlineMath", "DisplayMath"})


@dataclass(frozen=True, slots=True)
class ParsedBody:
    """The checkable text of a body and its first paragraph as plain text."""

    region: TextRegion
    first_paragraph_pieces: tuple[str, ...]  # the paragraph's text pieces, as parsed
    comments: tuple[tuple[int, int], ...] = ()  # file offsets of HTML comments naming smarthub

    @property
    def first_paragraph(self) -> str:
        """The first paragraph with its white space collapsed (a glossary definition).

        Joined only when asked: only kinds with a ``body_field`` (glossary entries) use it,
        and splitting every other page's first paragraph into words was wasted work.
        """
        return " ".join("".join(self.first_paragraph_pieces).replace(BREAK, "").split())


def parse_body(text: str, body_start: int) -> ParsedBody:
    """Parse the Markdown in ``text[body_start:]`` into a ``TextRegion`` with file offsets."""
    prepared = prepare(text[body_start:])
    walk = _Walk(prepared.source, body_start, prepared.markdown)
    walk.run(PARSER.events_with_range(prepared.markdown, merge_text=True))
    builder = walk.builder
    for start, end in prepared.titles:  # container titles are plain text, checked like headings
        builder.start_block()
        heading_start = builder.length
        builder.add_text(start, end)
        builder.headings.append((heading_start, builder.length))
    builder.add_break()
    comments = sorted(
        walk.comments + [(body_start + s, body_start + e) for s, e in prepared.comments]
    )
    return ParsedBody(builder.region(), tuple(walk.first_paragraph), tuple(comments))


class _Walk:
    """One pass over the parser's events: text in, markup and skipped content out.

    ``run`` is the hot path of ``smarthub check`` (about a million events at 10,000 files):
    each event is taken apart once (``popitem`` of its one-entry dict) and the builder's work
    for the common events is written out inline. Offsets are converted from bytes only in
    files that are not ASCII, through the interval ``ByteShifts.around`` returns.
    """

    def __init__(self, body: str, body_start: int, markdown: str) -> None:
        self.builder = _RegionBuilder(body, body_start)
        self.body_start = body_start
        self.shifts = None if markdown.isascii() else ByteShifts(markdown)
        self.first_paragraph: list[str] = []
        self.comments: list[tuple[int, int]] = []

    def run(self, events: Iterable[tuple[object, dict[str, int]]]) -> None:
        """Feed the parser's ``(event, byte range)`` pairs to the region builder.

        The builder's ``add_text``, ``add_break`` and ``start_block`` are written out inline
        for the common events (a plain text piece, a block's start and end); the rare ones
        (scrubbed text, HTML, code) call them.
        """
        builder, shifts = self.builder, self.shifts
        low = high = shift = 0  # the byte offsets [low, high) are ``shift`` past their chars
        body, body_start = builder.body, builder.body_start
        scrub, invisible = builder.scrub, builder.invisible
        parts, boundaries = builder.parts, builder.boundaries
        add_part, add_text_start, add_file_start = (
            parts.append,
            builder.text_starts.append,
            builder.file_starts.append,
        )
        add_text, add_break = builder.add_text, builder.add_break
        skip_depth = 0
        links: list[bool] = []  # for each open link: is it an autolink (its text is a URL)?
        heading_start = -1
        first_state = 0  # 0 before the first paragraph, 1 inside it, 2 after it
        first_paragraph = self.first_paragraph
        html_block: tuple[int, int] | None = None  # the open HTML block's byte range
        for event, span in events:
            if type(event) is str:  # SoftBreak, HardBreak or Rule: no payload
                if event == "Rule" or skip_depth:
                    add_break()
                    continue
                value = " "
            else:
                kind, value = event.popitem()  # the parser's own one-entry dict, used once
                if kind != "Text":
                    if kind == "Start":
                        tag = value if type(value) is str else next(iter(value))
                        if tag in _BLOCKS:
                            if parts and parts[-1] != BREAK:  # start_block()
                                add_part(BREAK)
                                builder.length += 1
                            builder.pending_start = True
                            boundaries.append(builder.length)
                            if tag == "Heading":
                                heading_start = builder.length
                            elif tag == "Paragraph" and first_state == 0:
                                first_state = 1
                        elif tag == "Link":
                            autolink = value["Link"]["link_type"] in ("Autolink", "Email")
                            links.append(autolink)
                            skip_depth += autolink
                        elif tag in _SKIPPED_BLOCKS:
                            skip_depth += 1
                            add_break()
                            if tag == "HtmlBlock":
                                html_block = (span["start"], span["end"])
                    elif kind == "End":
                        tag = value if type(value) is str else next(iter(value))
                        if tag in _BLOCKS:
                            if parts and parts[-1] != BREAK:  # add_break()
                                add_part(BREAK)
                                builder.length += 1
                            if tag == "Heading" and heading_start >= 0:
                                builder.headings.append((heading_start, builder.length))
                                heading_start = -1
                            elif tag == "Paragraph" and first_state == 1:
                                first_state = 2
                        elif tag == "Link":
                            skip_depth -= links.pop() if links else 0
                        elif tag in _SKIPPED_BLOCKS:
                            skip_depth = max(skip_depth - 1, 0)
                    elif kind in _INLINE_SKIPPED:
                        if kind == "Code" or kind == "InlineMath":
                            builder.pending_start = False  # code is the first word
                            if first_state == 1 and kind == "Code":
                                first_paragraph.append(value)
                            add_break()
                        elif self._html(kind, value, span, html_block, skip_depth):
                            add_break()
                    # Anything else (emphasis, a list, a table row, a footnote reference, a
                    # task marker) only marks the text: the words around it still join.
                    continue
                if skip_depth:
                    continue
            # Text or a line break: the source's own characters.
            if first_state == 1:
                first_paragraph.append(value)
            start, end = span["start"], span["end"]
            if shifts is not None:  # not ASCII: byte offsets run ahead of characters
                if not low <= start < high:
                    low, high, shift = shifts.around(start)
                start -= shift
                if not low <= end < high:
                    low, high, shift = shifts.around(end)
                end -= shift
            if scrub and (invisible or body.find("&", start, end) != -1):
                add_text(start, end)  # a reference to decode or an invisible character to drop
            elif end > start:  # add_text() for a piece that needs no scrubbing
                length = builder.length
                if builder.pending_start:
                    builder.starts.add(length)
                    builder.pending_start = False
                add_text_start(length)
                add_file_start(body_start + start)
                add_part(body[start:end])
                builder.length = length + end - start

    def _html(
        self,
        kind: str,
        value: str,
        span: dict[str, int],
        html_block: tuple[int, int] | None,
        skip_depth: int,
    ) -> bool:
        """Note a smarthub comment; whether this HTML ends the text (a phrasing tag does not)."""
        if "smarthub-" in value:
            # A comment over several lines of an HTML block comes one line per event.
            start, end = (
                html_block if kind == "Html" and html_block else (span["start"], span["end"])
            )
            if self.shifts is not None:
                start, end = self.shifts.to_char(start), self.shifts.to_char(end)
            comment = (self.body_start + start, self.body_start + end)
            if comment not in self.comments:
                self.comments.append(comment)
        if kind != "InlineHtml":
            return True
        name = _TAG_NAME.match(value)
        if name is None:
            return True
        name = name.group(1).lower()
        if name in _PHRASING:
            return False
        if name in ("br", "wbr") and not skip_depth:
            self.builder.add_break()
            self.builder.pending_start = True
            return False
        return True


def _mask_addresses(text: str) -> str:
    """Blank out bare URLs, domains and e-mail addresses, keeping the text's length."""
    spans = [*_url_spans(text), *_www_spans(text), *_email_spans(text)]
    if not spans:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end > start:
            pieces += [text[position:start], BREAK * (end - start)]
            position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _url_spans(text: str) -> list[tuple[int, int]]:
    """``scheme://…`` addresses: the scheme is widened back from ``://`` by hand."""
    spans: list[tuple[int, int]] = []
    for match in _AFTER_SCHEME.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] in _SCHEME_CHARS:
            start -= 1
        if start < match.start() and text[start].isalpha():
            spans.append((start, match.end()))
    return spans


def _www_spans(text: str) -> list[tuple[int, int]]:
    """``www.…`` domains in any case that do not continue a word or a domain."""
    # ``_WWW`` ignores case, so it opens with no literal to scan for and is tried at every
    # character: a scan for the dot first makes sure some spelling of ``www.`` is there.
    if _SOME_WWW.search(text) is None:
        return []
    spans: list[tuple[int, int]] = []
    for match in _WWW.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        if not (before.isalnum() or before in "._"):
            spans.append(match.span())
    return spans


def _email_spans(text: str) -> list[tuple[int, int]]:
    """E-mail addresses: the name is widened back from ``@`` by hand."""
    spans: list[tuple[int, int]] = []
    for match in _AFTER_AT.finditer(text):
        start = match.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
            start -= 1
        if start < match.start():
            spans.append((start, match.end()))
    return spans


def scalar_region(text: str, start: int, end: int, *, heading: bool) -> TextRegion:
    """A region for one front-matter value (``title``, ``summary``) at file offsets ``[start, end)``.

    Template expressions in the value are skipped as in bodies. The quotes of a quoted YAML
    scalar are not a quotation; quotation marks inside the value are.
    """
    raw = text[start:end]
    spans = template_spans(raw)
    if spans:
        pieces, position = [], 0
        for span_start, span_end in spans:
            pieces += [raw[position:span_start], BREAK * (span_end - span_start)]
            position = span_end
        raw = "".join([*pieces, raw[position:]])
    raw = _mask_addresses(raw)
    inner = 1 if len(raw) > 1 and raw[0] in "\"'" and raw[-1] == raw[0] else 0
    quotes = tuple(
        (quote_start + inner, quote_end + inner)
        for quote_start, quote_end in quotations(raw[inner : len(raw) - inner], ())
    )
    return TextRegion(
        text=raw,
        text_starts=array("q", [0]),
        file_starts=array("q", [start]),
        block_starts=frozenset({0} | sentence_starts(raw, (0,))),
        headings=((0, len(raw)),) if heading else (),
        quotes=quotes,
    )


class _RegionBuilder:
    """Joins text pieces, remembering where each came from.

    ``add_text`` copies the file's own characters. In a body with character references or
    invisible characters (``scrub``), it decodes ``&nbsp;``-style references to the character
    they stand for and drops invisible characters, each as its own piece, so offsets stay the
    file's. ``_Walk.run`` appends plain pieces itself, the way ``_add_piece`` does.
    """

    __slots__ = (
        "body",
        "body_start",
        "boundaries",
        "file_starts",
        "headings",
        "invisible",
        "length",
        "parts",
        "pending_start",
        "scrub",
        "starts",
        "text_starts",
    )

    def __init__(self, body: str, body_start: int) -> None:
        self.body = body
        self.body_start = body_start
        self.parts: list[str] = []
        # Lists while building (a list append is several times cheaper than an array's),
        # integer arrays in the region.
        self.text_starts: list[int] = []
        self.file_starts: list[int] = []
        self.boundaries: list[int] = []  # where each block's text begins, for quotations
        # Where a block's first word or the first word after a ``<br>`` stands: each opens
        # a sentence. ``pending_start`` marks the next piece as one.
        self.starts: set[int] = set()
        self.headings: list[tuple[int, int]] = []
        self.length = 0
        self.pending_start = False
        # Substring tests are plain C scans, several times faster than one regex scan; the
        # invisible characters are not ASCII.
        self.invisible = not body.isascii() and any(char in body for char in _INVISIBLE)
        self.scrub = self.invisible or "&" in body

    def add_text(self, start: int, end: int) -> None:
        """Add the body's characters ``[start, end)``, scrubbed if the body needs it."""
        if self.scrub:
            self._add_scrubbed(start, end)
        elif end > start:
            self._add_piece(start, self.body[start:end])

    def _add_piece(self, start: int, piece: str) -> None:
        if self.pending_start:
            self.starts.add(self.length)
            self.pending_start = False
        self.text_starts.append(self.length)
        self.file_starts.append(self.body_start + start)
        self.parts.append(piece)
        self.length += len(piece)

    def _add_scrubbed(self, start: int, end: int) -> None:
        body = self.body
        if _SCRUB.search(body, start, end) is None:
            if end > start:
                self._add_piece(start, body[start:end])
            return
        position = start
        for match in _SCRUB.finditer(body, start, end):
            token = match.group()
            decoded = ""
            if token[0] == "&":
                index = match.start()
                while index > start and body[index - 1] == "\\":
                    index -= 1
                escaped = (match.start() - index) % 2
                decoded = html.unescape(token)
                if decoded == token or escaped:
                    continue  # not a reference HTML knows, or escaped: the text as written
                decoded = decoded.strip(_INVISIBLE)
            if match.start() > position:
                self._add_piece(position, body[position : match.start()])
            if decoded:
                self._add_piece(match.start(), decoded)
            position = match.end()
        if end > position:
            self._add_piece(position, body[position:end])

    def add_break(self) -> None:
        """End the text here: no match runs across a break."""
        if self.parts and self.parts[-1] != BREAK:
            self.parts.append(BREAK)
            self.length += 1

    def start_block(self) -> None:
        """A paragraph, heading, list item or table cell begins with the next text."""
        self.add_break()
        self.pending_start = True
        self.boundaries.append(self.length)

    def region(self) -> TextRegion:
        """The joined text with its offsets, sentence starts and quotations."""
        text = "".join(self.parts)
        if "@" in text or holds(text, "://") or "www." in text:
            text = _mask_addresses(text)
        starts = self.starts
        return TextRegion(
            text=text,
            text_starts=array("q", self.text_starts or [0]),
            file_starts=array("q", self.file_starts or [self.body_start]),
            block_starts=frozenset(starts | sentence_starts(text, starts)),
            headings=tuple(self.headings),
            quotes=quotations(text, self.boundaries),
        )
