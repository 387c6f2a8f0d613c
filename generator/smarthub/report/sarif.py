"""SARIF 2.1.0 output, ready for code-scanning upload."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from smarthub import __version__
from smarthub.checks.registry import all_rules
from smarthub.engine import CheckResult
from smarthub.findings import Finding, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render_sarif(result: CheckResult) -> str:
    """One run with every rule's metadata and one result per finding."""
    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "smarthub",
                "version": __version__,
                "rules": [
                    {
                        "id": rule.code,
                        "name": rule.name,
                        "shortDescription": {"text": rule.summary},
                        "fullDescription": {"text": rule.summary},
                        "help": {"text": rule.doc, "markdown": rule.doc},
                        "defaultConfiguration": _default_configuration(rule.severity),
                        "properties": {"tags": [rule.family.lower()]},
                    }
                    for rule in rules
                ],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": result.hub.config.root.as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, index[finding.code]) for finding in result.findings],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _region(finding: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": finding.line, "startColumn": finding.column}
    if (finding.end_line, finding.end_column) > (finding.line, finding.column):
        region |= {"endLine": finding.end_line, "endColumn": finding.end_column}
    if finding.match:
        region["snippet"] = {"text": finding.match}
    return region


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    location = {"uri": finding.path, "uriBaseId": "%SRCROOT%"}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": finding.severity.value,
        "message": {"text": finding.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": location, "region": _region(finding)}}
        ],
        "partialFingerprints": {"smarthubFinding/v1": _fingerprint(finding)},
    }
    if finding.suggestion is not None and finding.match:
        region = {k: v for k, v in _region(finding).items() if k != "snippet"}
        result["fixes"] = [
            {
                "description": {"text": f"Replace with '{finding.suggestion}'"},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {
                                "deletedRegion": region,
                                "insertedContent": {"text": finding.suggestion},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def _fingerprint(finding: Finding) -> str:
    # Stable across unrelated edits that shift lines: path, rule and matched text.
    key = f"{finding.path}\0{finding.code}\0{finding.match}\0{finding.message}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _default_configuration(severity: Severity) -> dict[str, object]:
    """SARIF's rule default: an opt-in rule (default off) is ``enabled: false``."""
    if severity is Severity.OFF:
        return {"level": "warning", "enabled": False}
    return {"level": severity.value}
