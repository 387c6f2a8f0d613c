"""Automatic fixes: apply the safe edits that findings carry, or show them as a diff."""

from __future__ import annotations

import difflib
import stat
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field

from smarthub.checks.registry import fixable_codes
from smarthub.engine import CheckResult
from smarthub.findings import Edit, Finding
from smarthub.model import SourceFile


@dataclass
class FileFix:
    """The fixes for one file: what it was, what it becomes, and the findings fixed."""

    source: SourceFile
    fixed: list[Finding] = field(default_factory=list)
    new_text: str = ""
    inserted: list[tuple[int, int]] = field(default_factory=list)  # new-text spans of the fixes

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
    result: CheckResult,
    codes: Iterable[str] | None = None,
    *,
    skip: Set[tuple[str, ...]] = frozenset(),
) -> list[FileFix]:
    """Group the findings' safe edits by file; overlapping edits keep the first.

    ``codes`` limits the rules whose edits apply (default: every rule declared fixable);
    edits whose ``edit_key`` is in ``skip`` are left out.
    """
    wanted = set(fixable_codes() if codes is None else codes)
    sources = {source.rel: source for source in result.hub.sources}
    plans: dict[str, FileFix] = {}
    for finding in result.findings:
        if finding.edit is None or finding.code not in wanted or finding.path not in sources:
            continue
        if skip and edit_key(sources[finding.path], finding.edit) in skip:
            continue
        plans.setdefault(finding.path, FileFix(sources[finding.path])).fixed.append(finding)
    for file_fix in plans.values():
        text = file_fix.source.text
        pieces: list[str] = []
        position = shift = 0
        applied: list[Finding] = []
        for finding in sorted(file_fix.fixed, key=lambda found: found.edit.start):  # type: ignore[union-attr]
            edit = finding.edit
            assert edit is not None
            if edit.start < position:
                continue  # overlaps an edit already taken; the next pass gets it
            pieces += [text[position : edit.start], edit.replacement]
            position = edit.end
            applied.append(finding)
            new_start = edit.start + shift
            file_fix.inserted.append((new_start, new_start + len(edit.replacement)))
            shift += len(edit.replacement) - (edit.end - edit.start)
        pieces.append(text[position:])
        file_fix.fixed, file_fix.new_text = applied, "".join(pieces)
    return [plans[path] for path in sorted(plans)]


def edit_key(source: SourceFile, edit: Edit) -> tuple[str, str, str, str, str]:
    """An edit named by its file, its surroundings and its replacement, not by its offsets.

    Offsets move as other fixes land in the same file; the text around an edit does not.
    """
    text = source.text
    before = text[max(0, edit.start - _KEY_CONTEXT) : edit.start]
    after = text[edit.end : edit.end + _KEY_CONTEXT]
    return source.rel, before, text[edit.start : edit.end], after, edit.replacement


_KEY_CONTEXT = 40
MAX_PASSES = 10  # as ruff: fixes can enable fixes, but a cycle must not run forever


@dataclass
class FixOutcome:
    """What ``fix_until_stable`` did: the edits kept, the files refused, the last check."""

    result: CheckResult
    applied: list[Finding] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one message per file not written
    unsettled: list[str] = field(default_factory=list)  # files still changing after MAX_PASSES


def fix_until_stable(
    result: CheckResult, rerun: Callable[[], CheckResult], max_passes: int = MAX_PASSES
) -> FixOutcome:
    """Apply the safe edits, check again, and repeat until no edit is left (ruff's loop).

    A pass whose edit leaves a finding of a fixable rule that cannot be fixed on the text
    it inserted (the fix created a problem it cannot solve) is undone for that file, and
    that edit is not tried again: ``--fix`` never writes a finding of its own making.
    """
    outcome = FixOutcome(result)
    skip: set[tuple[str, ...]] = set()
    refused: set[str] = set()
    for _ in range(max_passes):
        plans = [p for p in plan(outcome.result, skip=skip) if p.fixed and p.path not in refused]
        if not plans:
            return outcome
        written: list[FileFix] = []
        for file_fix in plans:
            try:
                write(file_fix)
            except FixError as error:
                outcome.refused.append(str(error))
                refused.add(file_fix.path)
                continue
            written.append(file_fix)
        checked = rerun()
        undone = False
        for file_fix in written:
            created = _created_findings(file_fix, checked)
            if created:
                _restore(file_fix)
                skip.update(edit_key(file_fix.source, file_fix.fixed[i].edit) for i in created)  # type: ignore[arg-type]
                undone = True
            else:
                outcome.applied += file_fix.fixed
        outcome.result = rerun() if undone else checked
    still = plan(outcome.result, skip=skip)
    outcome.unsettled = [p.path for p in still if p.fixed and p.path not in refused]
    return outcome


def _created_findings(file_fix: FileFix, checked: CheckResult) -> list[int]:
    """The indexes of applied edits whose inserted text now has an unfixable fixable-rule finding."""
    codes = set(fixable_codes())
    source = next((s for s in checked.hub.sources if s.rel == file_fix.path), None)
    if source is None:
        return []
    created: set[int] = set()
    for finding in checked.findings:
        if finding.path != file_fix.path or finding.code not in codes or finding.edit is not None:
            continue
        start = source.line_starts[finding.line - 1] + finding.column - 1
        end = source.line_starts[finding.end_line - 1] + finding.end_column - 1
        for index, (new_start, new_end) in enumerate(file_fix.inserted):
            if start < new_end and new_start < end:
                created.add(index)
    return sorted(created)


def _restore(file_fix: FileFix) -> None:
    from smarthub.atomic import write_atomic

    source = file_fix.source
    bom = b"\xef\xbb\xbf" if source.encoding_bom else b""
    write_atomic(source.path, bom + source.text.encode("utf-8"))


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
