"""Overdue reviews for ``smarthub report``, grouped by owner (dates from ``model.reviews``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from smarthub import kinds
from smarthub.model import Hub
from smarthub.model.reviews import Reviewable, is_overdue, review_due


@dataclass(frozen=True)
class OverdueReview:
    """An entry whose review is overdue."""

    path: str
    kind: str  # the kind's name: term, persona, playbook, asset...
    id: str
    title: str
    owner: str
    reviewed: dt.date
    due: dt.date
    interval: int
    days_overdue: int


def overdue_by_owner(hub: Hub, today: dt.date) -> dict[str, list[OverdueReview]]:
    """Overdue entries grouped by owner (owners sorted), most overdue first in each group."""
    groups: dict[str, list[OverdueReview]] = defaultdict(list)
    entries: list[tuple[Reviewable, str]] = [
        (entry, kind.title(entry))
        for kind in kinds.with_keys("owner", "reviewed")
        for entry in hub.entries_of(kind.name).values()
    ]
    for entry, title in entries:
        if not is_overdue(entry, hub.config, today):
            continue
        due = review_due(entry, hub.config)
        assert due is not None  # is_overdue needs a due date
        groups[entry.owner].append(
            OverdueReview(
                path=entry.source.rel,
                kind=entry.source.kind,
                id=entry.id,
                title=title,
                owner=entry.owner,
                reviewed=entry.reviewed,
                due=due,
                interval=(due - entry.reviewed).days,
                days_overdue=(today - due).days,
            )
        )
    return {
        owner: sorted(groups[owner], key=lambda review: (-review.days_overdue, review.path))
        for owner in sorted(groups)
    }
