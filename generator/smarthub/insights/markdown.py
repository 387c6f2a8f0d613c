"""The report as Markdown: for a pull-request comment, a wiki page or the hub's own site."""

from __future__ import annotations

from smarthub.insights.model import Insights
from smarthub.wording import counted

GAP = "**gap**"


def _cell(text: str) -> str:
    """Table-cell text: a pipe would end the cell, a line break the row."""
    return " ".join(text.replace("|", "\\|").split())


def render_markdown(insights: Insights) -> str:
    """Every section under a level-2 heading; empty sections say so."""
    parts = [
        f"# Hub report, {insights.today.isoformat()}",
        _coverage(insights),
        _overdue(insights),
        _untagged(insights),
        _unused(insights),
        _top_terms(insights),
        _findings(insights),
    ]
    return "\n\n".join(parts) + "\n"


def _coverage(insights: Insights) -> str:
    coverage = insights.coverage
    lines = ["## Coverage", ""]
    if not coverage.rows or not coverage.stages:
        return "\n".join([*lines, "No personas."])
    lines.append(f"Published assets per persona and journey stage; {GAP} marks a cell with none.")
    lines += ["", "| Persona | " + " | ".join(coverage.stages) + " |"]
    lines.append("|---|" + "---:|" * len(coverage.stages))
    for row in coverage.rows:
        cells = " | ".join(str(count) if count else GAP for count in row.counts)
        lines.append(f"| {_cell(row.name)} (`{row.persona}`) | {cells} |")
    cells = len(coverage.rows) * len(coverage.stages)
    lines += ["", f"{counted(len(coverage.gaps), 'gap')} in {counted(cells, 'cell')}."]
    return "\n".join(lines)


def _overdue(insights: Insights) -> str:
    lines = [f"## Overdue reviews ({insights.overdue_count})", ""]
    if not insights.overdue:
        return "\n".join([*lines, "None."])
    for owner, reviews in insights.overdue.items():
        lines += [f"### {owner} ({len(reviews)})", ""]
        lines += ["| File | Title | Reviewed | Due | Days overdue |", "|---|---|---|---|---:|"]
        lines += [
            f"| `{review.path}` | {_cell(review.title)} | {review.reviewed} | {review.due} "
            f"| {review.days_overdue} |"
            for review in reviews
        ]
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def _untagged(insights: Insights) -> str:
    lines = [f"## Assets without personas or stages ({len(insights.untagged)})", ""]
    if not insights.untagged:
        return "\n".join([*lines, "None."])
    lines += [
        f"- `{asset.path}` ({asset.status}): no {' and no '.join(asset.missing)}"
        for asset in insights.untagged
    ]
    return "\n".join(lines)


def _unused(insights: Insights) -> str:
    lines = [f"## Glossary terms used nowhere ({len(insights.unused_terms)})", ""]
    if not insights.unused_terms:
        return "\n".join([*lines, "None."])
    lines += [f"- {term.term} (`{term.path}`)" for term in insights.unused_terms]
    return "\n".join(lines)


def _top_terms(insights: Insights) -> str:
    if not insights.top_terms:
        return "## Most used terms\n\nNone."
    lines = [f"## Most used terms (top {len(insights.top_terms)})", ""]
    lines += ["| # | Term | Uses | Files |", "|---:|---|---:|---:|"]
    lines += [
        f"| {rank} | {_cell(term.term)} | {term.uses} | {term.files} |"
        for rank, term in enumerate(insights.top_terms, start=1)
    ]
    return "\n".join(lines)


def _findings(insights: Insights) -> str:
    lines = ["## Findings by rule", ""]
    if not insights.findings_by_rule:
        return "\n".join([*lines, f"None in {counted(insights.files_checked, 'checked file')}."])
    lines += ["| Code | Name | Severity | Findings |", "|---|---|---|---:|"]
    lines += [
        f"| {rule.code} | `{rule.name}` | {rule.severity} | {rule.count} |"
        for rule in insights.findings_by_rule
    ]
    lines += [
        "",
        f"{counted(insights.errors, 'error')} and {counted(insights.warnings, 'warning')} in "
        f"{counted(insights.files_checked, 'checked file')}.",
    ]
    return "\n".join(lines)
