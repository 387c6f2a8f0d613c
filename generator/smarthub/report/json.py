"""JSON output: a stable, versioned document for machines."""

from __future__ import annotations

import json
from json.encoder import encode_basestring

from smarthub.engine import CheckResult
from smarthub.findings import Finding

SCHEMA_VERSION = 1

# A finding as ``json.dumps(document, indent=2)`` lays it out. ``json.dumps`` with an indent
# runs its pure-Python encoder (only unindented output gets the C one), which took a tenth of
# a 10,000-file check's report; the fields are fixed and flat, so each is written with the
# encoder's own string function (C) and the layout stays byte for byte the same.
_FINDING = """    {{
      "path": {},
      "line": {},
      "column": {},
      "end_line": {},
      "end_column": {},
      "code": {},
      "name": {},
      "severity": {},
      "message": {},
      "match": {},
      "suggestion": {}
    }}"""


def render_json(result: CheckResult) -> str:
    """``{"version": 1, "findings": [...], "summary": {"files", "errors", "warnings", "baselined"}}``.

    ``baselined`` counts the findings a baseline hid; they are not in ``findings``.
    """
    summary = {
        "files": result.files,
        "errors": result.errors,
        "warnings": result.warnings,
        "baselined": result.baselined,
    }
    findings = ",\n".join(_finding_json(finding) for finding in result.findings)
    findings = f"[\n{findings}\n  ]" if findings else "[]"
    summary_json = json.dumps(summary, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    return (
        f'{{\n  "version": {SCHEMA_VERSION},\n  "findings": {findings},\n'
        f'  "summary": {summary_json}\n}}\n'
    )


def _finding_json(finding: Finding) -> str:
    return _FINDING.format(
        encode_basestring(finding.path),
        int(finding.line),
        int(finding.column),
        int(finding.end_line),
        int(finding.end_column),
        encode_basestring(finding.code),
        encode_basestring(finding.name),
        encode_basestring(finding.severity.value),
        encode_basestring(finding.message),
        encode_basestring(finding.match),
        "null" if finding.suggestion is None else encode_basestring(finding.suggestion),
    )
