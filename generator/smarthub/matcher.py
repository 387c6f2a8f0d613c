"""The term matcher: every form of every glossary term, found in one pass over a text.

Matching rules (the README documents them for users):

- whole words only: no letter, digit or ``_`` directly before or after; hyphen and slash
  are boundaries; a form glued to a domain, file name or e-mail address is not a match;
- inflections ``s``, ``es``, ``'s``, ``’s``, ``s'``, ``s’`` belong to the occurrence;
- a space in a multi-word form matches any run of whitespace (a line break included);
- forms are found case-insensitively, except abbreviations, which must match exactly;
- leftmost-longest wins, so an avoided form inside a longer accepted form is no match.

Speed: the text is split into words once; only words that begin some form (looked up in a
dict by their case-folded spelling) try the few forms that start with them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from smarthub.model import Term

FORM_KINDS = ("term", "alias", "abbreviation", "avoid")
_KIND_RANK = {kind: rank for rank, kind in enumerate(FORM_KINDS)}
_WORD = re.compile(r"[^\W_]+")
# Longest first, and "" last: the same order a regex alternation would try them in.
_INFLECTIONS = ("'s", "’s", "s'", "s’", "es", "s", "")


@dataclass(frozen=True, slots=True)
class Form:
    """One way of writing a term, as the glossary lists it."""

    term_id: str
    text: str
    kind: str  # term | alias | abbreviation | avoid
    reason: str | None = None

    @property
    def accepted(self) -> bool:
        """Whether writers may use this form."""
        return self.kind != "avoid"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A form found in a text: ``[start, end)`` includes the inflection, ``stem_end`` does not."""

    form: Form
    start: int
    stem_end: int
    end: int
    text: str

    @property
    def stem(self) -> str:
        """The matched form without its inflection."""
        return self.text[: self.stem_end - self.start]

    @property
    def inflection(self) -> str:
        """The inflection that followed the form (``s``, ``'s``...), or ``""``."""
        return self.text[self.stem_end - self.start :]


def forms_of(term: Term) -> list[Form]:
    """Every form of a term: canonical, aliases, abbreviation and avoided forms."""
    forms = [Form(term.id, term.term, "term")]
    forms += [Form(term.id, alias, "alias") for alias in term.aliases]
    if term.abbreviation:
        forms.append(Form(term.id, term.abbreviation, "abbreviation"))
    forms += [Form(term.id, avoid.text, "avoid", avoid.reason) for avoid in term.avoid]
    return forms


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A form ready to match at a position: its words (lowercased unless exact)."""

    form: Form
    words: tuple[str, ...]
    exact: bool

    def regex(self) -> str:
        """The same form as a regular expression (for a group compiled into one regex)."""
        body = r"\s+".join(re.escape(word) for word in self.form.text.split())
        return body if self.exact else f"(?i:{body})"

    @classmethod
    def of(cls, form: Form) -> _Pattern:
        exact = form.kind == "abbreviation"
        words = tuple(form.text.split())
        return cls(form, words if exact else tuple(word.lower() for word in words), exact)

    def match_at(self, text: str, position: int) -> Occurrence | None:
        """The occurrence of this form starting exactly at ``position``, if there is one."""
        end_of_text = len(text)
        cursor = position
        for index, word in enumerate(self.words):
            if index:  # a space in the form matches any run of whitespace
                after_space = cursor
                while after_space < end_of_text and text[after_space].isspace():
                    after_space += 1
                if after_space == cursor:
                    return None
                cursor = after_space
            piece = text[cursor : cursor + len(word)]
            if piece != word and (self.exact or piece.lower() != word):
                return None
            cursor += len(word)
        for inflection in _INFLECTIONS:
            end = cursor + len(inflection)
            if inflection and text[cursor:end].lower() != inflection:
                continue
            if _ends_word(text, end):
                return Occurrence(self.form, position, cursor, end, text[position:end])
        return None


_REGEX_AFTER_HITS = 16
_TAIL = r"(?i:'s|’s|s'|s’|es|s)?(?!\w)(?![.@]\w)"


class _Group:
    r"""The forms that begin with one word, tried longest first at a candidate position.

    A word seen only a few times is matched form by form in Python; once it has been seen
    often, its forms are compiled into one regex, which tries them all in C. Compiling
    every group up front is what a large glossary cannot afford, and trying thirty forms
    in Python at every "customer" is what a large hub cannot. Both paths find the same
    occurrences: ``\w`` and ``\s`` are exactly ``isalnum()`` plus ``_`` and ``isspace()``.
    """

    __slots__ = ("hits", "patterns", "regex")

    def __init__(self) -> None:
        self.patterns: list[_Pattern] = []
        self.hits = 0
        self.regex: re.Pattern[str] | None = None

    def match_at(self, text: str, position: int) -> Occurrence | None:
        if self.regex is None:
            self.hits += 1
            if self.hits < _REGEX_AFTER_HITS:
                for pattern in self.patterns:
                    found = pattern.match_at(text, position)
                    if found is not None:
                        return found
                return None
            self.regex = re.compile(
                "(?:" + "|".join(f"({pattern.regex()})" for pattern in self.patterns) + ")" + _TAIL
            )
        match = self.regex.match(text, position)
        if match is None:
            return None
        index = match.lastindex or 1  # the alternatives are the only capturing groups
        return Occurrence(
            self.patterns[index - 1].form, position, match.end(index), match.end(), match.group()
        )


class TermMatcher:
    """All forms of a glossary, prepared once, matched in one pass per text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        forms = [form for term in terms for form in forms_of(term) if form.text.strip()]
        # Longest first gives leftmost-longest among forms that start at the same place;
        # kind and id break ties so the result never depends on file order.
        forms.sort(
            key=lambda form: (-len(form.text), _KIND_RANK[form.kind], form.term_id, form.text)
        )
        by_first_word: dict[str, _Group] = defaultdict(_Group)
        leading_symbol: list[_Pattern] = []
        for form in dict.fromkeys(forms):
            pattern = _Pattern.of(form)
            first = _WORD.match(form.text)
            if first is None:
                leading_symbol.append(pattern)
                continue
            key = first.group().casefold()
            by_first_word[key].patterns.append(pattern)
            if first.end() == len(form.text):  # one-word forms: index their plural spellings too
                for suffix in ("s", "es"):
                    by_first_word[key + suffix].patterns.append(pattern)
        self.forms = forms
        self._by_first_word = dict(by_first_word)
        self._candidates = _word_finder(self._by_first_word)
        self._leading_symbol = leading_symbol
        self._symbol_starts = (
            re.compile("|".join(re.escape(p.form.text[:1]) for p in leading_symbol))
            if leading_symbol
            else None
        )

    def find(self, text: str) -> list[Occurrence]:
        """Every occurrence in ``text``, leftmost-longest, without overlaps, in text order."""
        candidates: list[Occurrence] = []
        if self._candidates is not None:
            by_first_word = self._by_first_word
            for word in self._candidates.finditer(text):
                start = word.start()
                if not starts_word(text, start):
                    continue
                group = by_first_word.get(word.group().casefold())
                if group is not None:
                    found = group.match_at(text, start)
                    if found is not None:
                        candidates.append(found)
        if self._symbol_starts is not None:
            for symbol in self._symbol_starts.finditer(text):
                if not starts_word(text, symbol.start()):
                    continue
                for pattern in self._leading_symbol:
                    found = pattern.match_at(text, symbol.start())
                    if found is not None:
                        candidates.append(found)
                        break
        return _leftmost_longest(candidates)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def starts_word(text: str, start: int) -> bool:
    """No letter, digit, ``_`` or ``@`` before, and no dot glued to a domain or file name."""
    if start == 0:
        return True
    before = text[start - 1]
    if _is_word_char(before) or before == "@":
        return False
    return not (before == "." and start > 1 and text[start - 2].isalnum())


def _ends_word(text: str, end: int) -> bool:
    """No letter, digit or ``_`` after, and no ``.`` or ``@`` glued to a letter or digit."""
    if end >= len(text):
        return True
    after = text[end]
    if _is_word_char(after):
        return False
    return not (after in ".@" and end + 1 < len(text) and _is_word_char(text[end + 1]))


def _word_finder(groups: dict[str, object]) -> re.Pattern[str] | None:
    """One regex matching exactly the whole words that begin some form, in any case.

    The keys are arranged as a trie (``sales|salesforce`` becomes ``sales(?:force)?``), so
    the regex engine tests each position against a few characters instead of every key,
    and only the words that matter reach Python.
    """
    if not groups:
        return None
    trie: dict = {}
    for key in groups:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(rf"(?<![^\W_])(?:{_trie_pattern(trie)})(?![^\W_])", re.IGNORECASE)


def _trie_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body


def _leftmost_longest(candidates: list[Occurrence]) -> list[Occurrence]:
    candidates.sort(key=lambda found: (found.start, -found.end))
    chosen: list[Occurrence] = []
    reached = -1
    for found in candidates:
        if found.start >= reached:
            chosen.append(found)
            reached = found.end
    return chosen
