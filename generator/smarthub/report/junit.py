"""JUnit XML output: one test case per checked file, failing when it has error findings."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from smarthub.engine import CheckResult
from smarthub.findings import Finding, Severity
from smarthub.report.text import format_finding
from smarthub.wording import counted


def render_junit(result: CheckResult) -> str:
    """A ``testsuites`` document with one ``testsuite`` named smarthub."""
    by_path: dict[str, list[Finding]] = {path: [] for path in result.checked}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    failures = sum(any(f.severity is Severity.ERROR for f in found) for found in by_path.values())
    suites = ET.Element(
        "testsuites", name="smarthub", tests=str(len(by_path)), failures=str(failures)
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="smarthub check",
        tests=str(len(by_path)),
        failures=str(failures),
        errors="0",
    )
    for path in sorted(by_path):
        found = by_path[path]
        case = ET.SubElement(suite, "testcase", classname="smarthub", name=path, file=path)
        errors = [finding for finding in found if finding.severity is Severity.ERROR]
        if errors:
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{counted(len(errors), 'error')}: {errors[0].message}",
                type=errors[0].code,
            )
            failure.text = "\n".join(format_finding(finding) for finding in errors)
        warnings = [finding for finding in found if finding.severity is Severity.WARNING]
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(
                format_finding(finding) for finding in warnings
            )
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
