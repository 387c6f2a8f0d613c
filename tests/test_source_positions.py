"""Offsets become the same ``(line, column)`` on every path of ``SourceFile``.

``position`` counts line breaks for an offset near the top of a file whose line table is
not built yet, and bisects the table otherwise; ``line_starts`` builds the table with a
regex scan. Each is held here to the plain computation over tricky generated text. The
id, worked out once, stays the NFC file name.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from smarthub.model.source import _NEAR_START, SourceFile

TEXTS = st.text(alphabet=st.sampled_from("ab \n\r\t\x00é€😀\u2028\x85"), max_size=80)


def _source(text: str) -> SourceFile:
    return SourceFile(path=Path("a.md"), rel="a.md", kind="doc", text=text)


def _plain_line_starts(text: str) -> list[int]:
    """Every line start, found one line break at a time."""
    return [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]


def _plain_position(text: str, offset: int) -> tuple[int, int]:
    starts = [start for start in _plain_line_starts(text) if start <= offset]
    return len(starts), offset - starts[-1] + 1


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_positions_with_and_without_the_line_table_equal_the_plain_count(
    text: str, data: st.DataObject
) -> None:
    offsets = data.draw(st.lists(st.integers(0, len(text) + 2), max_size=6))
    fresh = _source(text)
    counted = [fresh.position(offset) for offset in offsets]  # no table: counts line breaks
    assert fresh._line_starts is None
    assert list(fresh.line_starts) == _plain_line_starts(text)
    bisected = [fresh.position(offset) for offset in offsets]  # from the table
    assert counted == bisected == [_plain_position(text, offset) for offset in offsets]


def test_an_offset_past_the_top_builds_the_line_table_once() -> None:
    source = _source("line\n" * 1000)  # line n, column c at offset 5 * (n - 1) + c - 1
    assert _NEAR_START < 5 * 499 + 2
    assert source.position(7) == (2, 3)
    assert source._line_starts is None
    assert source.position(5 * 499 + 2) == (500, 3)
    assert source._line_starts is not None
    assert source.position(7) == (2, 3)


def test_the_id_is_the_nfc_file_name_however_often_it_is_asked() -> None:
    source = SourceFile(
        path=Path("glossary/cafe\u0301.md"), rel="glossary/cafe\u0301.md", kind="term"
    )
    assert [source.id, source.id] == ["caf\u00e9", "caf\u00e9"]
    assert (
        SourceFile(path=Path("docs/readme.txt"), rel="docs/readme.txt", kind="doc").id == "readme"
    )
