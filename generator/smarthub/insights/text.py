"""The report as plain text for a terminal: aligned tables, one section after another."""

from __future__ import annotations

from smarthub.insights.model import Insights
from smarthub.wording import counted

GAP = "-"


def render_text(insights: Insights) -> str:
    """Every section of the report, each under a title line; empty sections say so."""
    lines = [f"smarthub report as of {insights.today.isoformat()}", ""]
    lines += _coverage(insights)
    lines += _overdue(insights)
    lines += _untagged(insights)
    lines += _unused(insights)
    lines += _top_terms(insights)
    lines += _findings(insights)
    return "\n".join(lines).rstrip("\n") + "\n"


def _coverage(insights: Insights) -> list[str]:
    coverage = insights.coverage
    lines = [f"Coverage: published assets per persona and stage ({GAP} marks a gap)"]
    if not coverage.rows or not coverage.stages:
        return [*lines, "  No personas.", ""]
    first = max(len("persona"), *(len(row.persona) for row in coverage.rows))
    widths = [len(stage) for stage in coverage.stages]
    header = "  " + "persona".ljust(first)
    header += "".join(f"  {stage}" for stage in coverage.stages)
    lines.append(header)
    for row in coverage.rows:
        cells = "".join(
            f"  {(str(count) if count else GAP):>{width}}"
            for count, width in zip(row.counts, widths, strict=True)
        )
        lines.append(f"  {row.persona.ljust(first)}{cells}")
    cells = len(coverage.rows) * len(coverage.stages)
    lines += [f"  {counted(len(coverage.gaps), 'gap')} in {counted(cells, 'cell')}.", ""]
    return lines


def _overdue(insights: Insights) -> list[str]:
    lines = [f"Overdue reviews by owner ({insights.overdue_count})"]
    if not insights.overdue:
        return [*lines, "  None.", ""]
    for owner, reviews in insights.overdue.items():
        lines.append(f"  {owner} ({len(reviews)})")
        for review in reviews:
            lines.append(
                f"    {review.path}: {counted(review.days_overdue, 'day')} overdue "
                f"(reviewed {review.reviewed}, due {review.due}, every {review.interval} days)"
            )
    return [*lines, ""]


def _untagged(insights: Insights) -> list[str]:
    lines = [f"Assets without personas or stages ({len(insights.untagged)})"]
    if not insights.untagged:
        return [*lines, "  None.", ""]
    for asset in insights.untagged:
        missing = " and no ".join(asset.missing)
        lines.append(f"  {asset.path} ({asset.status}): no {missing}")
    return [*lines, ""]


def _unused(insights: Insights) -> list[str]:
    lines = [f"Glossary terms used nowhere ({len(insights.unused_terms)})"]
    if not insights.unused_terms:
        return [*lines, "  None.", ""]
    lines += [f"  {term.term} ({term.path})" for term in insights.unused_terms]
    return [*lines, ""]


def _top_terms(insights: Insights) -> list[str]:
    if not insights.top_terms:
        return ["Most used terms", "  None.", ""]
    lines = [f"Most used terms (top {len(insights.top_terms)})"]
    width = max(len(term.term) for term in insights.top_terms)
    for rank, term in enumerate(insights.top_terms, start=1):
        lines.append(
            f"  {rank:>2}. {term.term.ljust(width)}  {counted(term.uses, 'use')} "
            f"in {counted(term.files, 'file')}"
        )
    return [*lines, ""]


def _findings(insights: Insights) -> list[str]:
    lines = ["Findings by rule"]
    if not insights.findings_by_rule:
        return [*lines, f"  None: checked {counted(insights.files_checked, 'file')}.", ""]
    name_width = max(len(rule.name) for rule in insights.findings_by_rule)
    for rule in insights.findings_by_rule:
        lines.append(
            f"  {rule.code}  {rule.name.ljust(name_width)}  {rule.severity:<7}  {rule.count}"
        )
    lines.append(
        f"  {counted(insights.errors, 'error')} and {counted(insights.warnings, 'warning')} "
        f"in {counted(insights.files_checked, 'checked file')}."
    )
    return [*lines, ""]
