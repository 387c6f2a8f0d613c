"""The voice rules' sentence splitter against the plain definition, on generated regions.

``voice.prose.split`` finds sentences and counts words in a few regex passes over a
region's blocks joined together (for speed); the plain definition below goes block by
block and sentence by sentence, as the rule's documentation says. They must agree on every
sentence's range, every word count, and the grade's words and syllables.
"""

from __future__ import annotations

import itertools
import re
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from smarthub.model import TextRegion
from smarthub.voice.prose import WORD, split
from smarthub.voice.syllables import count_syllables

_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|\x00|$)")
# Letters, digits, joiners, stops, closers, spaces, skipped content, control characters
# the splitter uses itself, a non-ASCII letter, the word the splitter uses as a mark.
_PIECES = [
    *"aeEbcT1'’.-!?\")]”_ \n\x00\x01\x02é",
    "İ",
    " qzxsentencemarkqzx ",
    "word ",
    "e.g. ",
    "3.5",
    "--",
    "...",
    "10e",
    " The ",
]


def _plain_sentences(region: TextRegion) -> list[tuple[int, int, list[str]]]:
    text = region.text
    cuts = sorted({0, len(text), *region.block_starts})
    found = []
    for block_start, block_end in itertools.pairwise(cuts):
        if region.in_heading(block_start):
            continue
        position = block_start
        for end in [*(m.end() for m in _END.finditer(text, block_start, block_end)), block_end]:
            words = list(WORD.finditer(text, position, end))
            if words:
                last = end
                while last > position and (text[last - 1].isspace() or text[last - 1] == "\x00"):
                    last -= 1
                found.append((words[0].start(), last, [word.group() for word in words]))
            position = end
    return found


@st.composite
def regions(draw: st.DrawFn) -> TextRegion:
    text = "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=60)))
    starts = draw(st.sets(st.integers(0, max(len(text) - 1, 0)), max_size=6))
    cuts = sorted({0, len(text), *starts})
    blocks = list(itertools.pairwise(cuts))
    headings = tuple(
        block for block in blocks if draw(st.booleans()) and draw(st.booleans())
    )  # about a quarter of the blocks
    return TextRegion(text, array("q", [0]), array("q", [0]), frozenset(starts), headings)


@settings(max_examples=400, deadline=None)
@given(regions(), st.integers(1, 4))
def test_split_agrees_with_the_plain_definition(region: TextRegion, limit: int) -> None:
    plain = _plain_sentences(region)
    for count_words in (False, True):
        prose = split(region, count_words=count_words, longer_than=limit)
        spans = list(prose.region_spans(region.text))
        assert spans == [(start, end) for start, end, _ in plain]
        long = [
            (*prose.region_span(region.text, start, end), count) for start, end, count in prose.long
        ]
        assert long == [
            (start, end, len(words)) for start, end, words in plain if len(words) > limit
        ]
        if count_words:
            words = [word for _, _, said in plain for word in said]
            graded = [word for word in words if not word.isdigit()]
            assert prose.words == len(words)
            assert prose.graded_words == len(graded)
            assert prose.syllables == sum(count_syllables(word.lower()) for word in graded)


def _plain_syllables(word: str) -> int:
    """The counter's definition: vowel groups, less a final silent ``e`` (kept in ``-le``)."""
    count = len(re.findall(r"[aeiouy]+", word))
    if len(word) > 2 and word.endswith("e") and not re.search(r"[^aeiouy]le\Z", word):
        count -= 1
    return max(count, 1)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aeiouylbcsté0'.-", min_size=1, max_size=8))
def test_syllables_agree_with_the_plain_definition(word: str) -> None:
    assert count_syllables(word) == _plain_syllables(word)
