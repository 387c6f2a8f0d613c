"""Regexes written from the term matcher's trie of tokens (``smarthub.matcher``).

``start_pattern`` finds where some form may begin, for reading the text token by token
from there; ``form_pattern`` matches whole forms, for the form search. Both run over the
lower-cased text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from smarthub.identifiers import DELIMITERS, OPENING_QUOTES, WHITESPACE

# Combining marks: an NFD-written "é" is "e" + U+0301, and the mark belongs to its word.
MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
TERMINAL = ""  # trie key of the forms that end at a node (no token is empty)


def is_word_char(char: str) -> bool:
    """A letter, digit, ``_`` or combining mark: what may not touch a form's ends."""
    if char < "\x80":  # most characters: no Unicode category to look up
        return char in _ASCII_WORD_CHARS
    return char.isalnum() or unicodedata.category(char).startswith("M")


_ASCII_WORD_CHARS = frozenset(
    char for char in map(chr, range(128)) if char.isalnum() or char == "_"
)


def start_pattern(root: dict[str, dict]) -> str:
    """The regex matching where some form of a non-empty trie may begin: its first word, or
    its first symbol.

    The first words are arranged as a trie (``sales|salesforce`` becomes
    ``sales(?:force|...)``), so the regex engine tests each position against a few
    characters instead of every word. Where a first word ends, the regex asks for what may
    follow it in some form: the end of the word (with a glued inflection) when the word is
    a form, else a look-ahead for the next two tokens of a longer form (``sales`` only
    where ``sales qualified`` or ``sales-read`` follows). Every position ``match_at``
    could accept is found; most of the others, the common first words of longer forms
    (``in``, ``sales``, ``account``), never reach Python.
    """
    trie: dict = {}
    symbols: set[str] = set()
    for first, node in root.items():
        if not is_word_char(first[0]):
            symbols.add(first)
            continue
        branch = trie
        for char in first:
            branch = branch.setdefault(char, {})
        branch[""] = _continuation(node)
    alternatives = []
    if trie:
        alternatives.append(rf"(?<![^\W_])(?<![{MARKS}]){_trie_pattern(trie)}")
    if symbols:
        # The apostrophe key stands for both spellings; symbols are one character each.
        chars = {char for symbol in symbols for char in (symbol, "’" if symbol == "'" else symbol)}
        alternatives.append("[" + "".join(re.escape(char) for char in sorted(chars)) + "]")
    return "|".join(alternatives)  # over lower-cased text: see TermMatcher._start_matches


_WORD_END = rf"(?:es|s)?(?![^\W_]|[{MARKS}])"
_EXACT_WORD_END = rf"s?(?![^\W_]|[{MARKS}])"
_LOOKAHEAD_TOKENS = 7  # after the first word: "sales and marketing alignment" is 7 tokens


def _continuation(node: dict) -> str:
    """What may follow a first word in text where a form starts: see ``_start_finder``."""
    ends = []
    if TERMINAL in node:
        # After a form matched only as written (an abbreviation) only "s" may be glued on:
        # "sales" is no candidate for SAL.
        exact = all(entry.spelling is not None for entry in node[TERMINAL])
        ends.append(_EXACT_WORD_END if exact else _WORD_END)
    onwards = [_path(key, child, 1) for key, child in sorted(node.items()) if key != TERMINAL]
    if onwards:
        ends.append("(?=" + "|".join(onwards) + ")")
    return ends[0] if len(ends) == 1 else "(?:" + "|".join(ends) + ")"


def _path(key: str, node: dict, depth: int) -> str:
    """A regex for the tokens from ``key`` down the trie, to a form's end or a few tokens.

    A word where a form may end is only the beginning of its token (``lead`` for
    ``leads``), and the regex stops there: it may find more than ``match_at`` accepts,
    never less.
    """
    head = _token_prefix(key)
    if TERMINAL in node or depth >= _LOOKAHEAD_TOKENS:
        return head
    following = [_path(after, child, depth + 1) for after, child in sorted(node.items())]
    if len(following) == 1:
        return head + following[0]
    return head + "(?:" + "|".join(following) + ")"


def _token_prefix(key: str) -> str:
    """A regex for the text of a trie key's token (for a word: its beginning)."""
    if key == " ":
        return r"\s+"
    if key == "'":
        return "['’]"
    return re.escape(key)


def _trie_pattern(node: dict) -> str:
    """The regex of a trie of characters whose word ends hold a continuation regex."""
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if "" in node:
        branches.append(node[""])
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# The form search's regex reads a "\n" put before the text, so the character before a form
# is always there to be matched, and skipping the characters that cannot be before a form
# is a loop in C. That class is ASCII only (a quarter faster than "\w") and the dot glued
# to a domain or file name is left to Python (a look-behind at every word start costs a
# fifth of the search), so Python checks starts_word where the character before is a dot
# or beyond ASCII. A form that begins with a symbol begins a token (_opens_token).
# After the form: an inflection, then no word character and no "." or "@" glued to one
# (_ends_word: exact in ASCII; beyond, is_word_char also counts marks missing from MARKS).
_FORM_START = "[^0-9a-z_@]"  # over lower-cased text
_WORD_CLASS = rf"\w{MARKS}"
TOKEN_OPENER = (  # _opens_token as a class: "\s" is str.isspace, as WHITESPACE is
    r"[\s" + "".join(map(re.escape, sorted(DELIMITERS - WHITESPACE | set(OPENING_QUOTES)))) + "]"
)
_FORM_END = rf"(?:['’]s|s['’]|es|s)?(?![{_WORD_CLASS}]|[.@][{_WORD_CLASS}])"


def form_pattern(stems: dict[str, list[Any]]) -> str:
    """The form search's regex: every stem (a form's folded spelling, with the entries that
    end there) as a trie of characters, then an inflection and the end of a word."""
    return _FORM_START + _first_characters(_character_trie(stems)) + _FORM_END


def _character_trie(stems: dict[str, list[Any]]) -> dict[str, Any]:
    """The stems as a trie of characters. ``TERMINAL`` marks where a stem ends, with
    whether its forms all match only as written."""
    trie: dict[str, Any] = {}
    for stem, entries in stems.items():
        node = trie
        for char in stem:
            node = node.setdefault(char, {})
        node[TERMINAL] = all(entry.spelling is not None for entry in entries)
    return trie


def _first_characters(trie: dict[str, Any]) -> str:
    """The form search's regex for the whole trie: a symbol first must begin a token."""
    branches = []
    for char, child in sorted(trie.items()):
        atom = _atom(char)
        if not is_word_char(char):
            atom += f"(?<={TOKEN_OPENER}{atom})"
        branches.append(atom + _characters(child))
    return "(?:" + "|".join(branches) + ")"


def _characters(node: dict[str, Any]) -> str:
    """The regex of a trie node: its children first, then the end of a stem, if one ends.

    After a stem whose forms match only as written (an abbreviation) no inflection begins
    with ``e``, and no word goes on: ``sales`` is no SAL.
    """
    chain = []
    while len(node) == 1 and TERMINAL not in node:  # one way on: no alternation
        ((char, node),) = node.items()
        chain.append(_atom(char))
    branches = [_atom(char) + _characters(child) for char, child in sorted(node.items()) if char]
    if TERMINAL in node:
        branches.append("(?!e)" if node[TERMINAL] else "")
    ending = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "".join(chain) + ending


@functools.cache
def _atom(char: str) -> str:
    """The regex of one character of a folded spelling."""
    return r"\s+" if char == " " else "['’]" if char == "'" else re.escape(char)
