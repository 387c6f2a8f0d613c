"""VOICE rules: the brand's phrasing and tone, declared under ``voice:`` in the plugin options.

They read the same prose as the term rules (the loader's regions: code, URLs, HTML and
template expressions already left out) and apply to assets and playbooks, the pages that
speak for the company. Phrases, claims and pronouns are matched like glossary forms (whole
words, inflections, line breaks, markup between words); a mention in quotation marks is not
a use.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.matcher import Form, Occurrence, TermMatcher, is_name
from smarthub.model import SourceFile, TextRegion
from smarthub.voice.prose import Sentence, flesch_kincaid_grade, has_number, sentences
from smarthub.voice.settings import VoicePhrase, VoiceSettings

_VOICED_KINDS = ("asset", "playbook")
_AFTER_EXCLAMATION = "\x00\"'”’)]*_"  # what may follow a "!" that ends a sentence


def _voiced_sources(ctx: CheckContext) -> Iterator[SourceFile]:
    for source in ctx.sources():
        if source.kind in _VOICED_KINDS and ctx.hub.entry_for(source) is not None:
            yield source


class _WordList:
    """Words or phrases matched with the glossary's matching rules.

    Each entry becomes a form of the shared ``TermMatcher``, so a phrase behaves exactly
    like a glossary form. An entry written in capitals only (``I``) is matched as an
    abbreviation is, in that case only, so ``I`` never matches the ``i`` of ``i.e.``.
    """

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.entries = entries
        self.matcher = TermMatcher.of_forms(
            Form(
                str(index),
                entry,
                "abbreviation" if entry.isupper() else "term",
                name=is_name(entry),
            )
            for index, entry in enumerate(entries)
        )

    def find(self, region: TextRegion) -> Iterator[tuple[str, Occurrence]]:
        """Each use of an entry in the region (not those in quotation marks), with the entry."""
        for occurrence in self.matcher.find(region.text):
            if not region.in_quotes(occurrence.start, occurrence.end):
                yield self.entries[int(occurrence.form.term_id)], occurrence


class _VoiceLists:
    """The hub's word lists, compiled once per check run."""

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings

    @cached_property
    def phrases(self) -> _WordList:
        return _WordList(tuple(phrase.text for phrase in self.settings.phrases))

    @cached_property
    def phrase_by_text(self) -> dict[str, VoicePhrase]:
        return {phrase.text: phrase for phrase in self.settings.phrases}

    @cached_property
    def claims(self) -> _WordList:
        return _WordList(self.settings.unproven_claims)

    @cached_property
    def pronouns(self) -> _WordList:
        return _WordList(self.settings.pronouns)


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
    lists = _lists(ctx)
    if not ctx.hub.config.voice.phrases:
        return
    for source in _voiced_sources(ctx):
        for region in source.regions:
            for text, occurrence in lists.phrases.find(region):
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
    for source in _voiced_sources(ctx):
        for region, sentence in _sentences_of(ctx, source):
            if len(sentence.words) > limit:
                yield ctx.region_finding(
                    check_sentence_length,
                    source,
                    region,
                    sentence.start,
                    sentence.end,
                    f"sentence of {len(sentence.words)} words (the limit is {limit}): "
                    "split it or cut words",
                )


def _sentences_of(ctx: CheckContext, source: SourceFile) -> Iterator[tuple[TextRegion, Sentence]]:
    # The body only: a title or summary is one line of front matter, not running prose.
    for region in source.regions:
        if region.file_starts[0] >= source.body_start:
            for sentence in _region_sentences(ctx, region):
                yield region, sentence


def _region_sentences(ctx: CheckContext, region: TextRegion) -> list[Sentence]:
    """A region's sentences, split once per run for the three rules that read them."""
    split: dict[int, list[Sentence]] = ctx.shared("voice-sentences", dict)
    found = split.get(id(region))  # regions live as long as the run's hub: ids stay unique
    if found is None:
        found = split[id(region)] = list(sentences(region))
    return found


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
(sentences as VOICE002 counts them, syllables from Pyphen's English hyphenation
dictionary) and flags a file above `voice.reading_grade` for its asset type (or its
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
    for source in _voiced_sources(ctx):
        entry = ctx.hub.entry_for(source)
        limit = settings.grade_for(getattr(entry, "type", None))
        if limit is None:
            continue
        found = list(_sentences_of(ctx, source))
        words = [sentence.words for _, sentence in found]
        if sum(len(sentence) for sentence in words) < settings.min_words_for_grade:
            continue
        grade = flesch_kincaid_grade(words)
        if grade > limit:
            region, first = found[0]
            kind = getattr(entry, "type", None) or source.kind
            yield ctx.region_finding(
                check_reading_level,
                source,
                region,
                first.start,
                first.end,
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
    lists = _lists(ctx)
    if not ctx.hub.config.voice.unproven_claims:
        return
    for source in _voiced_sources(ctx):
        for region in source.regions:
            claims = list(lists.claims.find(region))
            if not claims:
                continue
            spans = [(s.start, s.end) for s in _region_sentences(ctx, region)] or [
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
    for source in _voiced_sources(ctx):
        asset_type = getattr(ctx.hub.entry_for(source), "type", None)
        if settings.pronouns_types and asset_type not in settings.pronouns_types:
            continue
        for region in source.regions:
            for _text, occurrence in lists.pronouns.find(region):
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
