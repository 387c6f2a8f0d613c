"""Sentences and words of a checked region, for the brand-voice rules.

A region's text joins a file's prose; ``\\x00`` stands where something was skipped (code, a
link's URL, HTML) or where one block ends and the next begins. A sentence ends at ``.``,
``!`` or ``?`` followed by whitespace, or where its block ends; headings are not sentences.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyphen

from smarthub.model import TextRegion

WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|\x00|$)")
_DIGIT = re.compile(r"\d")
_HYPHENATOR: pyphen.Pyphen | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's text range ``[start, end)`` in its region, and its words."""

    start: int
    end: int
    words: tuple[str, ...]


def sentences(region: TextRegion) -> Iterator[Sentence]:
    """The sentences of a region, in order, leaving headings and titles out."""
    text = region.text
    cuts = sorted({0, len(text), *region.block_starts})
    for block_start, block_end in itertools.pairwise(cuts):
        if region.in_heading(block_start):
            continue
        position = block_start
        for end in _SENTENCE_END.finditer(text, block_start, block_end):
            yield from _sentence(text, position, end.end())
            position = end.end()
        yield from _sentence(text, position, block_end)


def _sentence(text: str, start: int, end: int) -> Iterator[Sentence]:
    words = [match for match in WORD.finditer(text, start, end)]
    if words:
        yield Sentence(
            words[0].start(), _trimmed_end(text, start, end), tuple(m.group() for m in words)
        )


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\x00"):
        end -= 1
    return end


def has_number(text: str) -> bool:
    """Whether a text holds a digit (a claim backed by a figure)."""
    return _DIGIT.search(text) is not None


def syllables(word: str) -> int:
    """Syllables of an English word, from Pyphen's hyphenation dictionary (at least one)."""
    return _syllables_of(word.lower())


@lru_cache(maxsize=65536)
def _syllables_of(word: str) -> int:
    # Cached: words repeat (a few thousand distinct ones in a handbook), hyphenating is slow.
    global _HYPHENATOR
    if _HYPHENATOR is None:
        _HYPHENATOR = pyphen.Pyphen(lang="en_US")
    return len(_HYPHENATOR.positions(word)) + 1


def flesch_kincaid_grade(sentence_words: list[tuple[str, ...]]) -> float:
    """The Flesch–Kincaid grade level of sentences given as their words."""
    words = [word for sentence in sentence_words for word in sentence if not word.isdigit()]
    counted = [sentence for sentence in sentence_words if sentence]
    if not words or not counted:
        return 0.0
    total_syllables = sum(syllables(word) for word in words)
    return 0.39 * len(words) / len(counted) + 11.8 * total_syllables / len(words) - 15.59
