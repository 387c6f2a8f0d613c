"""A Markdown file as loaded: its text, where its body starts, and how offsets become positions."""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from smarthub.yamlsafe import KEY, Spans, collect_spans, compose

_LINE_BREAK = re.compile("\n")
_NEAR_START = 2048  # offsets up to here are positioned without ``line_starts``


@dataclass(frozen=True, slots=True)
class TextRegion:
    """A stretch of prose to check, as text with the file offsets it came from.

    ``text`` joins the file's checkable pieces (markup, code, URLs and HTML are left out;
    skipped content leaves a ``\\x00`` so no match runs across it). ``text_starts`` and
    ``file_starts`` map each piece back: piece ``i`` starts at ``text_starts[i]`` in the
    text and at ``file_starts[i]`` in the file (integer arrays: a hub of 10,000 files has
    a million pieces).
    ``block_starts`` holds the text offsets where a paragraph, heading, list item or table
    cell begins; ``headings`` the ``(start, end)`` text ranges that are headings;
    ``quotes`` the ``(start, end)`` text ranges inside quotation marks in prose (a form
    written there is mentioned, not used).
    """

    text: str
    text_starts: array[int]
    file_starts: array[int]
    block_starts: frozenset[int]
    headings: tuple[tuple[int, int], ...] = ()
    quotes: tuple[tuple[int, int], ...] = ()

    def file_offset(self, text_offset: int) -> int:
        """The file offset of a text offset (for an end offset, pass the last char + 1)."""
        index = max(bisect_right(self.text_starts, text_offset) - 1, 0)
        return self.file_starts[index] + (text_offset - self.text_starts[index])

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets ``[start, end)`` of the text range ``[start, end)``."""
        return self.file_offset(start), self.file_offset(end - 1) + 1

    def in_heading(self, offset: int) -> bool:
        """Whether a text offset lies inside a heading (or a title)."""
        return any(start <= offset < end for start, end in self.headings)

    def in_quotes(self, start: int, end: int) -> bool:
        """Whether the text range ``[start, end)`` lies inside one quotation."""
        return any(q_start <= start and end <= q_end for q_start, q_end in self.quotes)


@dataclass(eq=False)  # identity: one per file and run (no __eq__ to build)
class SourceFile:
    """One Markdown file of the hub.

    ``text`` is the decoded file without its BOM (line endings kept as they are, so columns
    never shift); ``body_start`` is the offset where the Markdown after the front matter
    begins. ``meta`` is the parsed front matter and ``meta_yaml`` the offsets of its YAML
    text; ``meta_line`` is the 0-based line the YAML starts on. Where each value stands is
    worked out only when a finding asks (``value_span``): most files never need it, and a
    model of 10,000 files stays small.
    """

    path: Path
    rel: str
    kind: str
    text: str = ""
    body_start: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    meta_yaml: tuple[int, int] | None = None
    scalar_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # title, summary
    _meta_spans: Spans | None = field(default=None, repr=False)
    meta_line: int = 0
    has_front_matter: bool = False
    # Read by the plain reader (``plainyaml``): each top-level key stands bare on a line of
    # its own at the mapping's indentation, once, so ``key_span`` can find it in the text.
    meta_plain: bool = False
    regions: list[TextRegion] = field(default_factory=list)
    encoding_bom: bool = False
    comments: tuple[tuple[int, int], ...] = ()  # HTML comments that may hold directives
    _line_starts: array[int] | None = field(default=None, repr=False)
    _id: str | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        """The entry id: the file name without ``.md``, in Unicode NFC.

        macOS may write file names in NFD; ids are compared with the NFC values written in
        front matter (``related``, ``personas``), so both spellings name the same entry.
        """
        if self._id is None:  # asked thousands of times in a check: worked out once
            name = self.path.name
            name = name[: -len(".md")] if name.endswith(".md") else self.path.stem
            self._id = unicodedata.normalize("NFC", name)
        return self._id

    @property
    def line_starts(self) -> array[int]:
        """Offsets where each line starts (computed once)."""
        if self._line_starts is None:
            # A literal pattern's C scan: cheaper per line than a ``find`` call from Python.
            breaks = _LINE_BREAK.finditer(self.text)
            self._line_starts = array("q", [0, *[match.end() for match in breaks]])
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset."""
        if self._line_starts is None and 0 <= offset <= _NEAR_START:
            # Most front-matter problems stand in the first lines: counting the line breaks
            # before them is cheaper than the table of every line start of the file.
            text = self.text
            return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
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
        start, end = node.start_mark, node.end_mark
        return self._offsets(start.line, start.column, end.line, end.column)

    def value_span(self, *path: str | int) -> tuple[int, int] | None:
        """File offsets of a front-matter value (``value_span("avoid", 0, "text")``), if present."""
        if self._meta_spans is None:
            self._meta_spans = self._collect_spans()
        marks = self._meta_spans.get(path)
        return self._offsets(*marks) if marks is not None else None

    def _collect_spans(self) -> Spans:
        if self.meta_yaml is None:
            return {}
        start, end = self.meta_yaml
        try:
            node = compose(self.text[start:end])
        except yaml.YAMLError:
            return {}
        return collect_spans(node) if node is not None else {}

    def key_span(self, key: str) -> tuple[int, int] | None:
        """File offsets of a top-level front-matter key itself."""
        if self.meta_plain and key in self.meta:
            found = self._plain_key_span(key)
            if found is not None:
                return found
        return self.value_span(key, KEY)

    def _plain_key_span(self, key: str) -> tuple[int, int] | None:
        """The key's offsets found in plain front matter, without composing the YAML again.

        Lines at the first line's indentation are the top-level keys (and ``- `` items of
        their lists); nested keys of the same name stand deeper.
        """
        if self.meta_yaml is None:
            return None
        start, end = self.meta_yaml
        offset, root = start, -1
        for line in self.text[start:end].split("\n"):
            content = line.lstrip(" ")
            if content:
                indent = len(line) - len(content)
                root = indent if root < 0 else root
                if indent == root and content.partition(":")[0] == key:
                    return offset + indent, offset + indent + len(key)
            offset += len(line) + 1
        return None

    def _offsets(
        self, start_line: int, start_column: int, end_line: int, end_column: int
    ) -> tuple[int, int]:
        starts = self.line_starts
        start = starts[min(self.meta_line + start_line, len(starts) - 1)] + start_column
        end = starts[min(self.meta_line + end_line, len(starts) - 1)] + end_column
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
