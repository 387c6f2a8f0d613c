"""Findings: what a check reports, where, and how bad it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How a finding affects the exit code: errors fail the check, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"  # a rule's default only: the rule reports nothing until the configuration names it


@dataclass(frozen=True, slots=True)
class Edit:
    """A safe automatic fix: replace file offsets ``[start, end)`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place in one file.

    Lines and columns are 1-based and counted in characters; ``end_column`` is the column
    just after the match. ``path`` is relative to the hub root, with ``/`` separators.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    match: str = ""
    suggestion: str | None = None
    edit: Edit | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by path, line, column, code: the order every reporter prints in."""
        return (self.path, self.line, self.column, self.code, self.message)
