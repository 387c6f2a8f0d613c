"""JSON output: a stable, versioned document for machines."""

from __future__ import annotations

import json

from smarthub.engine import CheckResult

SCHEMA_VERSION = 1


def render_json(result: CheckResult) -> str:
    """``{"version": 1, "findings": [...], "summary": {"files", "errors", "warnings", "baselined"}}``.

    ``baselined`` counts the findings a baseline hid; they are not in ``findings``.
    """
    document = {
        "version": SCHEMA_VERSION,
        "findings": [
            {
                "path": finding.path,
                "line": finding.line,
                "column": finding.column,
                "end_line": finding.end_line,
                "end_column": finding.end_column,
                "code": finding.code,
                "name": finding.name,
                "severity": finding.severity.value,
                "message": finding.message,
                "match": finding.match,
                "suggestion": finding.suggestion,
            }
            for finding in result.findings
        ],
        "summary": {
            "files": result.files,
            "errors": result.errors,
            "warnings": result.warnings,
            "baselined": result.baselined,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
