"""``quotations`` skips apostrophes inside words before its loop; that must change nothing.

The loop reads every quote character; the prefilter hands it only those that may open or
close a quotation. Over generated prose (apostrophes and quotes next to ASCII and other
letters, digits, ``_``, spaces, block starts), the result with the prefilter equals the
result of the loop fed every quote character.
"""

from __future__ import annotations

import random
import re

import pytest

from smarthub.load import quotes

EVERY_QUOTE_CHARACTER = re.compile("[\"'“”‘’«»]")
PIECES = [*"\"'“”‘’«»", *"'’" * 4, "a", "Z", "é", "ß", "7", "²", "_", " ", "\n", ".", "! ", "\x00"]


def generated_texts(count: int) -> list[str]:
    chooser = random.Random(20261130)
    return ["".join(chooser.choices(PIECES, k=chooser.randint(1, 40))) for _ in range(count)]


def test_the_prefilter_finds_the_quotations_the_full_loop_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = generated_texts(3000)
    cases = [(text, [i for i, char in enumerate(text) if char == "\n"]) for text in texts]
    with_prefilter = [quotes.quotations(text, starts) for text, starts in cases]
    monkeypatch.setattr(quotes, "_MAYBE_QUOTING", EVERY_QUOTE_CHARACTER)
    for (text, starts), found in zip(cases, with_prefilter, strict=True):
        assert found == quotes.quotations(text, starts), repr(text)


def test_in_word_apostrophes_still_leave_real_quotations_found() -> None:
    text = "The customer's team says 'pipeline' and the partner’s team “funnel”."
    assert [text[start:end] for start, end in quotes.quotations(text, ())] == [
        "pipeline",
        "funnel",
    ]
