"""The JSON report is written field by field for speed; its bytes must stay ``json.dumps``'s.

``render_json`` lays findings out itself (``json.dumps`` with an indent runs the pure-Python
encoder); these cases hold it to the document ``json.dumps(..., indent=2,
ensure_ascii=False)`` writes, for the strings that need escaping and for the empty report.
"""

from __future__ import annotations

import json

import pytest

from smarthub.engine import CheckResult
from smarthub.findings import Finding, Severity
from smarthub.model import Hub
from smarthub.report.json import render_json

TRICKY = [
    "plain",
    'a "quoted" word',
    "back\\slash and \t tab",
    "line\nbreak\r\nand CR\r",
    "control \x00\x01\x1f\x7f and \u2028 separator",
    "Ünïcödé, 日本語, emoji 🚀, right-to-left \u202e",
    "",
]


def finding(text: str, severity: Severity, suggestion: str | None) -> Finding:
    return Finding(
        path=f"content/{text[:4]}.md",
        line=12,
        column=3,
        end_line=13,
        end_column=1,
        code="TERM001",
        name="term.avoided",
        severity=severity,
        message=f"Use 'win rate' instead of '{text}'.",
        match=text,
        suggestion=suggestion,
    )


def as_json_dumps_writes(result: CheckResult) -> str:
    """The document as the reporter wrote it before: one ``json.dumps`` call."""
    document = {
        "version": 1,
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "end_line": f.end_line,
                "end_column": f.end_column,
                "code": f.code,
                "name": f.name,
                "severity": f.severity.value,
                "message": f.message,
                "match": f.match,
                "suggestion": f.suggestion,
            }
            for f in result.findings
        ],
        "summary": {
            "files": result.files,
            "errors": result.errors,
            "warnings": result.warnings,
            "baselined": result.baselined,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def result_of(findings: list[Finding], baselined: int = 0) -> CheckResult:
    hub = Hub(config=None)  # type: ignore[arg-type]  # the reporter never reads the hub
    return CheckResult(findings, ["a.md", "b.md"], hub, baselined=baselined)


@pytest.mark.parametrize("text", TRICKY)
def test_each_finding_is_laid_out_as_json_dumps_would(text: str) -> None:
    result = result_of(
        [finding(text, Severity.ERROR, text), finding(text, Severity.WARNING, None)], baselined=2
    )
    assert render_json(result) == as_json_dumps_writes(result)


def test_an_empty_report_is_laid_out_as_json_dumps_would() -> None:
    result = result_of([])
    written = render_json(result)
    assert written == as_json_dumps_writes(result)
    assert '"findings": [],' in written


def test_the_exact_document_of_one_finding() -> None:
    written = render_json(result_of([finding('say "hi"', Severity.WARNING, None)]))
    assert written == (
        "{\n"
        '  "version": 1,\n'
        '  "findings": [\n'
        "    {\n"
        '      "path": "content/say .md",\n'
        '      "line": 12,\n'
        '      "column": 3,\n'
        '      "end_line": 13,\n'
        '      "end_column": 1,\n'
        '      "code": "TERM001",\n'
        '      "name": "term.avoided",\n'
        '      "severity": "warning",\n'
        '      "message": "Use \'win rate\' instead of \'say \\"hi\\"\'.",\n'
        '      "match": "say \\"hi\\"",\n'
        '      "suggestion": null\n'
        "    }\n"
        "  ],\n"
        '  "summary": {\n'
        '    "files": 2,\n'
        '    "errors": 0,\n'
        '    "warnings": 1,\n'
        '    "baselined": 0\n'
        "  }\n"
        "}\n"
    )
