"""What needs review, for the "Needs review" page: overdue entries and those due soon, by owner.

Due dates and overdue come from ``smarthub.model.reviews`` (as REVW001 computes them); this
module only sorts the hub's entries into the page's groups.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from smarthub import kinds
from smarthub.model.reviews import Reviewable, is_overdue, review_due
from smarthub.site import paths
from smarthub.site.index import HubIndex

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ReviewItem:
    """One entry on the "Needs review" page."""

    kind: str  # Term, Persona, Playbook, or the asset type's label
    title: str
    page: str  # docs-relative
    reviewed: dt.date | None
    due: dt.date
    overdue: bool
    days: int  # days overdue, or days left until due


@dataclass(frozen=True)
class OwnerReviews:
    """An owner's entries: overdue first (most overdue on top), then due soon (soonest first)."""

    owner: str
    overdue: list[ReviewItem]
    due_soon: list[ReviewItem]


def _entries(index: HubIndex) -> list[tuple[str, str, str, Reviewable]]:
    """``(what it is, title, page, entry)`` of every published entry with an owner and a review
    date; an entry with a type (an asset) is labelled by its type."""
    return [
        (
            paths.label(getattr(entry, "type", None) or kind.name),
            kind.title(entry),
            paths.entry_page(index.config, entry),
            entry,
        )
        for kind in kinds.with_keys("owner", "reviewed")
        for entry in index.entries(kind)
    ]


def needs_review(index: HubIndex, within_days: int = DUE_SOON_DAYS) -> list[OwnerReviews]:
    """Every owner with something overdue or due within ``within_days``, in owner order."""
    today = index.options.today
    by_owner: dict[str, tuple[list[ReviewItem], list[ReviewItem]]] = {}
    for kind, title, page, entry in _entries(index):
        due = review_due(entry, index.config)
        if due is None:
            continue
        overdue = is_overdue(entry, index.config, today)
        if not overdue and (due - today).days > within_days:
            continue
        item = ReviewItem(kind, title, page, entry.reviewed, due, overdue, abs((due - today).days))
        late, soon = by_owner.setdefault(entry.owner, ([], []))
        (late if overdue else soon).append(item)
    return [
        OwnerReviews(
            owner,
            sorted(late, key=lambda item: (item.due, item.title.casefold())),
            sorted(soon, key=lambda item: (item.due, item.title.casefold())),
        )
        for owner, (late, soon) in sorted(by_owner.items())
    ]
