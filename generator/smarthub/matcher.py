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
_INFLECTION = r"(?P<inflection>(?i:'s|’s|s'|s’|es|s))?"
_AFTER = r"(?!\w)(?![.@]\w)"
_BEFORE = r"(?<!\w)(?<!@)(?<![^\W_]\.)"


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


def _form_pattern(form: Form) -> str:
    words = [re.escape(word) for word in form.text.split()]
    body = r"\s+".join(words)
    return body if form.kind == "abbreviation" else f"(?i:{body})"


class TermMatcher:
    """All forms of a glossary, compiled once, matched in one pass per text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        forms = [form for term in terms for form in forms_of(term) if form.text.strip()]
        # Longest first gives leftmost-longest among forms that start at the same place;
        # kind and id break ties so the result never depends on file order.
        forms.sort(
            key=lambda form: (-len(form.text), _KIND_RANK[form.kind], form.term_id, form.text)
        )
        by_first_word: dict[str, list[Form]] = defaultdict(list)
        leading_symbol: list[Form] = []
        for form in forms:
            first = _WORD.match(form.text)
            if first is None:
                leading_symbol.append(form)
                continue
            key = first.group().casefold()
            by_first_word[key].append(form)
            if first.end() == len(form.text):  # one-word forms: index their plural spellings too
                for suffix in ("s", "es"):
                    by_first_word.setdefault(key + suffix, [])
                    by_first_word[key + suffix].append(form)
        self.forms = forms
        self._groups: dict[str, tuple[re.Pattern[str], list[Form]]] = {
            key: self._compile(group) for key, group in by_first_word.items()
        }
        self._symbol_group = self._compile(leading_symbol) if leading_symbol else None
        self._candidates = _word_finder(self._groups)

    @staticmethod
    def _compile(forms: list[Form]) -> tuple[re.Pattern[str], list[Form]]:
        unique = list(dict.fromkeys(forms))
        alternatives = "|".join(
            f"(?P<f{index}>{_form_pattern(form)})" for index, form in enumerate(unique)
        )
        return re.compile(f"{_BEFORE}(?:{alternatives}){_INFLECTION}{_AFTER}"), unique

    def find(self, text: str) -> list[Occurrence]:
        """Every occurrence in ``text``, leftmost-longest, without overlaps, in text order."""
        candidates: list[Occurrence] = []
        groups = self._groups
        if self._candidates is not None:
            for word in self._candidates.finditer(text):
                entry = groups.get(word.group().casefold())
                if entry is not None:
                    occurrence = self._match_at(entry, text, word.start())
                    if occurrence is not None:
                        candidates.append(occurrence)
        if self._symbol_group is not None:
            pattern, forms = self._symbol_group
            for match in pattern.finditer(text):
                candidates.append(self._occurrence(match, forms))
        return _leftmost_longest(candidates)

    def _match_at(
        self, entry: tuple[re.Pattern[str], list[Form]], text: str, position: int
    ) -> Occurrence | None:
        pattern, forms = entry
        match = pattern.match(text, position)
        return self._occurrence(match, forms) if match else None

    @staticmethod
    def _occurrence(match: re.Match[str], forms: list[Form]) -> Occurrence:
        index = next(
            int(name[1:])
            for name, value in match.groupdict().items()
            if value is not None and name[0] == "f"
        )
        stem_end = match.end(f"f{index}")
        return Occurrence(forms[index], match.start(), stem_end, match.end(), match.group())


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
