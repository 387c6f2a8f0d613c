"""How often each glossary term is used across the hub, found by the same matcher as the check."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smarthub.matcher import TermMatcher
from smarthub.model import Hub

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


def term_usage(hub: Hub, context: CheckContext | None = None) -> list[TermUsage]:
    """Usage of every approved or proposed term, by id.

    Counts the accepted forms (term, aliases, abbreviation) in the checked text of every
    file (``source.regions``: prose, titles and summaries, never code or URLs), leaving out
    a term's own glossary entry. Avoided forms are misuses, not uses; deprecated terms are
    left out, since not using them is the goal. With the check's ``context``, the
    occurrences it already found are counted instead of matching every file again.
    """
    matcher = context.matcher if context is not None else TermMatcher(hub.terms.values())
    uses: Counter[str] = Counter()
    files: dict[str, set[str]] = defaultdict(set)
    for source in hub.sources:
        found_in = (
            context.occurrences(source)
            if context is not None
            else [(region, matcher.find(region.text)) for region in source.regions]
        )
        for _, occurrences in found_in:
            for found in occurrences:
                term_id = found.form.term_id
                if not found.form.accepted or (source.kind == "term" and source.id == term_id):
                    continue
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
