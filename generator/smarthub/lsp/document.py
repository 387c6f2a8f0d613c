"""One open document as the server sees it: its text checked against the hub, and lookups by offset."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from smarthub.buffer import BufferCheck, HubSnapshot
from smarthub.lsp.positions import LineIndex
from smarthub.matcher import Occurrence

_OPENING = re.compile(r"---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_KEY_LINE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:")
_ID_CHAR = re.compile(r"[\w.-]")


@dataclass(frozen=True)
class TermSpan:
    """A glossary form found in the document, at character offsets ``[start, end)``."""

    start: int
    end: int
    occurrence: Occurrence


@dataclass(frozen=True)
class KeyValue:
    """The front-matter key whose value holds an offset, and the id-like word around it."""

    key: str
    word: str
    start: int
    end: int


@dataclass
class Document:
    """An open hub file: its unsaved text, checked against the hub on disk."""

    uri: str
    path: Path
    rel: str
    buffer: str  # the editor's text, as sent (a BOM, if any, included)
    snapshot: HubSnapshot
    checked: BufferCheck
    encoding: str  # the negotiated position encoding (an LSP PositionEncodingKind)
    today: dt.date | None = None  # the day review dates are checked against (None: today)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)  # answers worked out once

    @property
    def text(self) -> str:
        """The text as checked (without a BOM): every offset here counts in it."""
        return self.checked.source.text

    @cached_property
    def lines(self) -> LineIndex:
        """Offsets in ``text`` <-> LSP positions in the buffer, in the negotiated encoding."""
        origin = 1 if self.buffer.startswith("\ufeff") else 0
        return LineIndex(self.buffer, self.encoding, origin)

    @cached_property
    def term_spans(self) -> list[TermSpan]:
        """Every glossary form in the checked prose, in file order."""
        source = self.checked.source
        spans: list[TermSpan] = []
        for region in source.regions:
            for occurrence in self.checked.matcher.find(region.text):
                start, end = region.file_span(occurrence.start, occurrence.end)
                spans.append(TermSpan(start, end, occurrence))
        spans.sort(key=lambda span: span.start)
        return spans

    def term_at(self, offset: int) -> TermSpan | None:
        """The glossary form under an offset (its last character included)."""
        spans = self.term_spans
        index = bisect_right([span.start for span in spans], offset) - 1
        if index >= 0 and spans[index].start <= offset <= spans[index].end:
            return spans[index]
        return None

    @cached_property
    def front_matter(self) -> tuple[int, int] | None:
        """Character offsets of the YAML between the ``---`` lines (to the end when unclosed)."""
        opening = _OPENING.match(self.text)
        if opening is None:
            return None
        closing = _CLOSING.search(self.text, opening.end())
        return opening.end(), closing.start() if closing else len(self.text)

    def in_body(self, offset: int) -> bool:
        """Whether an offset lies in the Markdown after the front matter."""
        if self.front_matter is None:
            return True
        source = self.checked.source
        return source.has_front_matter and offset >= source.body_start

    def key_value_at(self, offset: int) -> KeyValue | None:
        """The top-level key whose value holds ``offset``, with the id-like word there.

        Read line by line rather than from parsed YAML: while a writer types, the front
        matter is often not valid YAML yet.
        """
        bounds = self.front_matter
        if bounds is None or not bounds[0] <= offset <= bounds[1]:
            return None
        text = self.text
        line_start = text.rfind("\n", 0, offset) + 1
        key = None
        cursor = line_start
        while cursor >= bounds[0]:
            line_end = text.find("\n", cursor)
            line = text[cursor : line_end if line_end != -1 else len(text)]
            match = _KEY_LINE.match(line)
            if match:
                if cursor == line_start and offset < cursor + match.end():
                    return None  # on the key itself, not its value
                key = match.group(1)
                break
            if cursor == 0:
                break
            cursor = text.rfind("\n", 0, cursor - 1) + 1
        if key is None:
            return None
        start = offset
        while start > line_start and _ID_CHAR.match(text[start - 1]):
            start -= 1
        end = offset
        while end < len(text) and _ID_CHAR.match(text[end]):
            end += 1
        return KeyValue(key, text[start:end], start, end)

    def word_before(self, offset: int) -> tuple[int, str]:
        """The letters typed just before ``offset`` (for completion), with where they start."""
        start = offset
        while start > 0 and (self.text[start - 1].isalnum() or self.text[start - 1] in "-'"):
            start -= 1
        return start, self.text[start:offset]
