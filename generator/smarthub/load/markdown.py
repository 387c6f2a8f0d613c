"""Markdown bodies into checkable prose, with every character's file offset kept.

pulldown-cmark (through pyromark) parses the body and reports a byte range for every event.
Text events are copied from the source itself, so a finding's position is the source's, never
re-found by searching rendered text. Skipped content (code, HTML, URLs, template expressions)
leaves a ``\\x00`` in the joined text so that no match can run across it; markup between
text pieces (``**``, ``[``) is dropped so ``hot **lead**`` still reads as ``hot lead``.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

import pyromark

from smarthub.model.source import TextRegion

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
    | pyromark.Options.ENABLE_DEFINITION_LIST
)
PARSER = pyromark.Markdown(options=_OPTIONS)  # shared with the site, which parses pages alike

BREAK = "\x00"

# Template expressions and kramdown attribute lists are not Markdown: blank them out before
# parsing (same length, so offsets hold) and they are neither parsed nor checked.
_SOURCE_MASK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{:[^}\n]*\}", re.DOTALL)
# Bare URLs, domains and e-mail addresses inside text. Each pattern starts with a literal
# (``://``, ``www.``, ``@``) so the regex engine jumps from one to the next; the part before
# the literal is then widened by hand. Scanning stays linear however long a word is.
_URL_TAIL = r"[^\s<>\"'`\x00]*[^\s<>\"'`.,;:!?)\]}\x00]"
_AFTER_SCHEME = re.compile("://" + _URL_TAIL)
_WWW = re.compile(r"www\." + _URL_TAIL, re.IGNORECASE)
_AFTER_AT = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")

# Python-Markdown containers (admonitions, collapsible details, content tabs) whose body is
# indented by four spaces, which CommonMark would read as a code block.
_CONTAINER = re.compile(r"^( *)(?:!!!\+?|\?\?\?\+?|===\+?)(?=[ \t]|$)[^\n]*$")

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
_INLINE_MARKUP = frozenset(
    {"Emphasis", "Strong", "Strikethrough", "Superscript", "Subscript", "Image"}
)
_INLINE_SKIPPED = frozenset(
    {"Code", "InlineHtml", "Html", "FootnoteReference", "InlineMath", "DisplayMath"}
)


@dataclass(frozen=True, slots=True)
class ParsedBody:
    """The checkable text of a body and its first paragraph as plain text."""

    region: TextRegion
    first_paragraph: str
    comments: tuple[tuple[int, int], ...] = ()  # file offsets of HTML comments naming smarthub


def parse_body(text: str, body_start: int) -> ParsedBody:
    """Parse the Markdown in ``text[body_start:]`` into a ``TextRegion`` with file offsets."""
    body = text[body_start:]
    if _SOURCE_MASK.search(body):
        prepared = blank_templates(body)
        body = blank_templates(body, BREAK)
    else:
        prepared = body
    prepared, titles = open_containers(prepared)
    walk = _Walk(body, body_start, byte_to_char(prepared))
    walk.run(PARSER.events_with_range(prepared, merge_text=True))
    builder = walk.builder
    for start, end in titles:  # container titles are plain text, checked like headings
        builder.start_block()
        heading_start = builder.length
        builder.add_text(start, end)
        builder.headings.append((heading_start, builder.length))
    builder.add_break()
    definition = " ".join("".join(walk.first_paragraph).split())
    return ParsedBody(builder.region(), definition, tuple(walk.comments))


class _Walk:
    """One pass over the parser's events: text in, markup and skipped content out.

    The loop is the hot path of ``smarthub check``: the common events (text, paragraph and
    emphasis boundaries) are tested first and offsets are only converted for non-ASCII files.
    """

    def __init__(self, body: str, body_start: int, to_char) -> None:
        self.builder = _RegionBuilder(body, body_start)
        self.body_start = body_start
        self.to_char = to_char
        self.first_paragraph: list[str] = []
        self.comments: list[tuple[int, int]] = []

    def run(self, events) -> None:
        builder, to_char = self.builder, self.to_char
        add_text, add_break, start_block = builder.add_text, builder.add_break, builder.start_block
        skip_depth = 0
        links: list[bool] = []  # for each open link: is it an autolink (its text is a URL)?
        heading_start = -1
        first_state = 0  # 0 before the first paragraph, 1 inside it, 2 after it
        first_paragraph = self.first_paragraph
        for event, span in events:
            if type(event) is str:  # SoftBreak, HardBreak, Rule
                if event != "Rule" and not skip_depth:
                    add_text(to_char(span["start"]), to_char(span["end"]))
                    if first_state == 1:
                        first_paragraph.append(" ")
                else:
                    add_break()
                continue
            value = event.get("Text")
            if value is not None:
                if not skip_depth:
                    add_text(to_char(span["start"]), to_char(span["end"]))
                    if first_state == 1:
                        first_paragraph.append(value)
                continue
            value = event.get("Start")
            if value is not None:
                tag = value if type(value) is str else next(iter(value))
                if tag in _INLINE_MARKUP:
                    continue
                if tag == "Link":
                    autolink = value["Link"]["link_type"] in ("Autolink", "Email")
                    links.append(autolink)
                    skip_depth += autolink
                elif tag in _SKIPPED_BLOCKS:
                    skip_depth += 1
                    add_break()
                elif tag in _BLOCKS:
                    start_block()
                    if tag == "Heading":
                        heading_start = builder.length
                    elif tag == "Paragraph" and first_state == 0:
                        first_state = 1
                continue
            value = event.get("End")
            if value is not None:
                tag = value if type(value) is str else next(iter(value))
                if tag in _INLINE_MARKUP:
                    continue
                if tag == "Link":
                    skip_depth -= links.pop() if links else 0
                elif tag in _SKIPPED_BLOCKS:
                    skip_depth = max(skip_depth - 1, 0)
                elif tag in _BLOCKS:
                    add_break()
                    if tag == "Heading" and heading_start >= 0:
                        builder.headings.append((heading_start, builder.length))
                        heading_start = -1
                    elif tag == "Paragraph" and first_state == 1:
                        first_state = 2
                continue
            ((kind, value),) = event.items()
            if kind in _INLINE_SKIPPED:
                if first_state == 1 and kind == "Code":
                    first_paragraph.append(value)
                elif kind in ("Html", "InlineHtml") and "smarthub-" in value:
                    start = self.body_start + to_char(span["start"])
                    self.comments.append((start, self.body_start + to_char(span["end"])))
                add_break()


def blank_templates(text: str, fill: str = " ") -> str:
    """Template expressions and kramdown attribute lists replaced by ``fill`` (same length)."""
    return _SOURCE_MASK.sub(lambda match: fill * len(match.group()), text)


def _mask_addresses(text: str) -> str:
    """Blank out bare URLs, domains and e-mail addresses, keeping the text's length."""
    spans: list[tuple[int, int]] = []
    for match in _AFTER_SCHEME.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] in _SCHEME_CHARS:
            start -= 1
        if start < match.start() and text[start].isalpha():
            spans.append((start, match.end()))
    for match in _WWW.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        if not (before.isalnum() or before in "._"):
            spans.append(match.span())
    for match in _AFTER_AT.finditer(text):
        start = match.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
            start -= 1
        if start < match.start():
            spans.append((start, match.end()))
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


def scalar_region(text: str, start: int, end: int, *, heading: bool) -> TextRegion:
    """A region for one front-matter value (``title``, ``summary``) at file offsets ``[start, end)``."""
    raw = _mask_addresses(text[start:end])
    first_word = next((index for index, char in enumerate(raw) if char.isalnum()), 0)
    return TextRegion(
        text=raw,
        text_starts=array("q", [0]),
        file_starts=array("q", [start]),
        block_starts=frozenset({first_word}),
        headings=((0, len(raw)),) if heading else (),
    )


class _RegionBuilder:
    """Joins text pieces, remembering where each came from."""

    def __init__(self, body: str, body_start: int) -> None:
        self.body = body
        self.body_start = body_start
        self.parts: list[str] = []
        self.text_starts = array("q")
        self.file_starts = array("q")
        self.block_starts: set[int] = set()
        self.headings: list[tuple[int, int]] = []
        self.length = 0
        self.pending_block = False

    def add_text(self, start: int, end: int) -> None:
        piece = self.body[start:end]
        if not piece:
            return
        if self.pending_block:
            self.block_starts.add(self.length)
            self.pending_block = False
        self.text_starts.append(self.length)
        self.file_starts.append(self.body_start + start)
        self.parts.append(piece)
        self.length += len(piece)

    def add_break(self) -> None:
        if self.parts and self.parts[-1] != BREAK:
            self.parts.append(BREAK)
            self.length += 1

    def start_block(self) -> None:
        self.add_break()
        self.pending_block = True

    def region(self) -> TextRegion:
        text = "".join(self.parts)
        if "://" in text or "www." in text or "@" in text:
            text = _mask_addresses(text)
        return TextRegion(
            text=text,
            text_starts=self.text_starts or array("q", [0]),
            file_starts=self.file_starts or array("q", [self.body_start]),
            block_starts=frozenset(self.block_starts),
            headings=tuple(self.headings),
        )


def byte_to_char(text: str) -> Callable[[int], int]:
    """A function from UTF-8 byte offsets to character offsets in ``text``."""
    if text.isascii():
        return int  # the identity on offsets, and cheaper to call than a lambda
    byte_positions: list[int] = []
    extra_before: list[int] = []
    extra = 0
    for match in re.finditer(r"[^\x00-\x7f]", text):
        byte_positions.append(match.start() + extra)
        extra += len(match.group().encode("utf-8")) - 1
        extra_before.append(extra)

    def to_char(offset: int) -> int:
        index = bisect_right(byte_positions, offset - 1) - 1
        return offset - (extra_before[index] if index >= 0 else 0)

    return to_char


def open_containers(body: str) -> tuple[str, list[tuple[int, int]]]:
    """Rewrite indented container bodies so CommonMark parses them as prose, keeping offsets.

    Python-Markdown reads ``!!! note``, ``??? tip`` and ``=== "Tab"`` followed by lines
    indented four spaces as a container; CommonMark would read those lines as a code block.
    Each four-space indent that belongs to such a container becomes ``>   `` (a block
    quote) and the marker is blanked except its quoted title. The text keeps its length,
    so every offset still points at the same character of the file. Returns the rewritten
    text and the offsets of the titles (inside their quotes), which are checked apart.
    """
    titles: list[tuple[int, int]] = []
    if "!!!" not in body and "???" not in body and "===" not in body:
        return body, titles
    lines = body.split("\n")
    line_start = 0
    depth = 0  # open containers; the k-th has its marker indented 4 * (k - 1) spaces
    for index, line in enumerate(lines):
        if line.strip():
            indent = len(line) - len(line.lstrip(" "))
            depth = min(depth, indent // 4)
        this_line_start, line_start = line_start, line_start + len(line) + 1
        if not depth and "!!!" not in line and "???" not in line and "===" not in line:
            continue
        rest = line[4 * depth :]
        if depth and line.strip():
            line = ">   " * depth + rest
        marker = _CONTAINER.match(rest)
        if marker and not marker.group(1):
            title = re.search(r'"([^"\n]*)"', rest)
            if title:
                titles.append(
                    (
                        this_line_start + 4 * depth + title.start(1),
                        this_line_start + 4 * depth + title.end(1),
                    )
                )
            line = ">   " * depth + " " * len(rest)
            depth += 1
        lines[index] = line
    return "\n".join(lines), titles
