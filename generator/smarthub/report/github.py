"""GitHub Actions workflow commands: findings become annotations on the pull request."""

from __future__ import annotations

from smarthub.engine import CheckResult
from smarthub.findings import Finding
from smarthub.report.text import printable, summary_line


def render_github(result: CheckResult) -> str:
    """``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` per finding."""
    lines = [_command(finding) for finding in result.findings]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def _command(finding: Finding) -> str:
    properties = {
        "file": finding.path,
        "line": str(finding.line),
        "col": str(finding.column),
        "endLine": str(finding.end_line),
        "endColumn": str(finding.end_column),
        "title": f"{finding.code} {finding.name}",
    }
    rendered = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{finding.severity.value} {rendered}::{_escape_data(finding.message)}"


def _escape_data(text: str) -> str:
    # Control characters are shown escaped, as in text output; %, CR and LF as GitHub wants,
    # so a message can never end the command and start another (::set-env, ::add-mask).
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
