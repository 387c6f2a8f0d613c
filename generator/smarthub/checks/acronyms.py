"""TERM004: acronyms that nobody defined."""

from __future__ import annotations

import re
from collections.abc import Iterator

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.matcher import forms_of
from smarthub.model import Hub, SourceFile

_ACRONYM = re.compile(r"(?<!\w)(?<!@)(?<![^\W_]\.)([A-Z][A-Z0-9]{1,5})(?:'s|’s|s)?(?!\w)(?![.@]\w)")
_ROMAN = re.compile(r"[IVX]+")
_PAGE_DEFINITION = re.compile(r"[^\W\d_][\"'”’]?\s*\(([A-Z][A-Z0-9]{1,5})s?\)")
_ABBR_DEFINITION = re.compile(r"^\*\[([A-Z][A-Z0-9]{1,5})\]:", re.MULTILINE)
_LOWER = re.compile(r"[^\W\d_A-Z]")


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


def _undefined_in(
    ctx: CheckContext, source: SourceFile, defined: frozenset[str]
) -> Iterator[Finding]:
    on_page = set(_ABBR_DEFINITION.findall(source.text))
    uses: dict[str, list[tuple[int, int]]] = {}
    for region in source.regions:
        on_page.update(_PAGE_DEFINITION.findall(region.text))
        for match in _ACRONYM.finditer(region.text):
            word = match.group(1)
            if word in defined or not is_acronym(word):
                continue
            start, end = region.file_span(match.start(), match.end())
            line = source.line_text(source.position(start)[0])
            if not _LOWER.search(line):
                continue  # a line in capitals is shouting, not an acronym
            uses.setdefault(word, []).append((start, end))
    for word, spans in uses.items():
        if word in on_page:
            continue
        start, end = min(spans)
        count = f" (used {len(spans)} times)" if len(spans) > 1 else ""
        yield ctx.finding(
            check_undefined_acronyms,
            source,
            start,
            end,
            f"acronym '{word}' is not defined{count}: add it to the glossary or to acronyms.allow, "
            f"or write it out once as 'Words In Full ({word})'",
        )
