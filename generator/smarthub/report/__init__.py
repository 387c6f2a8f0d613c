"""Reporters: one module per output format, each a function of the check result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smarthub.engine import CheckResult

Reporter = Callable[["CheckResult"], str]


def reporter_for(name: str, *, color: bool = False) -> Reporter:
    """The reporter for an output format name."""
    if name == "json":
        from smarthub.report.json import render_json

        return render_json
    if name == "sarif":
        from smarthub.report.sarif import render_sarif

        return render_sarif
    if name == "github":
        from smarthub.report.github import render_github

        return render_github
    if name == "rdjson":
        from smarthub.report.rdjson import render_rdjson

        return render_rdjson
    if name == "junit":
        from smarthub.report.junit import render_junit

        return render_junit
    from smarthub.report.text import render_text

    return lambda result: render_text(result, show_source=color, color=color)


FORMATS = ("text", "json", "sarif", "github", "junit", "rdjson")
