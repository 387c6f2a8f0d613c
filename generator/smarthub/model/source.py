"""A Markdown file as loaded: its text, where its body starts, and how offsets become positions."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class TextRegion:
    """A stretch of prose to check, as text with the file offsets it came from.

    ``text`` joins the file's checkable pieces (markup, code, URLs and HTML are left out;
    skipped content leaves a ``\\x00`` so no match runs across it). ``segments`` maps each
    piece back: ``(text_start, file_start)`` pairs, sorted, for pieces copied verbatim.
    ``block_starts`` holds the text offsets where a paragraph, heading, list item or table
    cell begins; ``headings`` the ``(start, end)`` text ranges that are headings.
    """

    text: str
    segments: tuple[tuple[int, int], ...]
    block_starts: frozenset[int]
    headings: tuple[tuple[int, int], ...] = ()

    def file_offset(self, text_offset: int) -> int:
        """The file offset of a text offset (for an end offset, pass the last char + 1)."""
        index = bisect_right(self.segments, (text_offset, float("inf"))) - 1
        text_start, file_start = self.segments[max(index, 0)]
        return file_start + (text_offset - text_start)

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets ``[start, end)`` of the text range ``[start, end)``."""
        return self.file_offset(start), self.file_offset(end - 1) + 1

    def in_heading(self, offset: int) -> bool:
        """Whether a text offset lies inside a heading (or a title)."""
        return any(start <= offset < end for start, end in self.headings)


@dataclass
class SourceFile:
    """One Markdown file of the hub.

    ``text`` is the decoded file without its BOM (line endings kept as they are, so columns
    never shift); ``body_start`` is the offset where the Markdown after the front matter
    begins. ``meta`` is the parsed front matter, ``meta_node`` its YAML node tree (for
    positions), ``meta_line`` the 0-based line its YAML starts on.
    """

    path: Path
    rel: str
    kind: str
    text: str = ""
    body_start: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    meta_node: Any = None
    meta_line: int = 0
    has_front_matter: bool = False
    regions: list[TextRegion] = field(default_factory=list)
    encoding_bom: bool = False
    comments: tuple[tuple[int, int], ...] = ()  # HTML comments that may hold directives
    _line_starts: list[int] | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        """The entry id: the file name without ``.md``."""
        return self.path.name[: -len(".md")] if self.path.name.endswith(".md") else self.path.stem

    @property
    def line_starts(self) -> list[int]:
        """Offsets where each line starts (computed once)."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            position = find("\n")
            while position != -1:
                starts.append(position + 1)
                position = find("\n", position + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset."""
        starts = self.line_starts
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def node_span(self, node: Any) -> tuple[int, int]:
        """File offsets of a front-matter YAML node."""
        starts = self.line_starts
        start_line = min(self.meta_line + node.start_mark.line, len(starts) - 1)
        end_line = min(self.meta_line + node.end_mark.line, len(starts) - 1)
        start = starts[start_line] + node.start_mark.column
        end = starts[end_line] + node.end_mark.column
        return start, max(end, start + 1)


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A problem the loader found (bad front matter, unreadable file), reported by a rule."""

    code: str
    source: SourceFile
    start: int
    end: int
    message: str
    suggestion: str | None = None
