"""Character offsets in a text <-> LSP positions (line, character in the negotiated unit).

smarthub counts characters (code points); LSP counts UTF-16 code units unless the client
and server agreed on UTF-8 or UTF-32 (``positionEncoding``). An emoji before a finding is
one character but two UTF-16 units and four UTF-8 bytes; a line ending (LF, CRLF or a lone
CR) is never part of a line's columns.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

_NEWLINE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Where each line of a text starts, and conversions in one position encoding."""

    def __init__(
        self, text: str, encoding: str = types.PositionEncodingKind.Utf16, origin: int = 0
    ) -> None:
        self.text = text
        self.origin = origin  # offsets given and returned are counted from here (after a BOM)
        self.encoding = str(getattr(encoding, "value", encoding))  # an enum member or its value
        # LSP ends lines at \n, \r\n and a lone \r alike (an editor shows a line break for each).
        self.starts = [0]
        self.ends: list[int] = []
        for newline in _NEWLINE.finditer(text):
            self.ends.append(newline.start())
            self.starts.append(newline.end())
        self.ends.append(len(text))

    def _units(self, piece: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8.value:
            return len(piece.encode("utf-8"))
        if self.encoding == types.PositionEncodingKind.Utf32.value:
            return len(piece)
        return len(piece) + sum(1 for char in piece if ord(char) > 0xFFFF)

    def position(self, offset: int) -> types.Position:
        """The LSP position of a character offset."""
        offset = max(0, min(offset + self.origin, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return types.Position(line=line, character=self._units(self.text[start:offset]))

    def range(self, start: int, end: int) -> types.Range:
        """The LSP range of the character offsets ``[start, end)``."""
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The character offset of an LSP position (clamped to its line)."""
        return max(self._offset(position) - self.origin, 0)

    def _offset(self, position: types.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.ends[position.line]
        if self.encoding == types.PositionEncodingKind.Utf32.value:
            return min(start + position.character, end)
        units = 0
        offset = start
        while offset < end and units < position.character:
            units += self._units(self.text[offset])
            offset += 1
        return offset
