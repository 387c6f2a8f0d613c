"""TERM004: acronyms that nobody defined."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.matcher import forms_of, starts_word
from smarthub.model import Hub, SourceFile, TextRegion

# Starts with a character class so the regex engine skips ahead fast; the left boundary
# (no letter, digit, ``_`` or ``@`` before, no domain dot) is checked in ``starts_word``.
_ACRONYM = re.compile(r"([A-Z][A-Z0-9]{1,5})(?:'s|’s|s)?(?!\w)(?![.@]\w)")
_ROMAN = re.compile(r"[IVX]+")
_PAGE_DEFINITION = re.compile(
    r"\(([A-Z][A-Z0-9]{1,5})s?\)"
)  # "Words (ACR)": the word is checked after
_ABBR_DEFINITION = re.compile(r"^\*\[([A-Z][A-Z0-9]{1,5})\]:", re.MULTILINE)
_LOWER = re.compile(r"[^\W\d_A-Z]")


def _page_definitions(text: str) -> set[str]:
    """Acronyms written in brackets right after words: ``Net Revenue Retention (NRR)``."""
    defined = set()
    for match in _PAGE_DEFINITION.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()].rstrip()[-2:]
        if before and (before[-1].isalpha() or (before[-1] in "\"'”’" and before[:1].isalpha())):
            defined.add(match.group(1))
    return defined


def is_acronym(word: str) -> bool:
    """2–6 characters, a capital first, only capitals and digits, at least two capitals."""
    return sum(char.isupper() for char in word) >= 2 and not _ROMAN.fullmatch(word)


def _glossary_acronyms(hub: Hub) -> frozenset[str]:
    defined = set(hub.config.acronyms_allow)
    for term in hub.terms.values():
        for form in forms_of(term):
            if form.kind == "abbreviation" or (form.text.isupper() and " " not in form.text):
                defined.add(form.text)
    return frozenset(defined)


@register(
    "TERM004",
    "term.undefined-acronym",
    Severity.ERROR,
    "An acronym is used that no glossary entry defines.",
    """
What it does: finds acronyms (a whole word of 2 to 6 characters that starts with a
capital, has only capitals and digits and at least two capitals, with an optional
inflection such as `KPIs`) and flags those that are not defined. An acronym is defined
when a glossary entry has it as its abbreviation or an all-capital form, when it is in
`acronyms.allow`, or when the same page writes it in brackets right after words
(`Net Revenue Retention (NRR)`) or as a Markdown abbreviation (`*[NRR]: ...`). Roman
numerals of I, V and X are not acronyms, nor is anything in a line without lowercase
letters. Each acronym is reported once per file, at its first use, with the count.

Why: an acronym a rep does not know is a question the customer will not ask.

Example that fails (no glossary entry for QBR):

    Book the QBR two weeks ahead.

Example that passes:

    Book the Quarterly Business Review (QBR) two weeks ahead.
""",
)
def check_undefined_acronyms(ctx: CheckContext) -> Iterator[Finding]:
    defined = _glossary_acronyms(ctx.hub)
    for source in ctx.sources():
        yield from _undefined_in(ctx, source, defined)


def _inside_any(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _in_shouting_line(text: str, offset: int) -> bool:
    """Whether the file line around ``offset`` has no lowercase letter (capitals, not acronyms)."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    return not _LOWER.search(text, line_start, line_end if line_end != -1 else len(text))


def _undefined_in(
    ctx: CheckContext, source: SourceFile, defined: frozenset[str]
) -> Iterator[Finding]:
    on_page = set(_ABBR_DEFINITION.findall(source.text)) if "*[" in source.text else set()
    uses: dict[str, list[tuple[TextRegion, int, int]]] = {}
    for region, occurrences in ctx.occurrences(source):
        text = region.text
        in_forms = [(found.start, found.end) for found in occurrences]
        if "(" in text:
            on_page |= _page_definitions(text)
        for match in _ACRONYM.finditer(text):
            word = match.group(1)
            if word in defined or not is_acronym(word) or not starts_word(text, match.start()):
                continue
            if in_forms and _inside_any(in_forms, match.start()):
                continue  # part of a glossary form (".NET SDK"): the term rules speak for it
            if _in_shouting_line(source.text, region.file_offset(match.start())):
                continue
            uses.setdefault(word, []).append((region, match.start(), match.end()))
    for word, places in uses.items():
        if word in on_page:
            continue
        first = min((region.file_span(start, end) for region, start, end in places))
        count = f" (used {len(places)} times)" if len(places) > 1 else ""
        yield ctx.finding(
            check_undefined_acronyms,
            source,
            *first,
            f"acronym '{word}' is not defined{count}: add it to the glossary or to acronyms.allow, "
            f"or write it out once as 'Words In Full ({word})'",
        )
