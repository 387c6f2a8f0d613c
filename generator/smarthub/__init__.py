"""smarthub: one language for sales and marketing, kept in git and enforced in CI."""

from __future__ import annotations

__version__ = "0.1.0"
