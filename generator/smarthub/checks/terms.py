"""Term rules: the glossary compiled into avoided, deprecated and casing checks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.matcher import Occurrence
from smarthub.model import SourceFile, Term, TextRegion


def _term_occurrences(
    ctx: CheckContext,
) -> Iterator[tuple[SourceFile, TextRegion, Occurrence, Term]]:
    for source in ctx.sources():
        for region, occurrences in ctx.occurrences(source):
            for occurrence in occurrences:
                term = ctx.hub.terms[occurrence.form.term_id]
                if source.kind == "term" and source.id == term.id:
                    continue  # an entry explains its own forms, "don't say" list included
                yield source, region, occurrence, term


def _shown(occurrence: Occurrence) -> str:
    """The occurrence as a message quotes it: whitespace runs (line breaks) as one space."""
    return " ".join(occurrence.text.split())


def _with_case_of(occurrence: Occurrence, suggestion: str, term: Term) -> str:
    """Capitalise the suggestion where the writer capitalised the form (a sentence start).

    A form that is itself written with a capital (``C++``, ``SFDC``) says nothing about the
    sentence, and a term with exact casing is never changed.
    """
    original, listed = occurrence.text, occurrence.form.text
    written_capital = original[:1].isupper() and not listed[:1].isupper()
    if term.casing != "exact" and written_capital and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


@register(
    "TERM001",
    "term.avoided",
    Severity.ERROR,
    "A form the glossary lists under 'avoid' is used.",
    """
What it does: flags every use of a form that a glossary entry lists under `avoid`, and
suggests the entry's canonical term, keeping the inflection and a leading capital
(`Hot leads` -> `Marketing Qualified Leads`).

Why: the teams agreed on one word for one thing. A forbidden synonym in a deck or an email
makes the two teams mean different things by the same number.

Example that fails (glossary: `term: email`, `avoid: [e-mail]`):

    Send the follow-up e-mail within a day.

Example that passes:

    Send the follow-up email within a day.
""",
)
def check_avoided(ctx: CheckContext) -> Iterator[Finding]:
    for source, region, occurrence, term in _term_occurrences(ctx):
        form = occurrence.form
        if form.kind != "avoid":
            continue
        suggestion = _with_case_of(occurrence, term.term + occurrence.inflection, term)
        why = f" ({form.reason})" if form.reason else ""
        yield ctx.region_finding(
            check_avoided,
            source,
            region,
            occurrence.start,
            occurrence.end,
            f"'{_shown(occurrence)}' is not our language{why}: use '{suggestion}'",
            suggestion,
            fixable=True,
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
)
def check_deprecated(ctx: CheckContext) -> Iterator[Finding]:
    for source, region, occurrence, term in _term_occurrences(ctx):
        if term.status != "deprecated" or occurrence.form.kind == "avoid":
            continue
        replacement = ctx.hub.terms.get(term.replaced_by or "")
        suggestion = None
        advice = f"'{term.term}' is deprecated"
        if replacement is not None:
            use = replacement.term
            if occurrence.form.kind == "abbreviation" and replacement.abbreviation:
                use = replacement.abbreviation
            suggestion = _with_case_of(occurrence, use + occurrence.inflection, replacement)
            advice += f": use '{suggestion}'"
        yield ctx.region_finding(
            check_deprecated,
            source,
            region,
            occurrence.start,
            occurrence.end,
            f"'{_shown(occurrence)}': {advice}" if _shown(occurrence) != term.term else advice,
            suggestion,
            fixable=True,
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
)
def check_casing(ctx: CheckContext) -> Iterator[Finding]:
    for source, region, occurrence, term in _term_occurrences(ctx):
        if term.casing == "any" or occurrence.form.kind not in ("term", "alias"):
            continue
        written = " ".join(occurrence.stem.split())
        if written in term.accepted_forms:
            continue
        expected = next(
            (form for form in term.accepted_forms if form.casefold() == written.casefold()),
            occurrence.form.text,
        )
        if term.casing == "sentence" and _sentence_case_allows(
            written, expected, region, occurrence.start
        ):
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
