"""Markdown source made ready for a CommonMark parser, keeping every character's offset.

MkDocs pages are not plain CommonMark: Python-Markdown containers (admonitions, collapsible
details, content tabs) indent their bodies by four spaces, and pages may hold template
expressions (``{{ … }}``, ``{% … %}``, ``{# … #}``) and attribute lists (``{: … }``) that
are not Markdown at all. Everything here rewrites text without changing its length, so an
offset into the rewritten text is an offset into the file.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyromark

BREAK = "\x00"
# A masked stretch followed by text on its line is filled with NUL, which CommonMark reads as
# an ordinary character: filled with spaces it would indent the rest of the line into a code
# block (or, for an HTML comment, hide the line in an HTML block).
_INERT = "\x00"

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
    | pyromark.Options.ENABLE_DEFINITION_LIST
)
PARSER = pyromark.Markdown(options=_OPTIONS)  # shared with the site, which parses pages alike

# Every byte that opens a multi-byte UTF-8 character becomes 1, every other byte 0.
_LEAD_BYTES = bytes.maketrans(bytes(range(256)), bytes(int(byte >= 0xC0) for byte in range(256)))
_TRIES = 64  # occurrences of a marker's first character ``holds`` tries one by one
_TEMPLATE_OPENER = re.compile(r"\{[{%#:]")
_TEMPLATE_CLOSER = {"{": "}}", "%": "%}", "#": "#}"}
# An HTML comment opening a line (after indentation, block quote and list markers) would
# start an HTML block that hides the rest of its last line.
_LINE_PREFIX = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[ \t>]*\Z")

# Python-Markdown containers: ``!!! type ["title"]``, ``??? type``, ``=== "Tab"`` (a content
# tab always has a quoted title, so a setext underline ``===`` is never one).
_CONTAINER = re.compile(r"(?:(?:!!!|\?\?\?)\+?[ \t]+\S|===\+?[ \t]+\")")
_TITLE = re.compile(r'"([^"\n]*)"')
_FENCE = re.compile(r"[ \t>]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# What a line must open with for ``open_containers`` to look further: indentation, a list
# marker (or a digit, tested apart), a block quote or fence, a container marker.
_MAY_OPEN_STRUCTURE = frozenset(" \t-*+>`~!?=")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A body ready to parse (``markdown``) and the text to copy prose from (``source``).

    Both have the body's length. ``titles`` are the offsets of container titles (inside
    their quotes), checked like headings; ``comments`` the offsets of HTML comments naming
    smarthub that the parser will no longer see as HTML.
    """

    markdown: str
    source: str
    titles: tuple[tuple[int, int], ...]
    comments: tuple[tuple[int, int], ...]


def prepare(body: str) -> Prepared:
    """The body with containers opened and templates and line-leading comments masked."""
    markdown, titles = open_containers(body)
    has_template = "{" in body and _TEMPLATE_OPENER.search(body) is not None  # memchr first
    leading = _leading_comments(body) if holds(body, "<!--") else []
    if not has_template and not leading:
        return Prepared(markdown, body, tuple(titles), ())
    # Parsed only when something outside code may be masked, and code may hold some brace
    # of a template (where ``template_spans`` asks) or the start of a leading comment.
    code = code_near(markdown, [*_brace_offsets(body), *(start for start, _ in leading)])
    spans = template_spans(body, code) if has_template else []
    comments: list[tuple[int, int]] = []
    if leading:
        starts = [start for start, _ in code]
        leading = [span for span in leading if _code_end(code, starts, span[0]) is None]
        comments = [span for span in leading if "smarthub-" in body[span[0] : span[1]]]
        spans = sorted(spans + leading)
    if not spans:
        return Prepared(markdown, body, tuple(titles), ())
    return Prepared(
        _fill_markdown(markdown, body, spans),
        _fill(body, spans, lambda piece: BREAK * len(piece)),
        tuple(titles),
        tuple(comments),
    )


def holds(text: str, marker: str) -> bool:
    """``marker in text``, found from the occurrences of its first character.

    A one-character ``find`` is a C ``memchr``, many times faster than the scan for a
    longer marker, and the first character is rare in most texts (``!`` of ``!!!``, ``<``
    of ``<!--``): each occurrence is tried in turn, up to ``_TRIES`` of them, and only a
    text with more is scanned for the whole marker.
    """
    first = marker[0]
    at = text.find(first)
    for _ in range(_TRIES):
        if at == -1:
            return False
        if text.startswith(marker, at):
            return True
        at = text.find(first, at + 1)
    return at != -1 and text.find(marker, at) != -1


def blank_templates(text: str, fill: str = " ") -> str:
    """Template expressions and attribute lists outside code replaced by ``fill`` (same length)."""
    if _TEMPLATE_OPENER.search(text) is None:
        return text
    spans = template_spans(text, code_ranges(open_containers(text)[0]))
    return _fill(text, spans, lambda piece: fill * len(piece))


def template_spans(text: str, code: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """``(start, end)`` of each template expression and attribute list outside ``code``.

    ``{{ … }}``, ``{% … %}`` and ``{# … #}`` may run over lines; ``{: … }`` ends on its line.
    An opener nothing closes is text. Time is linear: each search resumes after the last
    construct, and once an opener has no closer, no later opener of its kind is tried.
    """
    spans: list[tuple[int, int]] = []
    unclosed: set[str] = set()
    starts = [start for start, _ in code]
    position = 0
    next_brace = -1
    while True:
        match = _TEMPLATE_OPENER.search(text, position)
        if match is None:
            return spans
        start = match.start()
        kind = text[start + 1]
        inside = _code_end(code, starts, start)
        if inside is not None:
            position = inside
            continue
        if kind in unclosed or (
            kind == "#" and text[start + 2 : start + 3] not in (" ", "\t", "\n", "-")
        ):
            position = start + 2  # ``{#id}`` is a heading attribute, not a template comment
            continue
        if kind == ":":
            line_end = text.find("\n", start)
            if line_end == -1:
                line_end = len(text)
            if next_brace < start:  # else the first ``}`` after the last search still comes first
                next_brace = text.find("}", start)
                if next_brace == -1:
                    next_brace = len(text)
            if next_brace >= line_end:  # no ``{:`` before this line's end closes on the line
                position = line_end
                continue
            end = next_brace + 1
        else:
            end = _closer_outside_code(text, _TEMPLATE_CLOSER[kind], start + 2, code, starts)
            if end == -1:
                unclosed.add(kind)
                position = start + 2
                continue
        spans.append((start, end))
        position = end


def _closer_outside_code(
    text: str, closer: str, position: int, code: Sequence[tuple[int, int]], starts: list[int]
) -> int:
    while True:
        found = text.find(closer, position)
        if found == -1:
            return -1
        inside = _code_end(code, starts, found)
        if inside is None:
            return found + len(closer)
        position = inside


def _code_end(code: Sequence[tuple[int, int]], starts: list[int], offset: int) -> int | None:
    """The end of the code range holding ``offset``, or None."""
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset < code[index][1]:
        return code[index][1]
    return None


def code_ranges(markdown: str) -> list[tuple[int, int]]:
    """Character offsets of the code spans and code blocks in ``markdown``, in order."""
    if not may_hold_code(markdown):
        return []
    to_char = byte_to_char(markdown)
    ranges: list[tuple[int, int]] = []
    # Unmerged text is cheaper to produce, and text events are skipped here anyway.
    for event, span in PARSER.events_with_range(markdown, merge_text=False):
        if type(event) is str or "Text" in event:
            continue
        if "Code" in event or ("Start" in event and _tag(event["Start"]) == "CodeBlock"):
            start, end = to_char(span["start"]), to_char(span["end"])
            if not ranges or start >= ranges[-1][1]:
                ranges.append((start, end))
    return ranges


def code_near(markdown: str, offsets: Iterable[int]) -> list[tuple[int, int]]:
    """``code_ranges(markdown)``, or ``[]`` when no code can hold any of ``offsets``.

    A caller asking only whether some offsets (none of them a backtick) lie in code needs
    no parse when none can: code holding an offset is a fenced block (a fence before it),
    an indented code line (four columns of indentation before it on its line, written as
    four spaces or with a tab) or a code span (backticks on both sides of it, with no
    empty line between them: a span stays inside its paragraph).
    """
    if not may_hold_code(markdown):
        return []
    fences = [at for at in (markdown.find("```"), markdown.find("~~~")) if at != -1]
    first_fence = min(fences, default=len(markdown))
    for offset in offsets:
        line = markdown[markdown.rfind("\n", 0, offset) + 1 : offset]  # before it on its line
        if (
            first_fence < offset
            or "    " in line
            or "\t" in line
            or _between_backticks(markdown, offset)
        ):
            return code_ranges(markdown)
    return []


def _between_backticks(markdown: str, offset: int) -> bool:
    """Whether a backtick stands before ``offset`` and one after it, in its paragraph."""
    start = markdown.rfind("\n\n", 0, offset) + 1
    end = markdown.find("\n\n", offset)
    end = len(markdown) if end == -1 else end
    return markdown.find("`", start, offset) != -1 and markdown.find("`", offset, end) != -1


def _brace_offsets(text: str) -> Iterator[int]:
    """Where ``template_spans`` may ask whether code holds an offset: at every ``{`` (an
    opener's start) and every ``}}``, ``%}`` and ``#}`` (a closer's start)."""
    at = text.find("{")
    while at != -1:
        yield at
        at = text.find("{", at + 1)
    at = text.find("}", 1)
    while at != -1:
        if text[at - 1] in "}%#":
            yield at - 1
        at = text.find("}", at + 1)


def may_hold_code(markdown: str) -> bool:
    """Whether ``markdown`` may hold code; when not, no parse is needed to know there is none.

    A code span needs a backtick and a fenced block a run of backticks or tildes. An indented
    code block needs four columns of indentation after its container's markers, written as
    four spaces or with a tab, so a text with neither holds no indented code.
    """
    return "`" in markdown or "~~~" in markdown or "    " in markdown or "\t" in markdown


def _tag(value: object) -> str:
    return value if isinstance(value, str) else next(iter(value))  # type: ignore[call-overload]


def _leading_comments(body: str) -> list[tuple[int, int]]:
    """HTML comments that open a line and have text after them on their last line.

    Whether one lies in code is for the caller to decide: the comments found do not depend
    on it (a ``<!--`` in code still runs to its ``-->``), and most bodies then need no parse.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        start = body.find("<!--", position)
        if start == -1:
            return spans
        end = body.find("-->", start + 4)
        if end == -1:
            return spans  # unclosed: no later comment closes either
        end += 3
        position = end
        line_start = body.rfind("\n", 0, start) + 1
        line_end = body.find("\n", end)
        rest = body[end : line_end if line_end != -1 else len(body)]
        if rest.strip() and _LINE_PREFIX.match(body, line_start, start):
            spans.append((start, end))


def _fill(text: str, spans: Sequence[tuple[int, int]], replace: Callable[[str], str]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        start = max(start, position)
        if end > start:
            pieces += [text[position:start], replace(text[start:end])]
            position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _fill_markdown(markdown: str, body: str, spans: Sequence[tuple[int, int]]) -> str:
    """Masked spans as spaces, or as inert NUL where text follows them on their last line.

    Line breaks inside a span are kept, so the lines around it keep their structure. A span
    the container rewrite already blanked (a title on a marker line) is left as it is.
    """
    spaced = _fill(markdown, spans, _spaces)
    inert: list[tuple[int, int]] = []
    for start, end in spans:
        if markdown[start:end] != body[start:end]:
            continue
        line_end = spaced.find("\n", end)
        if spaced[end : line_end if line_end != -1 else len(spaced)].strip():
            inert.append((start, end))
    if not inert:
        return spaced
    # Every span is blank in ``spaced`` already: only its spaces become NUL.
    return _fill(spaced, inert, lambda piece: piece.replace(" ", _INERT))


def _spaces(piece: str) -> str:
    """``piece`` blanked with spaces, its line breaks kept."""
    if "\n" not in piece:
        return " " * len(piece)
    return "\n".join(" " * len(line) for line in piece.split("\n"))


def byte_to_char(text: str) -> Callable[[int], int]:
    """A function from UTF-8 byte offsets to character offsets in ``text``."""
    if text.isascii():
        return int  # the identity on offsets, and cheaper to call than a lambda
    return ByteShifts(text).to_char


class ByteShifts:
    """How far each UTF-8 byte offset of a non-ASCII text runs ahead of its character offset.

    The shift grows only after a multi-byte character, so it is constant over intervals:
    ``around(offset)`` returns ``(low, high, shift)``, where every byte offset in
    ``[low, high)`` is ``shift`` bytes past its character. A caller converting offsets in
    text order keeps the interval and asks again only when an offset leaves it, once per
    multi-byte character rather than once per offset.
    """

    __slots__ = ("extra", "positions")

    def __init__(self, text: str) -> None:
        self.positions: list[int] = []  # byte offset of each multi-byte character
        self.extra: list[int] = []  # bytes beyond one per character, up to and including it
        # Found in the encoded bytes: ``find`` is a C scan, where a regex testing each
        # character against a class took several times longer.
        encoded = text.encode("utf-8")
        leads = encoded.translate(_LEAD_BYTES)
        extra = 0
        position = leads.find(1)
        while position != -1:
            self.positions.append(position)
            lead = encoded[position]  # 110xxxxx, 1110xxxx or 11110xxx: 1, 2 or 3 bytes follow
            extra += 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
            self.extra.append(extra)
            position = leads.find(1, position + 1)

    def to_char(self, offset: int) -> int:
        """The character offset of a byte offset."""
        return offset - self.around(offset)[2]

    def around(self, offset: int) -> tuple[int, int, int]:
        """``(low, high, shift)``: the byte offsets around ``offset`` that share its shift."""
        before = bisect_left(self.positions, offset)  # multi-byte characters before offset
        low = self.positions[before - 1] + 1 if before else 0
        high = self.positions[before] + 1 if before < len(self.positions) else sys.maxsize
        return low, high, self.extra[before - 1] if before else 0


def _columns(line: str) -> tuple[int, list[int]]:
    """Indentation width of ``line`` (tab stops every four columns) and each char's column."""
    column = 0
    columns: list[int] = []
    for char in line:
        if char == " ":
            columns.append(column)
            column += 1
        elif char == "\t":
            columns.append(column)
            column += 4 - column % 4
        else:
            break
    return column, columns


def open_containers(body: str) -> tuple[str, list[tuple[int, int]]]:
    """Rewrite indented container bodies so CommonMark parses them as prose, keeping offsets.

    Python-Markdown reads ``!!! note``, ``??? tip`` and ``=== "Tab"`` followed by lines
    indented four columns (spaces or a tab) as a container, at the top level, inside another
    container or inside a list item; CommonMark would read those lines as a code block. The
    first character of each container's indentation becomes ``>`` (a block quote) and the
    marker is blanked except its quoted title. Markers inside fenced code are left alone. The
    text keeps its length, so every offset still points at the same character of the file.
    Returns the rewritten text and the offsets of the titles (inside their quotes).
    """
    titles: list[tuple[int, int]] = []
    if not (holds(body, "!!!") or holds(body, "???") or holds(body, "===")):
        return body, titles
    lines = body.split("\n")
    line_start = 0
    containers: list[int] = []  # column of each open container's marker
    list_column = -1  # column of the last list item's marker while a list may be open
    fence = ""  # the open fence's marker
    after_blank = True
    for index, line in enumerate(lines):
        this_line_start, line_start = line_start, line_start + len(line) + 1
        if not line.strip():
            after_blank = True
            continue
        if line[0] not in _MAY_OPEN_STRUCTURE and not line[0].isdecimal():
            # Most lines: unindented text, no list item, fence or marker. It closes every
            # container (and a list, after a blank line); nothing on it is rewritten.
            if containers:
                containers.clear()
                fence = ""
            if after_blank:
                list_column = -1
            after_blank = False
            continue
        indent, columns = _columns(line)
        while containers and indent < containers[-1] + 4:
            containers.pop()
            fence = ""  # a container's end closes a fence inside it
        if _LIST_ITEM.match(line):
            list_column = indent
        elif after_blank and indent <= list_column:
            list_column = -1
        after_blank = False
        if containers:
            chars = list(line)
            for column in containers:  # the character that covers the container's column
                chars[bisect_right(columns, column) - 1] = ">"
            line = "".join(chars)
        fenced = _FENCE.match(line)
        if fenced:
            marker = fenced.group(1)
            if not fence:
                fence = marker
            elif (
                marker[0] == fence[0]
                and len(marker) >= len(fence)
                and not line[fenced.end() :].strip()
            ):
                fence = ""
        elif (
            not fence
            and _CONTAINER.match(line, len(columns))
            and (
                indent == 0
                or (containers and indent == containers[-1] + 4)
                or (not containers and -1 < list_column < indent)
            )
        ):
            rest = line[len(columns) :]
            title = _TITLE.search(rest)
            if title:
                offset = this_line_start + len(columns)
                titles.append((offset + title.start(1), offset + title.end(1)))
            line = line[: len(columns)] + " " * len(rest)
            containers.append(indent)
        lines[index] = line
    return "\n".join(lines), titles
