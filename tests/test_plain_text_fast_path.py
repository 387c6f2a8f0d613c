"""The plain-YAML reader's character test: its ASCII fast path decides as the class does.

``is_plain_text`` answers ASCII text with ``str.isprintable`` and compiles the class of
``PLAIN_CHARACTERS`` only for text beyond ASCII; both must accept exactly the texts the
class accepts, or a document would silently change path (and a tab or a CR would reach the
fast reader).
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from smarthub.plainyaml import PLAIN_CHARACTERS, is_plain_text

CLASS = re.compile(PLAIN_CHARACTERS + "*")


def test_every_character_alone_and_between_ascii_letters() -> None:
    wrong = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        for text in (chr(code), f"a{chr(code)}b\n")
        if is_plain_text(text) != (CLASS.fullmatch(text) is not None)
    ]
    assert wrong == []


def test_what_the_subset_leaves_to_libyaml() -> None:
    assert is_plain_text("title: Renewal\npersonas: [cfo]\n")
    assert is_plain_text("title: Café – résumé 🚀\n")
    for outside in ("\t", "\r", "\x7f", "\x00", "\x85", "\u2028", "\u2029", "\ufeff", "\ud800"):
        assert not is_plain_text(f"title: a{outside}b\n"), repr(outside)


_EDGES = "\n\t\r\x00\x1f \x7e\x7f\x80\x85\x9f\xa0\u2027\u2028\u2029\u202a\ud7ff\ud800\ue000\ufefe\ufeff\uff00\ufffd\ufffe\U00010000"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab: -[]" + _EDGES), max_size=40))
def test_generated_texts_decide_as_the_class(text: str) -> None:
    assert is_plain_text(text) == (CLASS.fullmatch(text) is not None)
