"""When an entry is due for review: the one place this is computed.

An entry is due ``reviewed`` + its interval (the asset type's ``review_intervals`` entry,
else ``review_interval_days``); retired assets are never due; an entry is overdue when its
due day is before today. REVW001, ``smarthub report`` and the site all ask here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from smarthub.model.entities import Asset, Persona, Playbook, Term

if TYPE_CHECKING:
    from smarthub.config import HubConfig

Reviewable = Term | Persona | Playbook | Asset


def review_interval(entry: Reviewable, config: HubConfig) -> int | None:
    """Days between reviews of ``entry``; ``None`` when it is never due (a retired asset).

    Assets use their type's entry in ``review_intervals``, everything else (and asset types
    without one) ``review_interval_days``.
    """
    if isinstance(entry, Asset):
        return None if entry.status == "retired" else config.interval_for(entry.type)
    return config.review_interval_days


def review_due(entry: Reviewable, config: HubConfig) -> dt.date | None:
    """The day ``entry``'s next review is due, or ``None`` (no ``reviewed`` date, or retired)."""
    interval = review_interval(entry, config)
    if entry.reviewed is None or interval is None:
        return None
    try:
        return entry.reviewed + dt.timedelta(days=interval)
    except OverflowError:  # reviewed near 9999-12-31: due after the calendar's last day
        return dt.date.max


def is_overdue(entry: Reviewable, config: HubConfig, today: dt.date) -> bool:
    """Whether the review of ``entry`` was due before ``today`` (REVW001's condition)."""
    due = review_due(entry, config)
    return due is not None and due < today
