"""VOICE rules: the brand's phrasing and tone, declared under ``voice:`` in the plugin options.

They read the same prose as the term rules (the loader's regions: code, URLs, HTML and
template expressions already left out) and apply to assets and playbooks, the pages that
speak for the company. Phrases, claims and pronouns are matched like glossary forms (whole
words, inflections, line breaks, markup between words); a mention in quotation marks is not
a use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.matcher import (
    Form,
    Occurrence,
    TermMatcher,
    is_name,
    leftmost_longest,
    starts_word,
)
from smarthub.model import SourceFile, TextRegion
from smarthub.voice.settings import VoiceSettings

# ``smarthub.voice.prose`` (sentences, words, syllables) is imported where a rule first
# needs it: a hub without voice settings never does, and its import cost every check 2 ms.
if TYPE_CHECKING:
    from smarthub.voice.prose import Prose

_VOICED_KINDS = ("asset", "playbook")
_AFTER_EXCLAMATION = "\x00\"'”’)]*_"  # what may follow a "!" that ends a sentence


def _voiced(ctx: CheckContext) -> list[tuple[SourceFile, object]]:
    """The assets and playbooks to check, with their entries: looked up once per run."""

    def voiced() -> list[tuple[SourceFile, object]]:
        found = []
        for source in ctx.sources():
            if source.kind in _VOICED_KINDS:
                entry = ctx.hub.entry_for(source)
                if entry is not None:
                    found.append((source, entry))
        return found

    return ctx.shared("voice-sources", voiced)


def _voiced_sources(ctx: CheckContext) -> Iterator[SourceFile]:
    for source, _entry in _voiced(ctx):
        yield source


class _WordLists:
    """The hub's word lists (phrases, claims, pronouns), matched with the glossary's rules.

    Each entry becomes a form of a ``TermMatcher``, one matcher per list, so a phrase
    behaves exactly like a glossary form and one list never hides another's match (each
    keeps its own leftmost-longest choice). An entry written in capitals only (``I``) is
    matched as an abbreviation is, in that case only, so ``I`` never matches ``i.e.``.

    Where the lists' forms may begin is searched once per region for all of them with
    ``str.find``: each form's first word, in the lower-cased text (as written, for a form
    matched in its case only), standing as a whole word or with a glued ``s``/``es``, as
    the matcher allows. That is a superset of the positions the matchers' own start search
    yields, and each list's ``match_at`` decides there; that search tests two look-behinds
    at every character, and three passes of it cost four times as much. Forms that are not
    ASCII, and texts whose lower case changes their length, take the matchers' own way.
    """

    def __init__(self, lists: dict[str, tuple[str, ...]]) -> None:
        self.entries = {name: entries for name, entries in lists.items() if entries}
        self.matchers = {
            name: TermMatcher.of_forms(
                Form(
                    str(index),
                    entry,
                    "abbreviation" if entry.isupper() else "term",
                    name=is_name(entry),
                )
                for index, entry in enumerate(entries)
            )
            for name, entries in self.entries.items()
        }
        self._plain = all(entry.isascii() for entries in lists.values() for entry in entries)
        any_case: dict[str, set[str]] = {}
        exact: dict[str, set[str]] = {}
        for name, entries in self.entries.items():
            for entry in entries:
                first = _FIRST_TOKEN.match(entry.strip())
                if first is None:
                    continue
                token = first.group()
                if not _is_word(token):
                    for symbol in {token, "’" if token == "'" else token}:
                        exact.setdefault(symbol, set()).add(name)
                elif entry.isupper():
                    exact.setdefault(token, set()).add(name)
                else:
                    any_case.setdefault(token.lower(), set()).add(name)
        self._any_case = any_case
        self._exact = exact
        self._keys: dict[frozenset[str], list[tuple[str, set[str], bool, bool]]] = {}

    def _keys_of(self, wanted: frozenset[str]) -> list[tuple[str, set[str], bool, bool]]:
        """The keys to search for the ``wanted`` lists: key, lists, is a word, in any case."""
        return [
            (key, names & wanted, _is_word(key), any_case)
            for keys, any_case in ((self._any_case, True), (self._exact, False))
            for key, names in keys.items()
            if names & wanted
        ]

    def find(
        self, region: TextRegion, wanted: frozenset[str]
    ) -> dict[str, list[tuple[str, Occurrence]]]:
        """The uses of the ``wanted`` lists' entries in the region (not those in quotation
        marks), with the entry."""
        text = region.text
        found: dict[str, list[Occurrence]] = {}
        keys = self._keys.get(wanted)
        if keys is None:
            keys = self._keys[wanted] = self._keys_of(wanted)
        plain = text
        if not text.isascii() and "\u0130" not in text and "\u212a" not in text:
            # Each other non-ASCII character as "?", which no key holds: the same offsets,
            # and str.find scans a text of one byte a character several times faster.
            plain = text.encode("ascii", "replace").decode("ascii")
        lowered = plain.lower() if self._plain and any(item[3] for item in keys) else plain
        if self._plain and len(lowered) == len(text):
            starts: dict[int, set[str]] = {}
            for key, names, word, any_case in keys:
                # The curly apostrophe, a key for "'", is only in the text itself.
                searched = lowered if any_case else plain if key.isascii() else text
                after = len(key)
                position = searched.find(key)
                while position != -1:
                    if (not word or _word_ends(searched, position + after)) and starts_word(
                        text, position
                    ):
                        starts.setdefault(position, set()).update(names)
                    position = searched.find(key, position + 1)
            candidates: dict[str, list[Occurrence]] = {}
            for position in sorted(starts):
                for name in starts[position]:
                    occurrence = self.matchers[name].match_at(text, position)
                    if occurrence is not None:
                        candidates.setdefault(name, []).append(occurrence)
            found = {name: leftmost_longest(items) for name, items in candidates.items()}
        else:
            found = {
                name: matcher.find(text)
                for name, matcher in self.matchers.items()
                if name in wanted
            }
        quoted = region.in_quotes if region.quotes else None
        return {
            name: [
                (self.entries[name][int(occurrence.form.term_id)], occurrence)
                for occurrence in occurrences
                if quoted is None or not quoted(occurrence.start, occurrence.end)
            ]
            for name, occurrences in found.items()
        }


_FIRST_TOKEN = re.compile(r"[^\W_]+|\S")


def _is_word(token: str) -> bool:
    return token[0].isalnum()


def _word_ends(text: str, end: int) -> bool:
    """Whether a word ends at ``end``, perhaps after a glued ``s`` or ``es``."""
    for glue in (0, 1, 2):
        after = end + glue
        if glue and text[end:after].lower() not in ("s", "es"):
            continue
        if after >= len(text) or not text[after].isalnum():
            return True
    return False


class _VoiceLists:
    """What the hub's word lists find per region of the files of one run (or one batch)."""

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings
        self.words = _compiled_lists(settings)
        self.phrase_by_text = {phrase.text: phrase for phrase in settings.phrases}
        # Regions live as long as the run's context, and each is kept with what was found
        # in it, so an id is never reused for another region while its entry exists.
        self._found: dict[int, tuple[TextRegion, dict[str, list[tuple[str, Occurrence]]]]] = {}

    def found(self, region: TextRegion, name: str, entry: object) -> list[tuple[str, Occurrence]]:
        """Uses of the entries of list ``name`` in a region of ``entry``'s file.

        The lists that apply to the file are searched together, once per region: the
        pronouns only in the asset types ``voice.pronouns.types`` names.
        """
        cached = self._found.get(id(region))
        if cached is None or cached[0] is not region:
            wanted = self._wanted(entry)
            cached = self._found[id(region)] = (region, self.words.find(region, wanted))
        return cached[1].get(name, [])

    def _wanted(self, entry: object) -> frozenset[str]:
        types = self.settings.pronouns_types
        if types and getattr(entry, "type", None) not in types:
            return _NOT_PRONOUNS
        return _EVERY_LIST


_EVERY_LIST = frozenset(["phrases", "claims", "pronouns"])
_NOT_PRONOUNS = frozenset(["phrases", "claims"])


_COMPILED: list[tuple[VoiceSettings, _WordLists]] = []  # the last settings' lists


def _compiled_lists(settings: VoiceSettings) -> _WordLists:
    """The word lists of ``settings``, compiled once however many batches or runs use them.

    A streamed check gives each batch of files a fresh context; the lists depend on the
    configuration only, so they are kept for the last settings object seen.
    """
    if _COMPILED and _COMPILED[0][0] is settings:
        return _COMPILED[0][1]
    words = _WordLists(
        {
            "phrases": tuple(phrase.text for phrase in settings.phrases),
            "claims": settings.unproven_claims,
            "pronouns": settings.pronouns,
        }
    )
    _COMPILED[:] = [(settings, words)]
    return words


def _lists(ctx: CheckContext) -> _VoiceLists:
    return ctx.shared("voice-lists", lambda: _VoiceLists(ctx.hub.config.voice))


def _with_case_of(written: str, replacement: str) -> str:
    if written[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


@register(
    "VOICE001",
    "voice.phrase",
    Severity.WARNING,
    "A phrase the brand voice avoids is used.",
    """
What it does: flags the phrases listed under `voice.phrases` in assets and playbooks,
matched like glossary forms (whole words, plurals, across line breaks and markup; not in
code, URLs or quotation marks), with the entry's reason and what to say instead. An entry
with `replace:` is a literal substitution that `--fix` applies; `instead:` is advice.

Why: "best-in-class" and "synergy" make every vendor sound alike; the brand guide says
what we say instead, and this keeps it said.

Example that fails (`voice: {phrases: [{text: best-in-class, reason: a claim without proof}]}`):

    Our best-in-class approvals save you time.

Example that passes:

    Approvals take two days instead of nine.
""",
    fixable=True,
)
def check_phrases(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.hub.config.voice.phrases:
        return
    lists = _lists(ctx)
    for source, entry in _voiced(ctx):
        for region in source.regions:
            for text, occurrence in lists.found(region, "phrases", entry):
                phrase = lists.phrase_by_text[text]
                written = " ".join(occurrence.text.split())
                why = f" ({phrase.reason})" if phrase.reason else ""
                suggestion = None
                advice = ""
                if phrase.replace:
                    suggestion = _with_case_of(written, phrase.replace + occurrence.inflection)
                    advice = f": use '{suggestion}'"
                elif phrase.instead:
                    advice = f": {phrase.instead}"
                yield ctx.region_finding(
                    check_phrases,
                    source,
                    region,
                    occurrence.start,
                    occurrence.end,
                    f"'{written}' is not our voice{why}{advice}",
                    suggestion,
                    fixable=suggestion is not None,
                )


@register(
    "VOICE002",
    "voice.sentence-length",
    Severity.WARNING,
    "A sentence is longer than voice.max_sentence_words.",
    """
What it does: counts the words of every sentence in assets and playbooks (headings, code
and URLs left out) and flags those longer than `voice.max_sentence_words`. A sentence ends
at `.`, `!` or `?` followed by a space, or where its paragraph, list item or table cell
ends. Off when the option is absent or 0.

Why: a rep reading between calls, and a buyer reading on a phone, lose long sentences.

Example that fails (`voice: {max_sentence_words: 12}`):

    Ledger Core reads every invoice, matches it to the purchase order and the receipt, and routes it.

Example that passes:

    Ledger Core reads every invoice. It matches each one to its order and routes it.
""",
)
def check_sentence_length(ctx: CheckContext) -> Iterator[Finding]:
    limit = ctx.hub.config.voice.max_sentence_words
    if not limit:
        return
    for source, entry in _voiced(ctx):
        for region in _body_regions(source):
            prose = _prose(ctx).of(region, entry)
            for joined_start, joined_end, count in prose.long:
                start, end = prose.region_span(region.text, joined_start, joined_end)
                yield ctx.region_finding(
                    check_sentence_length,
                    source,
                    region,
                    start,
                    end,
                    f"sentence of {count} words (the limit is {limit}): split it or cut words",
                )


def _body_regions(source: SourceFile) -> Iterator[TextRegion]:
    # The body only: a title or summary is one line of front matter, not running prose.
    for region in source.regions:
        if region.file_starts[0] >= source.body_start:
            yield region


class _Prose:
    """Each region split into sentences once per run, for the three rules that read them."""

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings
        self.longer_than = settings.max_sentence_words
        # Each region is kept with its result, so its id cannot be reused while cached.
        self._split: dict[int, tuple[TextRegion, Prose]] = {}

    def of(self, region: TextRegion, entry: object) -> Prose:
        """The sentences of a region of ``entry``'s file, split on first use.

        Words and syllables are counted only in the files VOICE004 grades: those of an
        asset type (or the default) that ``voice.reading_grade`` sets a limit for.
        """
        cached = self._split.get(id(region))
        if cached is not None and cached[0] is region:
            return cached[1]
        from smarthub.voice.prose import split

        graded = self.settings.grade_for(getattr(entry, "type", None)) is not None
        prose = split(region, count_words=graded, longer_than=self.longer_than)
        self._split[id(region)] = (region, prose)
        return prose


def _prose(ctx: CheckContext) -> _Prose:
    return ctx.shared("voice-prose", lambda: _Prose(ctx.hub.config.voice))


@register(
    "VOICE003",
    "voice.exclamation",
    Severity.WARNING,
    "An asset has more exclamation marks than voice.max_exclamations.",
    """
What it does: counts the exclamation marks that end sentences in each asset or playbook
(a run such as `!!` counts once; code and URLs are not counted) and flags every one past
`voice.max_exclamations`. Off when the option is absent.

Why: one exclamation mark can be warmth; three in an email read as a sales pitch.

Example that fails (`voice: {max_exclamations: 1}`):

    Great to meet you! Ledger Core is live in 45 days! Let's talk!

Example that passes:

    Great to meet you! Ledger Core is live in 45 days. Shall we talk on Tuesday?
""",
)
def check_exclamations(ctx: CheckContext) -> Iterator[Finding]:
    limit = ctx.hub.config.voice.max_exclamations
    if limit is None:
        return
    for source in _voiced_sources(ctx):
        count = 0
        for region in source.regions:
            text = region.text
            position = text.find("!")
            while position != -1:
                end = position + 1
                while end < len(text) and text[end] == "!":
                    end += 1
                if end == len(text) or text[end] in _AFTER_EXCLAMATION or text[end].isspace():
                    count += 1
                    if count > limit:
                        yield ctx.region_finding(
                            check_exclamations,
                            source,
                            region,
                            position,
                            end,
                            f"exclamation mark number {count} in this file (the limit is {limit}): "
                            "end the sentence with a full stop",
                        )
                position = text.find("!", end)


@register(
    "VOICE004",
    "voice.reading-level",
    Severity.WARNING,
    "An asset reads above the grade voice.reading_grade sets for its type.",
    """
What it does: computes the Flesch–Kincaid grade of the body of each asset and playbook
(sentences as VOICE002 counts them; a syllable per group of vowels, less a silent final
`e`, which agrees with the CMU Pronouncing Dictionary on a page's grade to 0.2 on
average) and flags a file above `voice.reading_grade` for its asset type (or its
`default`, which playbooks use). Files with fewer than `voice.min_words_for_grade` words
(100 by default) are too short to grade and are not checked. The finding points at the
first sentence.

Why: buyers skim. An email at grade 14 is read by fewer people than one at grade 8.

Example that fails (`voice: {reading_grade: {default: 8}}`, with 100 words like these):

    Comprehensive reconciliation functionality necessitates organizational standardization.

Example that passes:

    Ledger Core matches each invoice to its order. Your team checks what is left.
""",
)
def check_reading_level(ctx: CheckContext) -> Iterator[Finding]:
    settings = ctx.hub.config.voice
    if not settings.reading_grade:
        return
    from smarthub.voice.prose import flesch_kincaid_grade

    for source, entry in _voiced(ctx):
        limit = settings.grade_for(getattr(entry, "type", None))
        if limit is None:
            continue
        found = [(region, _prose(ctx).of(region, entry)) for region in _body_regions(source)]
        if sum(prose.words for _, prose in found) < settings.min_words_for_grade:
            continue
        grade = flesch_kincaid_grade(
            sum(len(prose.spans) for _, prose in found),
            sum(prose.graded_words for _, prose in found),
            sum(prose.syllables for _, prose in found),
        )
        if grade > limit:
            region, prose = next((region, prose) for region, prose in found if prose.spans)
            start, end = prose.region_span(region.text, *prose.spans[0])
            kind = getattr(entry, "type", None) or source.kind
            yield ctx.region_finding(
                check_reading_level,
                source,
                region,
                start,
                end,
                f"reads at grade {grade:.1f} (Flesch–Kincaid); the limit for {kind} is "
                f"{limit:g}: use shorter sentences and plainer words",
            )


@register(
    "VOICE005",
    "voice.unproven-claim",
    Severity.WARNING,
    "A claim word is used in a sentence with no number or footnote to back it.",
    """
What it does: flags the words listed under `voice.unproven_claims` (`fastest`, `#1`,
`leading`, `guaranteed`) in assets and playbooks when the sentence they stand in has no
digit and no footnote reference (`[^1]`) other than the claim itself. Matched like glossary
forms; not in code, URLs or quotation marks.

Why: a superlative without a source is the first thing a finance buyer discounts, and some
claims need legal review.

Example that fails (`voice: {unproven_claims: [fastest]}`):

    The fastest way to close the books.

Example that passes:

    The fastest close among our customers: 3.2 days on average in 2025.[^1]
""",
)
def check_unproven_claims(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.hub.config.voice.unproven_claims:
        return
    lists = _lists(ctx)
    for source, entry in _voiced(ctx):
        for region in source.regions:
            claims = lists.found(region, "claims", entry)
            if not claims:
                continue
            spans = list(_prose(ctx).of(region, entry).region_spans(region.text)) or [
                (0, len(region.text))
            ]
            for _text, occurrence in claims:
                start, end = next(
                    (span for span in spans if span[0] <= occurrence.start < span[1]),
                    (occurrence.start, occurrence.end),
                )
                if _backed(source, region, start, end, occurrence):
                    continue
                yield ctx.region_finding(
                    check_unproven_claims,
                    source,
                    region,
                    occurrence.start,
                    occurrence.end,
                    f"'{' '.join(occurrence.text.split())}' is a claim: back it with a number "
                    "or a footnote in the same sentence, or say what the product does",
                )


def _backed(
    source: SourceFile, region: TextRegion, start: int, end: int, claim: Occurrence
) -> bool:
    from smarthub.voice.prose import has_number

    text = region.text
    if has_number(text[start : claim.start]) or has_number(text[claim.end : end]):
        return True
    file_start, file_end = region.file_span(start, max(end, start + 1))
    return "[^" in source.text[file_start : file_end + 8]  # a footnote right after the stop


_NUMBERED = frozenset(
    [
        "phase",
        "part",
        "step",
        "type",
        "tier",
        "level",
        "stage",
        "chapter",
        "class",
        "section",
        "volume",
        "round",
        "series",
        "act",
        "war",
    ]
)


def _not_a_pronoun(text: str, occurrence: Occurrence) -> bool:
    """``Is``, ``I/O``, ``I-9`` and the Roman one of ``Phase I`` are not the pronoun."""
    before = text[occurrence.start - 1] if occurrence.start else " "
    after = text[occurrence.end] if occurrence.end < len(text) else " "
    if before in "/-" or after in "/-":
        return True
    previous = text[max(0, occurrence.start - 12) : occurrence.start].split()
    return bool(previous) and previous[-1].casefold() in _NUMBERED


@register(
    "VOICE006",
    "voice.pronoun",
    Severity.WARNING,
    "A pronoun the brand voice avoids is used.",
    """
What it does: flags the pronouns listed under `voice.pronouns.avoid` in assets and
playbooks, with `voice.pronouns.reason`. An entry in capitals (`I`) matches only in
capitals; others match in any case; a pronoun is matched without plural or possessive
endings (`I` never matches `Is`). Not in code, URLs or quotation marks (a customer's quoted
words are theirs). `voice.pronouns.types` limits the rule to some asset types (an email
from a rep may say "I"; a one-pager speaks for the company); playbooks are checked when
the list is empty.

Why: the company speaks as "we"; an asset written as "I" reads as one rep's opinion.

Example that fails (`voice: {pronouns: {avoid: [I], reason: we write as the company}}`):

    I think Ledger Core fits your team.

Example that passes:

    We built Ledger Core for teams like yours.
""",
)
def check_pronouns(ctx: CheckContext) -> Iterator[Finding]:
    settings = ctx.hub.config.voice
    if not settings.pronouns:
        return
    lists = _lists(ctx)
    why = f": {settings.pronouns_reason}" if settings.pronouns_reason else ""
    for source, entry in _voiced(ctx):
        asset_type = getattr(entry, "type", None)
        if settings.pronouns_types and asset_type not in settings.pronouns_types:
            continue
        for region in source.regions:
            for _text, occurrence in lists.found(region, "pronouns", entry):
                if occurrence.inflection or _not_a_pronoun(region.text, occurrence):
                    continue
                yield ctx.region_finding(
                    check_pronouns,
                    source,
                    region,
                    occurrence.start,
                    occurrence.end,
                    f"'{occurrence.text}' is not our voice{why}",
                )
