"""TERM004: acronyms that nobody defined."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from smarthub import suppress
from smarthub.checks import acronym_definitions
from smarthub.checks.acronym_lists import BUILTIN_LISTS, KnownCodes, known_codes, read_list
from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.matcher import Occurrence, starts_word
from smarthub.model import SourceFile, TextRegion

# Starts with a character class so the regex engine skips ahead fast; the left boundary
# (no letter, digit, ``_`` or ``@`` before, no domain dot) is checked in ``starts_word``.
_ACRONYM = re.compile(r"([A-Z][A-Z0-9]{1,5})(?:'s|’s|s)?(?!\w)(?![.@]\w)")
_ROMAN = re.compile(r"[IVX]+")
_CONTRACTION = re.compile(r"['’][A-Z]")  # DON'T, IT'S: a word in capitals
_VERSION = re.compile(r"-\d")  # UTF-8, SHA-256, LGPL-2.1: a standard's name and version
_IDENTIFIER = re.compile(r"\d[A-Z]{2}")  # P4PORT: a name in code, not an acronym
_PERIOD_SUFFIX = re.compile(r"\d+(?:Q\d)?\Z")  # FY24, FY24Q1: a listed code and a number
_LOWER = re.compile(r"[^\W\d_A-Z]")
_CAPITAL_TOKEN = re.compile(r"[A-Z0-9]+(?:['’][A-Z]+)?")
# What may stand between the words of a phrase in capitals: not ``:``, ``,`` or ``|``,
# so in ``NOTE: SFDC is down`` the label does not carry the acronym with it.
_PHRASE_JOINER_TEXT = " \t\u00a0'’-/&"
_PHRASE_JOINERS = frozenset(_PHRASE_JOINER_TEXT)


@dataclass(frozen=True)
class _Vocabulary:
    """What a hub accepts without a definition on the page."""

    defined: frozenset[str]  # glossary abbreviations and all-capital forms, acronyms.allow
    allow: frozenset[str]
    lists: KnownCodes
    words: frozenset[str]  # English words in capitals; empty when the list is switched off
    versions: bool  # whether "UTF-8" counts as a format's name (the formats list is on)
    _weighed: dict[str, tuple[str, bool] | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def to_weigh(self, word: str) -> tuple[str, bool] | None:
        """The stem ``word`` counts under, and whether a built-in list may accept it where it
        stands (``500 KB``, ``Austin, TX``, ``TL;DR``); ``None`` when it never needs a definition.

        Decided once per word, since it does not depend on where the word stands: defined
        (itself or its stem), not an acronym (``XIV``, ``P4PORT``), or a code that the
        built-in lists or ``acronyms.allow`` accept anywhere.
        """
        if word in self._weighed:
            return self._weighed[word]
        stem = _stem(word)
        accepted = (
            word in self.defined
            or not is_acronym(word)
            or stem in self.defined
            or word in self.lists.always
            or (stem != word and (stem in self.allow or stem in self.lists.always))
        )
        conditional = self._conditional(word) or (stem != word and self._conditional(stem))
        self._weighed[word] = None if accepted else (stem, conditional)
        return self._weighed[word]

    def _conditional(self, code: str) -> bool:
        """Whether ``KnownCodes.knows`` may accept ``code`` somewhere (never where not)."""
        lists = self.lists
        return (
            code in lists.after_number
            or code in lists.next_to_number
            or code in lists.after_place
            or code in lists.in_date_format
            or any(code in compound for compound in lists.compounds)
        )


def is_acronym(word: str) -> bool:
    """2–6 characters, a capital first, only capitals and digits, at least two capitals;
    not a Roman numeral (``XIV``) nor a name from code (``P4PORT``)."""
    return (
        sum(char.isupper() for char in word) >= 2
        and not _ROMAN.fullmatch(word)
        and not _IDENTIFIER.search(word)
    )


def _build_vocabulary(ctx: CheckContext) -> _Vocabulary:
    """What the settings and glossary of the hub under check accept without a definition."""
    hub = ctx.hub
    allow = hub.config.acronyms_allow
    defined = set(allow)
    for forms in ctx.glossary_forms.values():
        for form in forms:
            if form.kind == "abbreviation" or (form.text.isupper() and " " not in form.text):
                defined.add(form.text)
    builtin = hub.config.acronyms_builtin
    return _Vocabulary(
        defined=frozenset(defined),
        allow=allow,
        lists=known_codes(builtin),
        words=frozenset(read_list("words")) if "words" in builtin else frozenset(),
        versions="formats" in builtin,
    )


@register(
    "TERM004",
    "term.undefined-acronym",
    Severity.ERROR,
    "An acronym is used that no glossary entry defines.",
    f"""
What it does: finds acronyms (a whole word of 2 to 6 capitals and digits with at least two
capitals, optionally inflected: `KPIs`; `IC1` and `IC2` count as `IC`) and flags those that
are not defined, once per file, at the first use that no suppression comment covers, with
the number of uses.

Defined: a glossary entry's abbreviation or all-capital form, `acronyms.allow`, or the same
page pairing it with words:

- `Net Revenue Retention (NRR)`, `\\(NRR\\)`, `("NRR")`, `(aka NRR)`, `(NRR for short)`:
  any words before the bracket (a list such as `(SSO, SCIM)` defines nothing);
- `*[NRR]: Net Revenue Retention` (abbreviation), or `NRR` alone on a line followed by
  `: Net Revenue Retention` (definition list): any words;
- `NRR (Net Revenue Retention)`, `NRR: ...`, `NRR - ...`, `NRR = ...` at the start of a line
  or list item, a table row with `NRR` alone in a cell: the words must spell it (first
  letter first, the others in order within a few words, two thirds of them starting a
  word: `TOFU: top of funnel`; in brackets also Title Case from its first letter:
  `SFDC (Salesforce)`);
- `Code Intelligence Platform, CIP`, `"New Business Meetings" or NBMs`, `... aka ABX`,
  `GLU GitLab University`: the initials of the words next to it are its letters.

`PMM: Alex Isken` or `SLA (see below)` define nothing.

Not acronyms: Roman numerals; names from code (`P4PORT`) or after a dot (`.NET`); a word in
a line without lowercase letters that holds an ordinary word (`READ THIS BEFORE THE QBR`)
or in a phrase of capitals with two ordinary words (`please DO NOT SHARE THE QBR`; `:` and
`,` end a phrase); contractions (`DON'T`); and the codes of these built-in lists, each
switched off with `acronyms: {{builtin: {{<list>: false}}}}` (all with `builtin: false`):

- `words`: English words in capitals (`NOTE`, `[!NOTE]`, `OR`, `README`, `TODO`); an
  ordinary word above is one of these or a capital word of 7 letters or more;
- `everyday`: read as words (`OK`, `FAQ`, `ASAP`, `TL;DR`, `ID`, `URL`, `CEO`, `VP`), well-known
  organisations (`IBM`), legal forms (`LLC`), products written in capitals (`JIRA`);
- `formats`: file formats (`PDF`, `CSV`, `PNG`) and a standard before its version (`UTF-8`);
- `time`: `AM`/`PM` after a time (`9:00 AM`), days, months, `FY24`, `YTD`, `YYYY-MM-DD`;
- `timezones`: `UTC`, `PST`, `CET`; two-letter ones (`PT`, `ET`) only after a time;
- `units`: only after a number (`500 KB`; a `KB` article is reported);
- `currencies`: ISO 4217; the 20 most traded (`USD`, `EUR`) anywhere, the others next to a
  number (`RSD 500`); `IRR`, `CVE`, `CRC`, `SSP`, `SDG`, `TMT`, `SVC` left out;
- `regions`: `US`, `UK`, `EU`, `EMEA`, `APAC`; US states only after a place (`Austin, TX`);
  two-letter country codes are not listed (`CI`, `PR`, `SE` are acronyms).

A listed or allowed code followed by a number counts as the code (`FY24`).

Why: an acronym a rep does not know is a question the customer will not ask.

Example that fails (no glossary entry for QBR):

    Book the QBR two weeks ahead.

Example that passes:

    Book the Quarterly Business Review (QBR) two weeks ahead.

Options: `acronyms: {{allow: [CEO, PDF], builtin: {{{", ".join(f"{name}: true" for name in BUILTIN_LISTS)}}}}}`
""",
)
def check_undefined_acronyms(ctx: CheckContext) -> Iterator[Finding]:
    # Built once per run: a streamed check runs the rule on each batch of files, over the
    # same settings and glossary, and building it walks every term's forms.
    vocabulary = ctx.of_glossary("acronym-vocabulary", lambda: _build_vocabulary(ctx))
    for source in ctx.sources():
        yield from _undefined_in(ctx, source, vocabulary)


def _inside_any(occurrences: list[Occurrence], position: int) -> bool:
    """Whether ``position`` lies inside one of the occurrences (in text order)."""
    index = bisect_right(occurrences, position, key=_start) - 1
    return index >= 0 and occurrences[index].start <= position < occurrences[index].end


_start = attrgetter("start")


def _ordinary(token: str, words: frozenset[str]) -> bool:
    """A word, not an acronym: listed, a contraction, or too long for an acronym."""
    return token in words or "'" in token or "’" in token or (len(token) > 6 and token.isalpha())


def _in_capitals_phrase(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """Whether the word at ``[start, end)`` stands in a run of capitals with 2+ ordinary words."""
    left = start
    while left and (
        text[left - 1] in _PHRASE_JOINERS or text[left - 1].isupper() or text[left - 1].isdigit()
    ):
        left -= 1
    right = end
    while right < len(text) and (
        text[right] in _PHRASE_JOINERS or text[right].isupper() or text[right].isdigit()
    ):
        right += 1
    if _only_joiners(text[left:start]) and _only_joiners(text[end:right]):
        return False  # most acronyms stand between blanks: no second word to count
    tokens = _CAPITAL_TOKEN.findall(text, left, right)
    return sum(_ordinary(token, words) for token in tokens) >= 2


def _only_joiners(text: str) -> bool:
    """Whether ``text`` holds nothing but what may join the words of a phrase."""
    return not text.strip(_PHRASE_JOINER_TEXT)


def _in_capitals_line(source: SourceFile, offset: int, words: frozenset[str]) -> bool:
    """Whether the file line has no lowercase letter and holds an ordinary word besides."""
    text = source.text
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end == -1 else line_end
    if _LOWER.search(text, line_start, line_end):
        return False
    return any(
        _ordinary(token, words) for token in _CAPITAL_TOKEN.findall(text, line_start, line_end)
    )


def _known(word: str, text: str, start: int, end: int, vocabulary: _Vocabulary) -> bool:
    """Whether a built-in list or ``acronyms.allow`` has the word (``FY24``: ``FY`` and a number)."""
    if vocabulary.lists.knows(word, text, start, end):
        return True
    base = _stem(word)
    return base != word and (
        base in vocabulary.allow or vocabulary.lists.knows(base, text, start, end)
    )


def _stem(word: str) -> str:
    """The acronym before a trailing number (``IC`` for ``IC3``, ``FY`` for ``FY24Q1``)."""
    base = _PERIOD_SUFFIX.sub("", word)
    return base if base != word and is_acronym(base) else word


def _uses(
    ctx: CheckContext, source: SourceFile, vocabulary: _Vocabulary
) -> tuple[dict[str, list[tuple[int, int, str]]], set[str]]:
    """Uses of undefined-looking acronyms by stem, as ``(start, end, word)`` file spans,
    and which of those stems and words the page defines."""
    uses: dict[str, list[tuple[int, int, str]]] = {}
    shaped: dict[str, list[re.Match[str]]] = {}  # acronym-shaped words, for definitions
    for region, occurrences in ctx.occurrences(source):
        text = region.text
        # One scan finds both the words a page may define (``SHAPED``) and its uses. A use is
        # a match of ``_ACRONYM``, which is ``SHAPED`` refusing a "." or "@" glued to a word
        # after it: the same match unless one follows. Where the two scans step differently,
        # the start follows a capital or digit, which no use does (``starts_word``).
        for match in acronym_definitions.SHAPED.finditer(text):
            word = match.group(1)
            weighed = vocabulary.to_weigh(word)
            if weighed is None:
                # Most acronym-shaped words: the glossary's, or listed ones. Nor is such a
                # word ever a used stem, whose definition is looked for: a stem accepted
                # anywhere makes its words accepted too.
                continue
            places = shaped.get(word)
            if places is None:
                shaped[word] = [match]
            else:
                places.append(match)
            start = match.start()
            if text.startswith((".", "@"), match.end()):
                match = _ACRONYM.match(text, start)  # glued to a domain or address: no use
                if match is None:
                    continue
            stem, conditional = weighed
            use = _use(source, region, occurrences, match, vocabulary, conditional)
            if use is not None:
                uses.setdefault(stem, []).append(use)
    if not uses:  # most files: what the page defines matters only for an acronym it uses
        return uses, set()
    # Only whether a used stem or word is defined on the page matters, so only those are
    # looked for: weighing every acronym-shaped word of the page was most of the rule's time.
    used = set(uses).union(word for places in uses.values() for _, _, word in places)
    on_page = acronym_definitions.in_source(source, only=used)
    return uses, on_page | acronym_definitions.paired(used - on_page, shaped)


def _use(
    source: SourceFile,
    region: TextRegion,
    occurrences: list[Occurrence],
    match: re.Match[str],
    vocabulary: _Vocabulary,
    conditional: bool,
) -> tuple[int, int, str] | None:
    """The file span and word of an acronym ``_ACRONYM`` matched in a region's text, if it is
    a use that needs a definition where it stands; its word needs one somewhere, and only
    where ``conditional`` may a built-in list accept it (``_Vocabulary.to_weigh``)."""
    text = region.text
    word = match.group(1)
    start, end = match.span()
    words = vocabulary.words
    if not starts_word(text, start):
        return None
    if start and text[start - 1] == ".":
        return None  # .NET: a name, and starts_word has already refused "x.NET"
    if occurrences and _inside_any(occurrences, start):
        return None  # part of a glossary form (".NET SDK"): the term rules speak for it
    if words and _CONTRACTION.match(text, match.end(1)):
        return None
    if vocabulary.versions and _VERSION.match(text, match.end(1)):
        return None
    if conditional and _known(word, text, start, match.end(1), vocabulary):
        return None
    file_start, file_end = region.file_span(start, end)
    if words and (
        _in_capitals_phrase(text, start, end, words) or _in_capitals_line(source, file_start, words)
    ):
        return None
    return file_start, file_end, word


def _undefined_in(
    ctx: CheckContext, source: SourceFile, vocabulary: _Vocabulary
) -> Iterator[Finding]:
    uses, on_page = _uses(ctx, source, vocabulary)
    suppressions = suppress.collect(source) if uses else []
    for stem, places in uses.items():
        places = sorted(place for place in places if place[2] not in on_page)
        if stem in on_page or not places:
            continue
        count = f" (used {len(places)} times)" if len(places) > 1 else ""
        message = (
            f"acronym '{stem}' is not defined{count}: add it to the glossary or to acronyms.allow, "
            f"or write it out once as 'Words In Full ({stem})'"
        )
        # Report the first use that no suppression covers. The covered uses before it are
        # reported too, so that suppression silences them and counts as used (no LINT001).
        for start, end, _ in places:
            finding = ctx.finding(check_undefined_acronyms, source, start, end, message)
            yield finding
            if not any(each.covers(finding) for each in suppressions):
                break
