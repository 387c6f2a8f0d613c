"""Suppression comments: findings a writer has deliberately accepted, and directives that did nothing.

In Markdown (HTML comments, so nothing shows in the site)::

    <!-- smarthub-disable-next-line TERM001 -->
    <!-- smarthub-disable term.casing -->  ...  <!-- smarthub-enable -->

A comment may run over several lines; ``disable-next-line`` then covers the line after the
one holding ``-->``.

and for a whole file, in front matter: ``smarthub: {disable: [TERM004]}``. Rules are named by
code, name or family; none means every rule. A directive that suppresses nothing is
reported as LINT001, so stale exceptions do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import expand_selectors, register
from smarthub.findings import Finding, Severity
from smarthub.model import SourceFile

_DIRECTIVE = re.compile(
    r"<!--\s*smarthub-(?P<kind>disable-next-line|disable|enable)(?![\w-])(?P<rules>[^>]*?)\s*-->"
)
_EVERY_LINE = 10**9


@dataclass
class Suppression:
    """One directive: the rules it covers (``None``: all), the lines, and whether it was used."""

    source: SourceFile
    start: int
    end: int
    codes: frozenset[str] | None
    first_line: int
    last_line: int
    used: bool = False
    problems: list[str] = field(default_factory=list)

    def covers(self, finding: Finding) -> bool:
        """Whether this directive silences ``finding``."""
        if finding.code == "LINT001":
            return False
        in_lines = self.first_line <= finding.line <= self.last_line
        return in_lines and (self.codes is None or finding.code in self.codes)


def _codes(names: Iterable[str]) -> tuple[frozenset[str] | None, list[str]]:
    names = [name for name in names if name]
    if not names:
        return None, []
    codes, unknown = expand_selectors(names)
    return frozenset(codes), unknown


def collect(source: SourceFile) -> list[Suppression]:
    """Every directive in a file, with its line range resolved."""
    found: list[Suppression] = []
    if not source.comments and "smarthub" not in source.meta:
        return found
    span = source.value_span("smarthub", "disable")
    disable = (
        (source.meta.get("smarthub") or {}).get("disable")
        if isinstance(source.meta.get("smarthub"), dict)
        else None
    )
    if span is not None:
        start, end = span
        names = disable if isinstance(disable, list) else []
        codes, unknown = _codes(str(name) for name in names)
        suppression = Suppression(source, start, end, codes, 1, _EVERY_LINE)
        if not isinstance(disable, list):
            suppression.problems.append("'smarthub.disable' must be a list of rule codes or names")
        suppression.problems += [f"names unknown rule '{name}'" for name in unknown]
        found.append(suppression)

    open_ranges: list[Suppression] = []
    for comment_start, comment_end in source.comments:
        for match in _DIRECTIVE.finditer(source.text, comment_start, comment_end):
            start, end = match.span()
            line = source.position(start)[0]
            codes, unknown = _codes(re.split(r"[\s,]+", match.group("rules").strip()))
            kind = match.group("kind")
            if kind == "enable":
                still_open = []
                for opened in open_ranges:
                    if codes is None or (opened.codes is not None and opened.codes <= codes):
                        opened.last_line = line
                    else:
                        still_open.append(opened)
                open_ranges = still_open
                continue
            if kind == "disable-next-line":  # the line after the comment's last line
                first = last = source.position(end - 1)[0] + 1
            else:
                first, last = line, _EVERY_LINE
            suppression = Suppression(source, start, end, codes, first, last)
            suppression.problems += [f"names unknown rule '{name}'" for name in unknown]
            if kind == "disable":
                open_ranges.append(suppression)
            found.append(suppression)
    return found


UNUSED_SUPPRESSION = register(
    "LINT001",
    "lint.unused-suppression",
    Severity.WARNING,
    "A suppression comment or front-matter disable suppresses nothing.",
    """
What it does: reports `smarthub-disable...` comments and `smarthub: {disable: [...]}` front
matter that silence no finding, or that name a rule that does not exist.

Why: an exception outlives the sentence it was written for; left behind, it would hide the
next real problem on that line.

Example that fails (nothing on the next line breaks a rule):

    <!-- smarthub-disable-next-line TERM001 -->
    Send the email today.

Example that passes (the quoted customer wording is kept on purpose):

    <!-- smarthub-disable-next-line TERM001 -->
    "We loved how every e-mail arrived on time," said the customer.
""",
)(None)


def apply(
    ctx: CheckContext, findings: list[Finding], enabled: set[str], every_rule_enabled: bool
) -> list[Finding]:
    """Drop suppressed findings; add LINT001 for directives that did nothing (when it is enabled)."""
    suppressions = {source.rel: collect(source) for source in ctx.sources()}
    kept: list[Finding] = []
    for finding in findings:
        covering = [each for each in suppressions.get(finding.path, ()) if each.covers(finding)]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(finding)
    if "LINT001" in enabled:
        for in_file in suppressions.values():
            kept.extend(_unused(ctx, in_file, enabled, every_rule_enabled))
    return kept


def _unused(
    ctx: CheckContext, suppressions: list[Suppression], enabled: set[str], every_rule_enabled: bool
) -> Iterator[Finding]:
    for suppression in suppressions:
        if suppression.problems:
            message = (
                f"suppression {suppression.problems[0]}: use a code or name from 'smarthub rules'"
            )
        elif suppression.used:
            continue
        elif suppression.codes is None and not every_rule_enabled:
            continue  # some rules did not run, so "all" may well be needed
        elif suppression.codes is not None and not suppression.codes <= enabled:
            continue
        else:
            message = "suppression silences nothing here: remove it"
        yield ctx.finding(
            UNUSED_SUPPRESSION, suppression.source, suppression.start, suppression.end, message
        )
