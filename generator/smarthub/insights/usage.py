"""How often each glossary term is used across the hub, found by the same matcher as the check."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smarthub.matcher import TermMatcher
from smarthub.model import Hub, SourceFile

if TYPE_CHECKING:
    from smarthub.checks.context import CheckContext

TOP_TERMS = 10


@dataclass(frozen=True)
class TermUsage:
    """How many times a term's accepted forms occur, and in how many files."""

    id: str
    term: str
    path: str
    uses: int
    files: int


def accepted_uses(
    hub: Hub,
    context: CheckContext | None = None,
    sources: Iterable[SourceFile] | None = None,
    matcher: TermMatcher | None = None,
) -> Iterator[tuple[SourceFile, str]]:
    """``(file, term id)`` for each use of a term's accepted forms (term, aliases, abbreviation).

    Uses are found in the checked text of each file (``source.regions``: prose, titles and
    summaries, never code or URLs), leaving out a term's own glossary entry; avoided forms are
    misuses, not uses. With the check's ``context``, the occurrences it already found are
    read instead of matching every file again. The one definition of "uses a term" behind
    the site's "Used in" lists and ``smarthub report``.
    """
    if context is None and matcher is None:
        matcher = TermMatcher(hub.terms.values())
    for source in hub.sources if sources is None else sources:
        if context is not None:
            found_in = context.occurrences(source)
        else:
            assert matcher is not None
            found_in = [(region, matcher.find(region.text)) for region in source.regions]
        for _, occurrences in found_in:
            for found in occurrences:
                term_id = found.form.term_id
                if found.form.accepted and not (source.kind == "term" and source.id == term_id):
                    yield source, term_id


def term_usage(hub: Hub, context: CheckContext | None = None) -> list[TermUsage]:
    """Usage of every approved or proposed term, by id (deprecated terms are left out, since
    not using them is the goal); what counts as a use is ``accepted_uses``."""
    uses: Counter[str] = Counter()
    files: dict[str, set[str]] = defaultdict(set)
    for source, term_id in accepted_uses(hub, context):
        uses[term_id] += 1
        files[term_id].add(source.rel)
    return [
        TermUsage(term.id, term.term, term.source.rel, uses[term.id], len(files[term.id]))
        for term in sorted(hub.terms.values(), key=lambda term: term.id)
        if term.status != "deprecated"
    ]


def unused_terms(usage: list[TermUsage]) -> list[TermUsage]:
    """Terms used nowhere but in their own entry, by id."""
    return [entry for entry in usage if entry.uses == 0]


def most_used(usage: list[TermUsage], limit: int = TOP_TERMS) -> list[TermUsage]:
    """The ``limit`` most used terms: most uses first, then most files, then by id."""
    used = [entry for entry in usage if entry.uses]
    return sorted(used, key=lambda entry: (-entry.uses, -entry.files, entry.id))[:limit]
