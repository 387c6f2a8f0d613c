"""Sentences and words of a checked region, for the brand-voice rules.

A region's text joins a file's prose; ``\\x00`` stands where something was skipped (code, a
link's URL, HTML) or where one block ends and the next begins. A sentence ends at ``.``,
``!`` or ``?`` followed by whitespace, or where its block ends; headings are not sentences.

Splitting is the voice rules' hot loop (every sentence of every asset), so a sentence is
kept as three integers and its words are counted by the regex engine; where a sentence
starts and ends exactly is worked out only for the few that a finding needs.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from typing import NamedTuple

from smarthub.model import TextRegion
from smarthub.voice.syllables import count_syllables

WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|\x00|$)")
_DIGIT = re.compile(r"\d")


class Sentence(NamedTuple):
    """A sentence as found: the text range ``[start, end)`` it was cut from, and its words.

    The range may begin and end with spaces or punctuation; ``span`` gives the sentence's
    own range (from its first word to its last character).
    """

    start: int
    end: int
    words: int

    def span(self, text: str) -> tuple[int, int]:
        """The sentence's range in ``text``: its first word to its last non-space character."""
        first = WORD.search(text, self.start, self.end)
        start = first.start() if first is not None else self.start
        end = self.end
        while end > start and (text[end - 1].isspace() or text[end - 1] == "\x00"):
            end -= 1
        return start, end


def sentences(region: TextRegion, words: list[str] | None = None) -> list[Sentence]:
    """The sentences of a region, in order, leaving headings and titles out.

    With ``words``, every word of those sentences is appended to it, in order.
    """
    text = region.text
    found: list[Sentence] = []
    add = found.append
    findall, sentence_ends = WORD.findall, _SENTENCE_END.finditer
    heading_starts, heading_ends = _heading_bounds(region)
    for block_start, block_end in itertools.pairwise(sorted({0, len(text), *region.block_starts})):
        if heading_starts is None:
            if region.in_heading(block_start):
                continue
        else:
            index = bisect_right(heading_starts, block_start) - 1
            if index >= 0 and block_start < heading_ends[index]:
                continue
        position = block_start
        for end in sentence_ends(text, block_start, block_end):
            cut = end.end()
            said = findall(text, position, cut)
            if said:
                add(Sentence(position, cut, len(said)))
                if words is not None:
                    words += said
            position = cut
        said = findall(text, position, block_end)
        if said:
            add(Sentence(position, block_end, len(said)))
            if words is not None:
                words += said
    return found


def _heading_bounds(region: TextRegion) -> tuple[list[int] | None, list[int]]:
    """Heading starts and ends in order, for a binary search; None if headings overlap."""
    headings = sorted(region.headings)
    if any(end > next_start for (_, end), (next_start, _) in itertools.pairwise(headings)):
        return None, []  # not made by the loader; the model's own test then decides
    return [start for start, _ in headings], [end for _, end in headings]


def has_number(text: str) -> bool:
    """Whether a text holds a digit (a claim backed by a figure)."""
    return _DIGIT.search(text) is not None


class _Syllables(dict[str, int]):
    """Syllables by word as written, counted once per run; a number counts as 0."""

    def __missing__(self, word: str) -> int:
        count = self[word] = 0 if word.isdigit() else count_syllables(word.lower())
        return count


_SYLLABLES = _Syllables()


def graded_words(words: list[str]) -> tuple[int, int]:
    """How many of ``words`` are words (numbers are not), and their syllables."""
    counts = list(map(_SYLLABLES.__getitem__, words))
    return len(counts) - counts.count(0), sum(counts)


def flesch_kincaid_grade(sentence_count: int, word_count: int, syllable_count: int) -> float:
    """The Flesch–Kincaid grade level of a text of so many sentences, words and syllables."""
    if not word_count or not sentence_count:
        return 0.0
    return 0.39 * word_count / sentence_count + 11.8 * syllable_count / word_count - 15.59
