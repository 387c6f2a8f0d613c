"""Text output: one finding a line, ``path:line:col: severity CODE message [name]``."""

from __future__ import annotations

import re

from smarthub.engine import CheckResult
from smarthub.findings import Finding, Severity
from smarthub.model import SourceFile
from smarthub.wording import counted

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows
# ("Trojan Source"): from a file, each would move the cursor, recolour or hide text.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``, ``\\u202e``); tabs and
    line feeds stay as they are (a finding's message is one line, so it never holds one)."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def render_text(result: CheckResult, *, show_source: bool = False, color: bool = False) -> str:
    """Findings sorted by path, line, column, code; then a summary line.

    ``show_source`` adds the source line with the span underlined (for terminals).
    """
    lines: list[str] = []
    sources = {source.rel: source for source in result.hub.sources}
    for finding in result.findings:
        lines.append(format_finding(finding, color=color))
        if show_source:
            line = _source_line(result, sources.get(finding.path), finding)
            if line is not None:
                lines.extend(_excerpt(finding, line, color=color))
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def format_finding(finding: Finding, *, color: bool = False) -> str:
    """One finding on one line."""
    severity = finding.severity.value
    path, message = printable(finding.path), printable(finding.message.replace("\n", " "))
    if color:
        severity = f"{_COLORS[finding.severity]}{severity}{_RESET}"
        location = f"{_BOLD}{path}:{finding.line}:{finding.column}{_RESET}"
        return f"{location}: {severity} {finding.code} {message} {_DIM}[{finding.name}]{_RESET}"
    return f"{path}:{finding.line}:{finding.column}: {severity} {finding.code} {message} [{finding.name}]"


def _source_line(result: CheckResult, source: SourceFile | None, finding: Finding) -> str | None:
    """The finding's line, from the loaded file or, after a parallel check, from disk."""
    if source is not None and source.text:
        return source.line_text(finding.line)
    try:
        text = (result.hub.config.root / finding.path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.split("\n")
    return lines[finding.line - 1].rstrip("\r") if finding.line <= len(lines) else None


def _excerpt(finding: Finding, line_text: str, *, color: bool) -> list[str]:
    number = str(finding.line)
    gutter = " " * len(number)
    display = line_text.expandtabs(1)
    if finding.end_line == finding.line:
        width = max(finding.end_column - finding.column, 1)
    else:
        width = max(len(display) - finding.column + 1, 1)
    marker = "^" * width
    if color:
        marker = f"{_COLORS[finding.severity]}{marker}{_RESET}"
    return [
        f"  {number} | {printable(display)}",
        f"  {gutter} | {' ' * (finding.column - 1)}{marker}",
    ]


def summary_line(result: CheckResult) -> str:
    """``Found 2 errors and 1 warning in 3 files (checked 40 files).`` or the all-clear.

    With a baseline, the count it hid is added: ``(checked 40 files; 12 baselined findings hidden)``.
    """
    files = counted(result.files, "file")
    baselined = ""
    if result.baselined:
        baselined = f"{counted(result.baselined, 'baselined finding')} hidden"
    if not result.findings:
        if baselined:
            return f"All clear: checked {files}, no new findings ({baselined})."
        return f"All clear: checked {files}, no findings."
    errors = counted(result.errors, "error")
    warnings = counted(result.warnings, "warning")
    affected = len({finding.path for finding in result.findings})
    return (
        f"Found {errors} and {warnings} in {counted(affected, 'file')} "
        f"(checked {files}{'; ' + baselined if baselined else ''})."
    )
