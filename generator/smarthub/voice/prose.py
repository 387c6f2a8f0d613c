"""Sentences and words of a checked region, for the brand-voice rules.

A region's text joins a file's prose; ``\\x00`` stands where something was skipped (code, a
link's URL, HTML) or where one block ends and the next begins. A sentence ends at ``.``,
``!`` or ``?`` followed by whitespace (a run such as ``?!`` and closing quotes or brackets
belong to it), or where its paragraph, list item or table cell ends; headings are not
sentences. A word is a run of letters and digits, joined by an apostrophe, dot or hyphen
(``don't``, ``U.S``, ``best-in-class`` are one word each).

Splitting is the voice rules' hot loop (every sentence of every asset), so it is done by
the regex engine in one pass over the region: its blocks, headings left out, are joined
with ``\\x01`` so a sentence cannot run from one block into the next (a ``\\x01`` in the
file itself is read as a character that is neither space, word nor stop) and one regex
finds every sentence. Words are counted without a regex where the letters and digits are
ASCII (almost every page): the text is translated to lower-case tokens (letters, digits
and joiners; anything else a space) and each sentence split on whitespace, and what a
token holds (its words, numbers and syllables, packed in one int) is worked out once per
process, so a sentence's counts are one C-level sum. Sentences are kept as ranges of the
joined text; where one starts and ends in the region is worked out only for the few that
a finding needs.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from smarthub.model import TextRegion
from smarthub.voice.syllables import count_syllables

WORD = re.compile(r"[^\W_]++(?:['’.-][^\W_]++)*+")
# On ASCII text ``[^\W_]`` is exactly ``[A-Za-z0-9]``, which the regex engine tests faster.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]++(?:['.-][A-Za-z0-9]++)*+")
_BLOCK = "\x01"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NEUTRAL = str.maketrans({_BLOCK: "\x03"})  # neither a space nor a word
_CLOSERS = "\"'”’)\\]"
# A sentence: from its first letter or digit up to and including the run of . ! ? (and
# closing quotes or brackets) that is followed by whitespace, a skipped stretch or the end
# of the block; a run followed by anything else (3.5, e.g., "?!x") does not end it.
_SENTENCE = re.compile(
    rf"[^\W_](?:[^.!?{_BLOCK}]++|[.!?]++(?![{_CLOSERS}]*+(?:[\s\x00{_BLOCK}]|\Z)))*+"
    rf"(?:[.!?]++[{_CLOSERS}]*+)?"
)
_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class Prose:
    """A region's sentences (ranges of its joined blocks) and counts of its words.

    ``words`` counts every word, numbers too; ``graded_words`` leaves numbers out and
    ``syllables`` are theirs (all 0 unless words were counted). ``long`` holds the
    sentences of more words than the limit asked for, with their word counts.
    """

    spans: list[tuple[int, int]]
    words: int
    graded_words: int
    syllables: int
    long: list[tuple[int, int, int]]
    blocks: list[tuple[int, int]]  # the region's text ranges that were joined, in order
    _joined_starts: list[int] | None = None

    def region_span(self, text: str, start: int, end: int) -> tuple[int, int]:
        """A sentence's range in the region's ``text``: its first word to its last character.

        ``start`` and ``end`` are a range of the joined text; trailing whitespace and
        skipped stretches are left out of the range.
        """
        first = self._region_offset(start)
        last = self._region_offset(end - 1) + 1
        while last > first and (text[last - 1].isspace() or text[last - 1] == "\x00"):
            last -= 1
        return first, last

    def region_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Every sentence's range in the region's ``text``, in order."""
        for start, end in self.spans:
            yield self.region_span(text, start, end)

    def _region_offset(self, joined: int) -> int:
        if self._joined_starts is None:  # only findings need it: worked out on first use
            lengths = [end - start + len(_BLOCK) for start, end in self.blocks]
            self._joined_starts = [0, *itertools.accumulate(lengths)]
        index = bisect_right(self._joined_starts, joined) - 1
        return self.blocks[index][0] + joined - self._joined_starts[index]


def split(region: TextRegion, *, count_words: bool = False, longer_than: int = 0) -> Prose:
    """The region's sentences, headings left out.

    With ``count_words``, its words and their syllables are counted too (for a grade);
    with ``longer_than``, the sentences of more words than that are listed in ``long``.
    """
    text = region.text
    if _BLOCK in text:  # a control character from the file itself
        text = text.translate(_NEUTRAL)
    blocks = _prose_blocks(region)
    joined = _BLOCK.join([text[start:end] for start, end in blocks])
    spans = [match.span() for match in _SENTENCE.finditer(joined)]
    if not (count_words or longer_than):
        return Prose(spans, 0, 0, 0, [], blocks)
    counted = spans
    if not count_words:
        # A word is at least one character and words are apart, so a sentence of more than
        # N words is at least 2N + 1 characters long: shorter ones need no count.
        reach = 2 * longer_than + 1
        counted = [(start, end) for start, end in spans if end - start >= reach]
    if len(joined) < _FIELD and (joined.isascii() or _only_ascii_words(joined)):
        sums = _sentence_sums(joined, counted)
    else:
        sums = _sentence_sums_by_regex(joined, counted)
    long: list[tuple[int, int, int]] = []
    if longer_than:
        long = [
            (start, end, value >> _WORDS_AT)
            for (start, end), value in zip(counted, sums, strict=True)
            if value >> _WORDS_AT > longer_than
        ]
    if not count_words:
        return Prose(spans, 0, 0, 0, long, blocks)
    total = sum(sums)
    words, numbers = total >> _WORDS_AT, (total >> _NUMBERS_AT) & _MASK
    return Prose(spans, words, words - numbers, total & _MASK, long, blocks)


def _sentence_sums(joined: str, spans: list[tuple[int, int]]) -> list[int]:
    """Each sentence's packed counts, for a text whose letters and digits are all ASCII.

    Splitting on whitespace is a C-level pass, where a regex finding every word costs a
    match per word; what a token holds is worked out once per run (``_TokenCounts``).
    """
    tokens = (joined if joined.isascii() else _as_ascii(joined)).translate(_TOKENS)
    value = _TOKEN_COUNTS.__getitem__
    return [sum(map(value, tokens[start:end].split())) for start, end in spans]


def _sentence_sums_by_regex(joined: str, spans: list[tuple[int, int]]) -> list[int]:
    """Each sentence's packed counts with the Unicode word pattern (non-ASCII letters)."""
    value = _WORD_COUNTS.__getitem__
    return [sum(map(value, WORD.findall(joined, start, end))) for start, end in spans]


def _only_ascii_words(text: str) -> bool:
    """Whether every letter and digit of ``text`` is ASCII (its other characters may not be)."""
    return not any(char.isalnum() for char in set(_NON_ASCII.findall(text)))


def _as_ascii(text: str) -> str:
    """``text`` with each non-ASCII character as ``?``, but ``’`` as ``'``.

    For a text whose words are ASCII, the words found in this are those of ``text`` (the
    curly apostrophe still joins ``don’t``, now written ``don't``, which counts the same
    syllables: SyllaPy lists no word with an apostrophe), and the ASCII word pattern runs
    twice as fast as the Unicode one.
    """
    return text.replace("’", "'").encode("ascii", "replace").decode("ascii")


def _prose_blocks(region: TextRegion) -> list[tuple[int, int]]:
    """The region's blocks, as ``(start, end)`` text ranges, without its headings."""
    text = region.text
    cuts = sorted({0, len(text), *region.block_starts})
    blocks = list(itertools.pairwise(cuts))
    if not region.headings:
        return blocks
    headings = sorted(region.headings)
    if any(end > next_start for (_, end), (next_start, _) in itertools.pairwise(headings)):
        # Not how the loader makes them; the model's own test then decides, block by block.
        return [(start, end) for start, end in blocks if not region.in_heading(start)]
    kept: list[tuple[int, int]] = []
    position = 0
    for heading_start, heading_end in headings:
        # The blocks starting inside a heading are those from the first cut at or after
        # its start to the last cut before its end.
        first = bisect_left(cuts, heading_start, position)
        last = bisect_left(cuts, heading_end, first)
        kept += blocks[position:first]
        position = max(position, last)
    kept += blocks[position:]
    return kept


def has_number(text: str) -> bool:
    """Whether a text holds a digit (a claim backed by a figure)."""
    return _DIGIT.search(text) is not None


# A word's (or a sentence's) words, numbers and syllables packed in one int, so that one
# C-level sum adds them all up: syllables in the low bits, numbers above them, words on
# top. A text of fewer than _FIELD characters has fewer words, numbers and syllables than
# that, so no field overflows into the next and the sum stays a machine integer.
_NUMBERS_AT = 21
_WORDS_AT = 42
_FIELD = 1 << _NUMBERS_AT
_MASK = _FIELD - 1
_A_WORD = 1 << _WORDS_AT
_A_NUMBER = _A_WORD | 1 << _NUMBERS_AT
# ASCII text as whitespace-separated tokens: letters in lower case, digits and the word
# joiners kept, anything else a space. A token is one word, or words with joiners at the
# edges or doubled between them ("end.", "a--b"), which ``WORD`` would split apart.
_TOKENS = str.maketrans(
    {
        code: chr(code).lower() if chr(code).isalnum() or chr(code) in "'.-" else " "
        for code in range(128)
    }
)
_COUNTS_KEPT = 500_000  # entries; a handbook of 300 pages has about 20,000 distinct tokens


class _WordCounts(dict[str, int]):
    """The packed counts of a word as ``WORD`` finds it, worked out once per process."""

    def __missing__(self, word: str) -> int:
        if len(self) > _COUNTS_KEPT:  # a long-lived process (the language server)
            self.clear()
        lower = word.lower()
        if word.isdigit():
            value = _A_NUMBER
        elif lower != word:  # "The" costs a look-up of "the"
            value = self[lower]
        else:
            value = _A_WORD + count_syllables(word)
        self[word] = value
        return value


class _TokenCounts(dict[str, int]):
    """The packed counts of a token of ``_TOKENS`` text: the sum of its words'."""

    def __missing__(self, token: str) -> int:
        if len(self) > _COUNTS_KEPT:
            self.clear()
        if _ASCII_WORD.fullmatch(token):  # most tokens: one lower-case word
            value = _A_NUMBER if token.isdigit() else _A_WORD + count_syllables(token)
        else:
            value = sum(map(_WORD_COUNTS.__getitem__, _ASCII_WORD.findall(token)))
        self[token] = value
        return value


_WORD_COUNTS = _WordCounts()
_TOKEN_COUNTS = _TokenCounts()


def flesch_kincaid_grade(sentence_count: int, word_count: int, syllable_count: int) -> float:
    """The Flesch–Kincaid grade level of a text of so many sentences, words and syllables."""
    if not word_count or not sentence_count:
        return 0.0
    return 0.39 * word_count / sentence_count + 11.8 * syllable_count / word_count - 15.59
