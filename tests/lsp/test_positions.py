"""Character offsets <-> LSP positions in each encoding, CRLF and astral characters included."""

from __future__ import annotations

import pytest
from lsprotocol import types

from smarthub.lsp.positions import LineIndex

TEXT = "first\r\n🚀 a𐐀b e-mail\r\nlast"
E_MAIL = TEXT.index("e-mail")  # character offset 15


@pytest.mark.parametrize(
    ("encoding", "character"),
    [
        (types.PositionEncodingKind.Utf16, 8),  # 🚀 and 𐐀 are two units each
        (types.PositionEncodingKind.Utf8, 12),  # four bytes each
        (types.PositionEncodingKind.Utf32, 6),  # one character each
    ],
)
def test_offsets_and_positions_agree(encoding: str, character: int) -> None:
    lines = LineIndex(TEXT, encoding)
    position = lines.position(E_MAIL)
    assert (position.line, position.character) == (1, character)
    assert lines.offset(position) == E_MAIL
    assert lines.offset(types.Position(line=1, character=999)) == TEXT.index("\r\nlast")
    assert lines.offset(types.Position(line=9, character=0)) == len(TEXT)
    assert lines.position(len(TEXT)) == types.Position(line=2, character=4)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_line_ending_an_editor_shows_ends_a_line(newline: str) -> None:
    text = newline.join(["one", "two e-mail", "three"])
    lines = LineIndex(text)
    at = text.index("e-mail")
    assert lines.position(at) == types.Position(line=1, character=4)
    assert lines.offset(types.Position(line=1, character=4)) == at
    # The end of a line is before its line ending, whichever it is.
    assert lines.offset(types.Position(line=1, character=99)) == text.index("e-mail") + 6
    assert lines.position(len(text)) == types.Position(line=2, character=5)
