"""The term matcher: every form of every glossary term, found in one pass over a text.

Matching rules (the README's "How terms are matched" documents them for users):

- whole words only: no letter, digit, combining mark or ``_`` directly before or after;
  hyphen and slash are boundaries; a form inside an identifier (a file name, domain,
  path, channel, handle, icon shortcode or lower-case slug) is not a match;
- inflections ``s``, ``es``, ``'s``, ``’s``, ``s'``, ``s’`` belong to the occurrence; after a
  case-sensitive form (an abbreviation) only the lower-case ``s``, ``'s``, ``’s``, ``s'``,
  ``s’`` count, so ``SALES`` is not ``SAL`` + ``ES``;
- a space in a multi-word form matches any run of whitespace (a line break included);
  straight and curly apostrophes are the same character;
- forms are found case-insensitively (Unicode simple lower case), except abbreviations
  and avoided forms marked ``case: exact``, which must be written as listed;
- a form and a text match whatever their Unicode normalisation (NFC or NFD): both
  spellings of every form are indexed, so offsets stay the text's own;
- leftmost-longest wins, so an avoided form inside a longer accepted form is no match.

How: every form is split into tokens (a run of letters and digits, a run of whitespace, or
one other character) and all forms go into one trie of tokens. ``match_at`` reads a text
token by token down the trie from one position: that is the definition of a match, and
``find_by_tokens`` applies it wherever a regex says some form may begin. ``find`` gets the
same result from one regex over whole forms (``_FormSearch``): Python then spends a few
steps per occurrence instead of a walk, and asks ``match_at`` where it cannot be sure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from smarthub.identifiers import DELIMITERS, OPENING_QUOTES, in_identifier
from smarthub.identifiers import ENGLISH_PREFIXES as ENGLISH_PREFIXES  # for checks.terms
from smarthub.matcher_patterns import MARKS as _MARKS
from smarthub.matcher_patterns import TERMINAL as _TERMINAL
from smarthub.matcher_patterns import form_pattern, start_pattern
from smarthub.matcher_patterns import is_word_char as _is_word_char
from smarthub.model import Term

FORM_KINDS = ("term", "alias", "abbreviation", "avoid")
_KIND_RANK = {kind: rank for rank, kind in enumerate(FORM_KINDS)}
_WORD_RUN = rf"(?:[^\W_]|[{_MARKS}])+"
_TOKEN = re.compile(rf"{_WORD_RUN}|\s+|.", re.DOTALL)
_APOSTROPHES = str.maketrans({"’": "'"})
# Longest first, and "" last, so "'s" is preferred to "" and "es" to "s".
_INFLECTIONS = ("'s", "’s", "s'", "s’", "es", "s", "")
_EXACT_INFLECTIONS = ("'s", "’s", "s'", "s’", "s", "")
_INFLECTION_STARTS = frozenset("'’sSeE")  # what an inflection's first character may read as
_GLUED_SUFFIXES = ("es", "s")


@dataclass(frozen=True, slots=True)
class Form:
    """One way of writing a term, as the glossary lists it.

    ``exact`` marks an avoided form listed with ``case: exact``: it matches only written as
    listed. Abbreviations always match only in their exact case. ``name`` marks the form of
    a name (a brand or product: its term has exact casing, or it has a capital after its
    first letter), whose lower-case slugs (``mattermost-server``) are identifiers.
    """

    term_id: str
    text: str
    kind: str  # term | alias | abbreviation | avoid
    reason: str | None = None
    exact: bool = False
    name: bool = False

    @property
    def accepted(self) -> bool:
        """Whether writers may use this form."""
        return self.kind != "avoid"

    @property
    def case_sensitive(self) -> bool:
        """Whether the form matches only in the case the glossary writes it."""
        return self.exact or self.kind == "abbreviation"


class Occurrence(NamedTuple):
    """A form found in a text: ``[start, end)`` includes the inflection, ``stem_end`` does not.

    A named tuple, not a dataclass: a 10,000-file hub holds some 370,000 of them, and a
    tuple is built several times faster than a frozen dataclass.
    """

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

    @property
    def normal_stem(self) -> str:
        """The stem as forms are compared: NFC, whitespace runs as one space, ``’`` as ``'``."""
        return normal_spelling(self.stem)


def normal_spelling(text: str) -> str:
    """``text`` in NFC with whitespace runs as one space and curly apostrophes straight."""
    return unicodedata.normalize("NFC", " ".join(text.split())).translate(_APOSTROPHES)


def is_name(text: str) -> bool:
    """Whether a form is written like a name: a capital after its first letter (``HubSpot``)."""
    return any(char.isupper() for char in text[1:])


def forms_of(term: Term) -> list[Form]:
    """Every form of a term: canonical, aliases, abbreviation and avoided forms."""
    term_id = term.id
    exact_casing = term.casing == "exact"

    def form(text: str, kind: str, reason: str | None = None, exact: bool = False) -> Form:
        return Form(term_id, text, kind, reason, exact, exact_casing or is_name(text))

    forms = [form(term.term, "term")]
    forms += [form(alias, "alias") for alias in term.aliases]
    if term.abbreviation:
        forms.append(form(term.abbreviation, "abbreviation"))
    forms += [
        form(avoid.text, "avoid", avoid.reason, avoid.case == "exact") for avoid in term.avoid
    ]
    return forms


def _fold(token: str) -> str:
    """A token as the trie keys it: whitespace as one space, lower case, straight apostrophe."""
    if token[0].isspace():
        return " "
    return token.lower().replace("’", "'")


def _keys_of(text: str) -> list[tuple[str, ...]]:
    """The token keys of a form in NFC and, when it differs, in NFD."""
    if text.isascii():  # most forms: one spelling, and normalising would only cost time
        spellings = [text]
    else:
        spellings = list(dict.fromkeys(unicodedata.normalize(nf, text) for nf in ("NFC", "NFD")))
    return [tuple(_fold(token) for token in _TOKEN.findall(spelling)) for spelling in spellings]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A form at the trie node where it ends, with its spelling when case matters."""

    form: Form
    spelling: str | None  # normal_spelling of the form, for case-sensitive forms


class TermMatcher:
    """All forms of a glossary, prepared once, matched in one pass per text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._build(form for term in terms for form in forms_of(term))

    @classmethod
    def of_forms(cls, forms: Iterable[Form]) -> TermMatcher:
        """A matcher for forms that are not a glossary's (the brand-voice phrases)."""
        matcher = cls.__new__(cls)
        matcher._build(forms)
        return matcher

    def _build(self, all_forms: Iterable[Form]) -> None:
        forms = [form for form in all_forms if form.text.strip()]
        # Kind and id break ties between forms spelled alike, so the result never depends
        # on file order; length orders the public list as before (longest first).
        forms.sort(
            key=lambda form: (-len(form.text), _KIND_RANK[form.kind], form.term_id, form.text)
        )
        self.forms = forms
        self._root: dict[str, dict] = {}
        for form in dict.fromkeys(forms):
            spelling = normal_spelling(form.text) if form.case_sensitive else None
            for keys in _keys_of(form.text.strip()):
                node = self._root
                for key in keys:
                    node = node.setdefault(key, {})
                entries = node.setdefault(_TERMINAL, [])
                entries.append(_Entry(form, spelling))
                # A form written as listed is more specific than one in any case.
                entries.sort(key=lambda entry: entry.spelling is None)
        # The regexes are compiled on first use: a check only needs the form search, and a
        # voice list only match_at (compiling the start search too cost a corpus check 30 ms).
        self._starts: re.Pattern[str] | None = None
        self._starts_any_case: re.Pattern[str] | None = None
        self._search: _FormSearch | None = None

    def find(self, text: str) -> list[Occurrence]:
        """Every occurrence in ``text``, leftmost-longest, without overlaps, in text order.

        The result is exactly ``leftmost_longest`` of ``match_at`` at every candidate start
        (``find_by_tokens``), found faster: one regex matches whole forms (``_FormSearch``),
        and Python only confirms what the regex cannot say (case, identifiers, characters
        outside ASCII), asking ``match_at`` wherever it cannot confirm.
        """
        if not self._root:
            return []
        # Lower case must keep every offset (not so for "İ", two characters in lower case)
        # and depend on no neighbour (not so for "Σ", "ς" at the end of a word).
        lowered = ("\n" + text).lower()
        if len(lowered) != len(text) + 1 or "Σ" in text:
            return self.find_by_tokens(text)
        if self._search is None:
            self._search = _FormSearch(self._root)
        return self._search.find(text, lowered, self.match_at)

    def find_by_tokens(self, text: str) -> list[Occurrence]:
        """What ``find`` returns, worked out position by position: ``match_at`` at every
        candidate start, then ``leftmost_longest``. The definition of ``find``, and its way
        for the few texts whose lower case changes offsets."""
        if not self._root:
            return []
        match_at = self.match_at
        candidates = []
        for match in self._start_matches(text):
            start = match.start()
            if starts_word(text, start):
                found = match_at(text, start)
                if found is not None:
                    candidates.append(found)
        return leftmost_longest(candidates) if len(candidates) > 1 else candidates

    def candidate_starts(self, text: str) -> Iterator[int]:
        """Positions where some form may begin: a first word of a form, or its first symbol."""
        if not self._root:
            return
        for match in self._start_matches(text):
            if starts_word(text, match.start()):
                yield match.start()

    def _start_matches(self, text: str) -> Iterator[re.Match[str]]:
        """The start regex's matches, at the text's own offsets.

        The regex holds the first words in lower case and runs case-sensitively over the
        lower-cased text, twice as fast as ``re.IGNORECASE`` over the text. That needs
        lower-casing to keep every offset and to depend on no neighbour: not so for ``İ``
        (two characters in lower case) and ``Σ`` (``ς`` at the end of a word), so a text
        holding either is read with the case-insensitive regex instead. ``match_at``
        decides every occurrence; this only finds where to ask.
        """
        starts = self._starts
        if starts is None:
            starts = self._starts = re.compile(start_pattern(self._root))
        lowered = text.lower()
        if len(lowered) == len(text) and "Σ" not in text:
            return starts.finditer(lowered)
        if self._starts_any_case is None:
            self._starts_any_case = re.compile(starts.pattern, re.IGNORECASE)
        return self._starts_any_case.finditer(text)

    def match_at(self, text: str, start: int) -> Occurrence | None:
        """The longest occurrence of any form starting exactly at ``start``, if there is one."""
        ends: list[tuple[list[_Entry], int]] = []  # forms ending on the path, with stem end
        node = self._root
        position = start
        token_match = _TOKEN.match
        while node:
            token = token_match(text, position)
            if token is None:
                break
            written = token.group()
            first = written[0]
            if first.isspace():
                key = " "
            else:
                key = written.lower()
                if "’" in key:
                    key = key.replace("’", "'")
                if key.endswith(_GLUED_SUFFIXES) and _is_word_char(first):
                    for suffix in _GLUED_SUFFIXES:  # "mails": the form "mail" and an inflection
                        if key.endswith(suffix) and len(key) > len(suffix):
                            entries = node.get(key[: -len(suffix)], {}).get(_TERMINAL)
                            if entries:
                                ends.append((entries, token.end() - len(suffix)))
            node = node.get(key)
            if node is None:
                break
            position = token.end()
            if _TERMINAL in node:
                ends.append((node[_TERMINAL], position))
        if len(ends) > 1:
            ends.sort(key=lambda end: -end[1])
        for entries, stem_end in ends:
            for entry in entries:
                found = _occurrence(text, start, stem_end, entry)
                if found is not None:
                    return found
        return None


def _occurrence(text: str, start: int, stem_end: int, entry: _Entry) -> Occurrence | None:
    """The occurrence of ``entry`` over ``[start, stem_end)`` plus an inflection, if valid."""
    form, case_sensitive = entry.form, entry.spelling is not None
    if start and not _is_word_char(text[start]) and not _opens_token(text[start - 1]):
        return None  # "#tag" begins a token: not "##tag", "x#tag" or "++1"
    if case_sensitive and normal_spelling(text[start:stem_end]) != entry.spelling:
        return None
    if text[stem_end : stem_end + 1] not in _INFLECTION_STARTS:
        inflections: tuple[str, ...] = ("",)  # most occurrences: no inflection can follow
    else:
        inflections = _EXACT_INFLECTIONS if case_sensitive else _INFLECTIONS
    for inflection in inflections:
        end = stem_end + len(inflection)
        written = text[stem_end:end]
        if written != inflection and (case_sensitive or written.lower() != inflection):
            continue
        if _ends_word(text, end):
            if in_identifier(text, start, end, form.name):
                return None
            return Occurrence(form, start, stem_end, end, text[start:end])
    return None


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


def _opens_token(char: str) -> bool:
    return char in DELIMITERS or char in OPENING_QUOTES


_FOLDED_INFLECTIONS = ("'s", "s'", "es", "s", "")  # the regex's, in the regex's order
_EXACT_WRITTEN = frozenset(_EXACT_INFLECTIONS)


class _FormSearch:
    """Whole forms found by one regex; each match confirmed in a few steps or re-read.

    The regex holds every form's folded spelling (its trie keys joined: lower case, ``'``
    for either apostrophe, one space for any whitespace) as a trie of characters, each
    node's children before the end of a form, so the engine prefers the longest form, as
    ``match_at`` does; ``\\s+`` matches a space and ``['’]`` an apostrophe. Every form shares
    one tail: an inflection and the end of a word. It runs over the lower-cased text, so it
    finds every start where ``match_at`` finds something (and some where it does not).

    What the regex matched is looked up in ``parses`` (folded text -> the first entry of
    the form it read, the inflection's length): the longest form that spells the text, as
    the regex reads it. ``match_at`` returns exactly that occurrence when that entry passes
    ``_occurrence``; ``_confirmed`` checks what the regex could not (case, identifiers,
    word characters beyond ASCII) and otherwise ``match_at`` decides at that start.
    """

    def __init__(self, root: dict[str, dict]) -> None:
        stems = _stems(root)
        self.parses: dict[str, tuple[Form, str | None, int]] = {}
        longest: dict[str, int] = {}
        for stem, entries in stems.items():
            for inflection in _FOLDED_INFLECTIONS:
                folded = stem + inflection
                if len(stem) > longest.get(folded, -1):
                    longest[folded] = len(stem)
                    first = entries[0]
                    self.parses[folded] = (first.form, first.spelling, len(inflection))
        self.regex = re.compile(form_pattern(stems))

    def find(
        self, text: str, lowered: str, match_at: Callable[[str, int], Occurrence | None]
    ) -> list[Occurrence]:
        """``TermMatcher.find`` of ``text``; ``lowered`` is ``"\\n" + text`` in lower case."""
        search = self.regex.search
        parses = self.parses
        plain = text.isascii()
        found: list[Occurrence] = []
        # Offsets: lowered[i] is text[i - 1], so a match's start is the start of its form
        # in the text, and searching from ``position`` finds forms from ``position`` on.
        position = 0
        while (match := search(lowered, position)) is not None:
            start, end = match.span()
            before = lowered[start]  # text[start - 1], or the "\n" before the text
            if (before == "." or before > "\x7f") and not starts_word(text, start):
                position = start + 1
                continue
            written = lowered[start + 1 : end]
            end -= 1
            parse = parses.get(written) or parses.get(_folded(written))
            occurrence = None
            if parse is not None:
                form, spelling, inflection = parse
                stem_end = end - inflection
                if _confirmed(text, start, stem_end, end, form, spelling, plain):
                    # tuple.__new__: half the cost of calling the named tuple's class
                    occurrence = _new_tuple(
                        Occurrence, (form, start, stem_end, end, text[start:end])
                    )
            if occurrence is None:
                occurrence = match_at(text, start)  # another entry, a shorter form, or none
                if occurrence is None:
                    position = start + 1  # a form may begin inside the rejected match
                    continue
            found.append(occurrence)
            position = occurrence.end
        return found


_new_tuple = tuple.__new__


def _folded(written: str) -> str:
    """A match of the form search as ``parses`` keys it: one space, straight apostrophes."""
    return " ".join(written.split()).replace("’", "'")


def _confirmed(
    text: str, start: int, stem_end: int, end: int, form: Form, spelling: str | None, plain: bool
) -> bool:
    """Whether ``_occurrence`` accepts ``form`` (written ``spelling`` when its case matters)
    over the form search's match, so that ``match_at`` returns exactly this occurrence."""
    if spelling is not None:
        stem = text[start:stem_end]
        if stem != form.text and normal_spelling(stem) != spelling:
            return False
        if stem_end != end and text[stem_end:end] not in _EXACT_WRITTEN:
            return False  # "MQLS", "MQLes": not an inflection of a form matched as written
    if not plain and not text[end : end + 2].isascii() and not _ends_word(text, end):
        return False
    # Most occurrences are tokens of their own, and only a name's can be an identifier.
    if (
        not form.name
        and (start == 0 or text[start - 1] in DELIMITERS)
        and (end == len(text) or text[end] in DELIMITERS)
    ):
        return True
    return not in_identifier(text, start, end, form.name)


def _stems(root: dict[str, dict]) -> dict[str, list[_Entry]]:
    """Every form's folded spelling (its trie keys joined), with the entries that end there."""
    stems = {}
    pending: list[tuple[str, dict]] = [("", root)]
    while pending:
        prefix, node = pending.pop()
        for key, child in node.items():
            if key == _TERMINAL:
                stems[prefix] = child
            else:
                pending.append((prefix + key, child))
    return stems


def leftmost_longest(candidates: list[Occurrence]) -> list[Occurrence]:
    """The occurrences a reader sees: the earliest start first, then the longest, no overlaps
    (sorts ``candidates`` in place)."""
    candidates.sort(key=lambda found: (found.start, -found.end))
    chosen: list[Occurrence] = []
    reached = -1
    for found in candidates:
        if found.start >= reached:
            chosen.append(found)
            reached = found.end
    return chosen
