"""REVW001: content whose last review is older than its interval."""

from __future__ import annotations

from collections.abc import Iterator

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.model.reviews import is_overdue, review_due
from smarthub.wording import counted


@register(
    "REVW001",
    "review.overdue",
    Severity.WARNING,
    "An entry's last review is older than its review interval.",
    """
What it does: adds the review interval to the `reviewed` date of every glossary entry,
persona, playbook and asset (retired assets excepted) and warns when that day has passed.
The interval is `review_interval_days` (180 by default), or the asset type's entry in
`review_intervals` (for example 90 days for battlecards).

Why: a battlecard with last year's pricing loses deals; an overdue date is how the owner
finds out before a rep does.

Example that fails (today 2026-11-23, interval 180 days):

    reviewed: 2026-03-01

Example that passes:

    reviewed: 2026-10-01
""",
)
def check_review_overdue(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.hub.config
    for source in ctx.sources():
        entry = ctx.hub.entry_for(source)
        if not hasattr(entry, "reviewed"):  # kinds without a review date (section pages)
            continue
        if not is_overdue(entry, config, ctx.today):
            continue
        due = review_due(entry, config)
        assert due is not None and entry.reviewed is not None  # is_overdue needs both
        start, end = source.value_span("reviewed") or (0, 3)
        days = (ctx.today - due).days
        interval = (due - entry.reviewed).days
        yield ctx.finding(
            check_review_overdue,
            source,
            start,
            end,
            f"review overdue by {counted(days, 'day')}: last reviewed {entry.reviewed}, "
            f"due {due} (every {interval} days); check the content, then set 'reviewed' to today's date",
        )
