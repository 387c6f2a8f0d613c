"""REFS001: ids in front matter that point at nothing."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from smarthub import kinds
from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.load.schema import schema
from smarthub.model import SourceFile


@register(
    "REFS001",
    "refs.unknown",
    Severity.ERROR,
    "An id in front matter names no team, persona, stage, term or asset type.",
    """
What it does: checks every id that points somewhere: `owner`, `approved_by` and
`audience` (teams), `personas` (persona files), `stages` (the journey), `related` and
`replaced_by` (glossary entries) and `type` (asset types), and suggests the nearest id.

Why: a misspelt persona id drops an asset from that persona's page; a misspelt stage
leaves a false gap in the journey matrix.

Example that fails (there is no persona `controler`):

    personas: [controler]

Example that passes:

    personas: [controller]
""",
)
def check_references(ctx: CheckContext) -> Iterator[Finding]:
    hub = ctx.hub
    known = kinds.reference_targets(hub)
    for source in ctx.sources():
        entry = hub.entry_for(source)
        if entry is None:
            continue
        for key, kind in _references(kinds.get(source.kind)):
            value = getattr(entry, key, None)
            if not value:
                continue
            ids: Iterable[str] = [value] if isinstance(value, str) else value
            for index, ref in enumerate(ids):
                if ref not in known[kind]:
                    yield _unknown(
                        ctx,
                        source,
                        key,
                        None if isinstance(value, str) else index,
                        ref,
                        kind,
                        known[kind],
                    )


def _references(kind: kinds.Kind) -> list[tuple[str, str]]:
    """``(key, what its ids name)`` for each key of the kind's front matter that names ids."""
    return [(field.name, field.refers_to) for field in schema(kind) if field.refers_to]


def _unknown(
    ctx: CheckContext,
    source: SourceFile,
    key: str,
    index: int | None,
    ref: str,
    kind: str,
    known: set[str],
) -> Finding:
    span = source.value_span(key, index) if index is not None else None
    start, end = span or source.value_span(key) or (0, 3)
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    if close:
        advice = f": did you mean '{close[0]}'?"
    elif known and len(known) <= 8:
        advice = f": known {kind}s are {', '.join(sorted(known))}"
    else:
        advice = f": no {kind} has this id"
    return ctx.finding(
        check_references,
        source,
        start,
        end,
        f"'{key}' names unknown {kind} '{ref}'{advice}",
        close[0] if close else None,
    )
