"""Automatic fixes: apply the safe edits that findings carry, or show them as a diff."""

from __future__ import annotations

import difflib
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field

from smarthub.engine import CheckResult
from smarthub.findings import Finding
from smarthub.model import SourceFile


@dataclass
class FileFix:
    """The fixes for one file: what it was, what it becomes, and the findings fixed."""

    source: SourceFile
    fixed: list[Finding] = field(default_factory=list)
    new_text: str = ""

    @property
    def path(self) -> str:
        """The hub-relative path."""
        return self.source.rel

    def diff(self) -> str:
        """A unified diff from the current text to the fixed text."""
        lines = difflib.unified_diff(
            self.source.text.splitlines(keepends=True),
            self.new_text.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


def plan(
    result: CheckResult, codes: Iterable[str] = ("TERM001", "TERM002", "TERM003")
) -> list[FileFix]:
    """Group the findings' safe edits by file; overlapping edits keep the first."""
    wanted = set(codes)
    sources = {source.rel: source for source in result.hub.sources}
    plans: dict[str, FileFix] = {}
    for finding in result.findings:
        if finding.edit is None or finding.code not in wanted or finding.path not in sources:
            continue
        plans.setdefault(finding.path, FileFix(sources[finding.path])).fixed.append(finding)
    for file_fix in plans.values():
        text = file_fix.source.text
        pieces: list[str] = []
        position = 0
        applied: list[Finding] = []
        for finding in sorted(file_fix.fixed, key=lambda found: found.edit.start):  # type: ignore[union-attr]
            edit = finding.edit
            assert edit is not None
            if edit.start < position:
                continue  # overlaps an edit already taken; the next run gets it
            pieces += [text[position : edit.start], edit.replacement]
            position = edit.end
            applied.append(finding)
        pieces.append(text[position:])
        file_fix.fixed, file_fix.new_text = applied, "".join(pieces)
    return [plans[path] for path in sorted(plans)]


class FixError(Exception):
    """A file could not be fixed; the message says why and what to do."""


def write(file_fix: FileFix) -> None:
    """Write the fixed text atomically, keeping the BOM, line endings and permissions.

    Refuses a read-only file and a file that changed since it was checked.
    """
    from smarthub.atomic import write_atomic

    source = file_fix.source
    try:
        mode = source.path.stat().st_mode
        current = source.path.read_bytes()
    except OSError as error:
        raise FixError(
            f"{source.rel}: cannot be read again ({error.strerror}): not fixed"
        ) from None
    if not mode & stat.S_IWUSR:
        raise FixError(
            f"{source.rel}: is read-only, so it was not fixed: make it writable (chmod u+w) and run again"
        )
    bom = b"\xef\xbb\xbf" if source.encoding_bom else b""
    if current != bom + source.text.encode("utf-8"):
        raise FixError(
            f"{source.rel}: changed while smarthub was checking it, so it was not fixed: run again"
        )
    write_atomic(source.path, bom + file_fix.new_text.encode("utf-8"))
