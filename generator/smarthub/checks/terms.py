"""Term rules: the glossary compiled into avoided, deprecated and casing checks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.checks.suggestion import Suggestion, is_spelling, replacement
from smarthub.findings import Finding, Severity
from smarthub.matcher import ENGLISH_PREFIXES, Occurrence
from smarthub.model import SourceFile, Term, TextRegion

_Use = tuple[SourceFile, TextRegion, Occurrence, Term]


def _term_occurrences(ctx: CheckContext, rule: str) -> Iterator[_Use]:
    """The term occurrences ``rule`` (avoided, deprecated, casing) judges: uses, not mentions.

    A form inside quotation marks is mentioned (we say email, never "e-mail"), not used,
    unless the hub sets ``check_quoted_terms``. Each file's uses are sorted out once, by the
    first of the three rules to ask, into what each rule looks at.
    """
    judged: dict[int, dict[str, list[_Use]]] = ctx.shared("term-uses", dict)
    for source in ctx.sources():
        uses = judged.get(id(source))
        if uses is None:
            uses = judged[id(source)] = _sorted_uses(ctx, source)
        yield from uses[rule]


def _sorted_uses(ctx: CheckContext, source: SourceFile) -> dict[str, list[_Use]]:
    uses: dict[str, list[_Use]] = {"avoided": [], "deprecated": [], "casing": []}
    judged = ctx.of_glossary("judged-terms", lambda: _judged_terms(ctx))
    check_quoted = ctx.hub.config.check_quoted_terms
    terms = ctx.hub.terms
    own_id = source.id if source.kind == "term" else None
    for region, occurrences in ctx.occurrences(source):
        quotes = region.quotes and not check_quoted
        for occurrence in occurrences:
            form = occurrence.form
            term_id = form.term_id  # the term's id: the glossary's key for it
            # Most occurrences are accepted forms of current terms in any case: no rule
            # judges them, so they are passed over before anything else is asked.
            if form.kind != "avoid" and term_id not in judged:
                continue
            if term_id == own_id:
                continue  # an entry explains its own forms, "don't say" list included
            if quotes and region.in_quotes(occurrence.start, occurrence.end):
                continue
            term = terms[term_id]
            use = (source, region, occurrence, term)
            if form.kind == "avoid":
                uses["avoided"].append(use)
                continue
            if term.status == "deprecated":
                uses["deprecated"].append(use)
            if term.casing != "any" and form.kind in ("term", "alias"):
                uses["casing"].append(use)
    return uses


def _judged_terms(ctx: CheckContext) -> frozenset[str]:
    """Ids of the terms whose accepted forms a rule judges: deprecated terms, fixed casings."""
    return frozenset(
        term_id
        for term_id, term in ctx.hub.terms.items()
        if term.status == "deprecated" or term.casing != "any"
    )


def _prefixed(region: TextRegion, occurrence: Occurrence) -> bool:
    """A phrase glued to an English prefix is another phrase: a pre-sales engineer is no sales engineer.

    For the words we say (avoided and deprecated forms) only; a name keeps its spelling in a
    compound, so ``non-hubspot`` is still written ``non-HubSpot`` (TERM003).
    """
    text = region.text
    start = occurrence.start
    if start < 2 or text[start - 1] != "-" or " " not in occurrence.form.text:
        return False  # one word keeps its meaning in a compound: pre-e-mail is about e-mail
    word_start = start - 1
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return text[word_start : start - 1].casefold() in ENGLISH_PREFIXES


def _shown(occurrence: Occurrence) -> str:
    """The occurrence as a message quotes it: whitespace runs (line breaks) as one space."""
    return " ".join(occurrence.text.split())


def _target(ctx: CheckContext, term: Term) -> Term | None:
    """The term to write instead: a deprecated term's replacement, followed to its end."""
    seen = {term.id}
    while term.status == "deprecated":
        replacement = ctx.hub.terms.get(term.replaced_by or "")
        if replacement is None or replacement.id in seen:
            return None
        seen.add(replacement.id)
        term = replacement
    return term


def _suggest(region: TextRegion, occurrence: Occurrence, target: Term) -> Suggestion:
    return replacement(
        occurrence,
        target,
        at_sentence_start=_at_sentence_start(region, occurrence.start),
        in_capitals=_in_capitals_label(region, occurrence),
    )


@register(
    "TERM001",
    "term.avoided",
    Severity.ERROR,
    "A form the glossary lists under 'avoid' is used.",
    """
What it does: flags every use of a form that a glossary entry lists under `avoid`, and
suggests the entry's term in the writer's case and inflection: `close rates` ->
`win rates` mid-sentence, `Close rate` -> `Win rate` at a sentence start, `CLOSE RATE` ->
`WIN RATE`; an acronym (`BDR`) becomes the term's abbreviation (`SDR`); a spelling such
as `HubSpot` is kept as written. For a deprecated entry, the suggestion is its
replacement. An irregular plural (`salespeople`) is suggested but not fixed.

Why: the teams agreed on one word for one thing. A forbidden synonym in a deck or an email
makes the two teams mean different things by the same number.

Example that fails (glossary: `term: email`, `avoid: [e-mail]`):

    Send the follow-up e-mail within a day.

Example that passes:

    Send the follow-up email within a day.
""",
    fixable=True,
)
def check_avoided(ctx: CheckContext) -> Iterator[Finding]:
    for source, region, occurrence, term in _term_occurrences(ctx, "avoided"):
        form = occurrence.form
        if _prefixed(region, occurrence):
            continue
        suggestion = _suggest(region, occurrence, _target(ctx, term) or term)
        why = f" ({form.reason})" if form.reason else ""
        yield ctx.region_finding(
            check_avoided,
            source,
            region,
            occurrence.start,
            occurrence.end,
            f"'{_shown(occurrence)}' is not our language{why}: use '{suggestion.text}'",
            suggestion.text,
            fixable=suggestion.safe,
        )


@register(
    "TERM002",
    "term.deprecated",
    Severity.WARNING,
    "A form of a deprecated term is used.",
    """
What it does: flags any form of a glossary entry whose `status` is `deprecated`, and
suggests the term named by its `replaced_by`.

Why: deprecating a term is how the teams retire a definition (a renamed lifecycle stage, a
product name that changed) without breaking every page at once; this shows what is left.

Example that fails (glossary: `sales-ready-lead` deprecated, `replaced_by: sales-qualified-lead`):

    Route every sales-ready lead to the account executive.

Example that passes:

    Route every sales qualified lead to the account executive.
""",
    fixable=True,
)
def check_deprecated(ctx: CheckContext) -> Iterator[Finding]:
    for source, region, occurrence, term in _term_occurrences(ctx, "deprecated"):
        if _prefixed(region, occurrence):
            continue
        target = _target(ctx, term)
        suggestion = None if target is None else _suggest(region, occurrence, target)
        advice = f"'{term.term}' is deprecated"
        if suggestion is not None:
            advice += f": use '{suggestion.text}'"
        yield ctx.region_finding(
            check_deprecated,
            source,
            region,
            occurrence.start,
            occurrence.end,
            f"'{_shown(occurrence)}': {advice}" if _shown(occurrence) != term.term else advice,
            suggestion and suggestion.text,
            fixable=suggestion is not None and suggestion.safe,
        )


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+$")
_OPENERS = "\"'“‘(["


@register(
    "TERM003",
    "term.casing",
    Severity.ERROR,
    "A term is written in a case its casing policy does not allow.",
    """
What it does: checks the case of terms whose glossary entry sets `casing`:

- `exact`: every use must equal the term or one alias exactly (`Hubspot` -> `HubSpot`);
- `sentence`: like exact, but the first letter may be a capital at a sentence start (the
  first word of a paragraph, heading, list item or table cell, or after `.`, `!` or `?`
  and a space), and every word may start with a capital inside a heading (Title Case);
- `any` (the default): never flags case.

Why: product and brand names written one way are part of the brand; lifecycle terms
written one way are easier to search for.

Example that fails (glossary: `term: Ledger Core`, `casing: exact`):

    Ledger core syncs approved invoices to the ERP.

Example that passes:

    Ledger Core syncs approved invoices to the ERP.
""",
    fixable=True,
)
def check_casing(ctx: CheckContext) -> Iterator[Finding]:
    for source, region, occurrence, term in _term_occurrences(ctx, "casing"):
        written = " ".join(occurrence.stem.split())
        if _in_capitals_label(region, occurrence):
            continue
        expected = next(
            (form for form in term.accepted_forms if form.casefold() == written.casefold()),
            occurrence.form.text,
        )
        if term.casing == "sentence":
            if not is_spelling(expected, term):  # `Win rate` is a title: `win rate` in a sentence
                expected = expected[:1].lower() + expected[1:]
            if written == expected or _sentence_case_allows(
                written, expected, region, occurrence.start
            ):
                continue
        elif written in term.accepted_forms:
            continue
        suggestion = expected
        if term.casing == "sentence" and _at_sentence_start(region, occurrence.start):
            suggestion = expected[0].upper() + expected[1:]
        suggestion += occurrence.inflection
        yield ctx.region_finding(
            check_casing,
            source,
            region,
            occurrence.start,
            occurrence.end,
            f"'{_shown(occurrence)}' is written '{suggestion}' ({term.casing} casing)",
            suggestion,
            fixable=True,
        )


_LABEL_BOUNDARY = frozenset("\n\x00:;.!?|()[]")


def _in_capitals_label(region: TextRegion, occurrence: Occurrence) -> bool:
    """A form in capitals inside a label or line written all in capitals (``CONFIDENTIAL``).

    Capitals there are the label's style, not the writer's spelling of the term.
    """
    stem = occurrence.stem
    if not (any(char.isalpha() for char in stem) and stem.upper() == stem):
        return False
    text = region.text
    before = occurrence.start
    while before > 0 and text[before - 1] not in _LABEL_BOUNDARY:
        if text[before - 1].islower():
            return False
        before -= 1
    after = occurrence.end
    while after < len(text) and text[after] not in _LABEL_BOUNDARY:
        if text[after].islower():
            return False
        after += 1
    return True


def _sentence_case_allows(written: str, expected: str, region: TextRegion, start: int) -> bool:
    if _at_sentence_start(region, start) and written == expected[0].upper() + expected[1:]:
        return True
    if region.in_heading(start):
        written_words = re.split(r"([\s\-/]+)", written)
        expected_words = re.split(r"([\s\-/]+)", expected)
        return len(written_words) == len(expected_words) and all(
            have == want or have == want[:1].upper() + want[1:]
            for have, want in zip(written_words, expected_words, strict=True)
        )
    return False


def _at_sentence_start(region: TextRegion, start: int) -> bool:
    """First word of a block, or after ``.``, ``!`` or ``?`` and whitespace (quotes allowed)."""
    text = region.text
    position = start
    while position > 0 and position not in region.block_starts and text[position - 1] in _OPENERS:
        position -= 1
    if position in region.block_starts:
        return True
    return bool(_SENTENCE_END.search(text, max(0, position - 12), position))
