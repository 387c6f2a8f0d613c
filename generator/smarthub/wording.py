"""Small pieces of English shared by every message smarthub writes."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 asset``, ``3 assets``; ``plural`` where adding an ``s`` is wrong (``fixes``)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
