"""Where quotations and sentences begin in a region's joined prose text.

A form inside quotation marks is mentioned, not used ("we say email, never “e-mail”"):
``quotations`` finds those ranges. ``sentence_starts`` finds the first word after leading
symbols (an emoji, a ``:shortcode:``, skipped content) at the start of a block or line, and
after a sentence's end, so that such a word still counts as a sentence start.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

_QUOTE_MARKS = "\"'“”‘’«»"
_DOUBLE_CLOSE = {"“": "”", "«": "»"}
_MAX_SINGLE = 200  # a straight-single quotation longer than this is more likely apostrophes
_SENTENCE_BREAK = re.compile(r"[.!?]\s")

_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a-\u23ff\u24c2"
    "\u25aa-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\ufe0f\U0001f000-\U0001faff"
)
_SHORTCODE = r":[a-z0-9_+-]+:"
_LEAD = re.compile(rf"(?:[\s\x00{_EMOJI}]|{_SHORTCODE})*", re.IGNORECASE)
_ANY_SHORTCODE = re.compile(_SHORTCODE, re.IGNORECASE)
# What follows a sentence's end (``.``, ``!`` or ``?``) when symbols open the next sentence.
# It is tried only after the ends ``_SENTENCE_ENDS`` find: one pattern per mark, opening
# with it, is searched by a fast scan for that character, where a pattern opening with the
# class ``[.!?]`` is tested at every character; and an end followed by a letter or digit
# (most of them) is no candidate.
_AFTER_SENTENCE_END = re.compile(
    rf"[\"'”’)\]]*\s+(?:(?:[{_EMOJI}]|{_SHORTCODE})[\s{_EMOJI}]*)+(?=\S)", re.IGNORECASE
)
_SENTENCE_ENDS = tuple(
    re.compile(rf"{re.escape(mark)}[\"'”’)\]]*\s+(?=[^A-Za-z0-9\s])") for mark in ".!?"
)


def sentence_starts(text: str, starts: Iterable[int]) -> set[int]:
    """Offsets of the first word after the symbols that follow each start or sentence end."""
    found: set[int] = set()
    for start in starts:
        if text[start : start + 1].isalnum():
            continue  # most blocks open with a word
        end = _LEAD.match(text, start).end()  # type: ignore[union-attr]
        if start < end < len(text):
            found.add(end)
    # Symbols are emoji (never ASCII) or shortcodes: most texts hold neither.
    if not text.isascii() or (":" in text and _ANY_SHORTCODE.search(text) is not None):
        found.update(_after_sentence_symbols(text))
    return found


def _after_sentence_symbols(text: str) -> list[int]:
    """Offsets of the first word after each sentence end followed by symbols.

    A match holds no ``.``, ``!`` or ``?`` past its start, so trying the pattern after
    each end found finds what one scan of the text for ``[.!?]`` and the pattern would.
    """
    found: list[int] = []
    after = _AFTER_SENTENCE_END.match
    for ends in _SENTENCE_ENDS:
        for end in ends.finditer(text):
            match = after(text, end.start() + 1)
            if match is not None:
                found.append(match.end())
    return found


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def quotations(text: str, block_starts: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` inside each pair of quotation marks; no quotation spans two blocks.

    Pairs: ``"…"``, ``“…”``, ``‘…’``, ``«…»``, and ``'…'`` only when clearly quoting: it
    opens before a letter after a non-word character, closes before a non-word character,
    holds no sentence break or skipped content, and is short. An apostrophe inside a word
    (``customer's``, ``customer’s``) never opens or closes one.
    """
    marks = _marks(text)
    if not marks:
        return ()
    boundaries = sorted(block_starts)
    found: list[tuple[int, int]] = []
    block = -1
    straight_double = straight_single = curly_single = -1
    stack: list[tuple[str, int]] = []  # open “ and «
    end_of_text = len(text)
    for at, char in marks:
        here = bisect_right(boundaries, at)
        if here != block:  # a new block: nothing stays open across it
            block = here
            straight_double = straight_single = curly_single = -1
            stack.clear()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < end_of_text else " "
        if char == '"':
            if straight_double < 0:
                if not _word(before) and not after.isspace():
                    straight_double = at
            elif not before.isspace() and not _word(after):
                found.append((straight_double + 1, at))
                straight_double = -1
        elif char in _DOUBLE_CLOSE:
            stack.append((_DOUBLE_CLOSE[char], at))
        elif char in "”»":
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == char:
                    found.append((stack[index][1] + 1, at))
                    del stack[index:]
                    break
        elif char == "‘":
            curly_single = at
        elif char == "’":
            if curly_single >= 0 and not after.isalpha():
                found.append((curly_single + 1, at))
                curly_single = -1
        elif straight_single >= 0 and not before.isspace() and not _word(after):
            inside = text[straight_single + 1 : at]
            if (
                len(inside) <= _MAX_SINGLE
                and "\x00" not in inside
                and _SENTENCE_BREAK.search(inside) is None
            ):
                found.append((straight_single + 1, at))
            straight_single = -1
        elif not _word(before) and after.isalpha():
            straight_single = at
    return tuple(sorted(found))


def _marks(text: str) -> list[tuple[int, str]]:
    """The offset and character of each quotation mark in ``text``, in order."""
    # A C substring scan per mark finds them several times faster than one regex scan for
    # a class of marks; ASCII text can hold only the straight ones.
    marks: list[tuple[int, str]] = []
    for char in "\"'" if text.isascii() else _QUOTE_MARKS:
        at = text.find(char)
        while at != -1:
            marks.append((at, char))
            at = text.find(char, at + 1)
    marks.sort()
    return marks
