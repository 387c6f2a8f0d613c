"""reviewdog's Diagnostic Format (rdjson): findings as pull-request review comments.

reviewdog counts columns in UTF-8 bytes, starting at 1, and range ends are exclusive;
smarthub counts characters, so each position is converted with the line's text. Only
safe edits (``Finding.edit``) become ``suggestions``, which GitHub offers as one-click
"commit suggestion"; a finding without one is a plain comment.
"""

from __future__ import annotations

import json
import os
from bisect import bisect_right
from pathlib import Path
from typing import Any

from smarthub.engine import CheckResult
from smarthub.findings import Finding

SOURCE = {"name": "smarthub"}


class _FileLines:
    """A checked file's lines, for converting character columns to UTF-8 byte columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]

    def position(self, line: int, column: int) -> dict[str, int]:
        start = self.starts[min(line, len(self.starts)) - 1]
        before = self.text[start : start + column - 1]
        return {"line": line, "column": len(before.encode("utf-8")) + 1}

    def offset_position(self, offset: int) -> dict[str, int]:
        index = bisect_right(self.starts, offset) - 1
        return self.position(index + 1, offset - self.starts[index] + 1)


def render_rdjson(result: CheckResult) -> str:
    """``{"source": {"name": "smarthub"}, "diagnostics": [...]}`` with safe fixes as suggestions."""
    texts = {source.rel: source.text for source in result.hub.sources}
    root = result.hub.config.root
    lines: dict[str, _FileLines] = {}

    def lines_of(rel: str) -> _FileLines:
        if rel not in lines:
            text = texts.get(rel)
            if text is None:  # checked in another process: read it as the check did
                try:
                    text = (root / rel).read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    text = ""
            lines[rel] = _FileLines(text)
        return lines[rel]

    document = {
        "source": SOURCE,
        "diagnostics": [
            _diagnostic(finding, lines_of(finding.path), _shown_path(root, finding.path))
            for finding in result.findings
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _diagnostic(finding: Finding, lines: _FileLines, path: str) -> dict[str, Any]:
    diagnostic: dict[str, Any] = {
        "message": f"{finding.message} [{finding.name}]",
        "location": {
            "path": path,
            "range": {
                "start": lines.position(finding.line, finding.column),
                "end": lines.position(finding.end_line, finding.end_column),
            },
        },
        "severity": finding.severity.value.upper(),
        "code": {"value": finding.code},
    }
    if finding.edit is not None:
        edit = finding.edit
        diagnostic["suggestions"] = [
            {
                "range": {
                    "start": lines.offset_position(edit.start),
                    "end": lines.offset_position(edit.end),
                },
                "text": edit.replacement,
            }
        ]
    return diagnostic


def _shown_path(root: Path, rel: str) -> str:
    """The path from where reviewdog runs (the working folder), which may be above the hub."""
    absolute = root / rel
    try:
        return (
            Path(os.path.relpath(absolute)).as_posix()
            if absolute.is_relative_to(Path.cwd())
            else absolute.as_posix()
        )
    except ValueError:  # another drive on Windows
        return absolute.as_posix()
