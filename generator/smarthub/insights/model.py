"""The facts ``smarthub report`` shows, computed once from one check run."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from smarthub.config import HubConfig
from smarthub.engine import CheckResult, run_check
from smarthub.insights.reviews import OverdueReview, overdue_by_owner
from smarthub.insights.usage import TermUsage, most_used, term_usage, unused_terms
from smarthub.model import Hub


@dataclass(frozen=True)
class CoverageRow:
    """One persona's published assets per journey stage (counts in journey order)."""

    persona: str
    name: str
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Coverage:
    """The persona × stage matrix of published assets; a zero cell is a gap."""

    stages: tuple[str, ...]
    rows: tuple[CoverageRow, ...]

    @property
    def gaps(self) -> list[tuple[str, str]]:
        """``(persona, stage)`` pairs with no published asset, row by row."""
        return [
            (row.persona, stage)
            for row in self.rows
            for stage, count in zip(self.stages, row.counts, strict=True)
            if count == 0
        ]


@dataclass(frozen=True)
class UntaggedAsset:
    """An asset (not retired) that names no persona or no stage."""

    path: str
    id: str
    title: str
    status: str
    missing: tuple[str, ...]  # "personas", "stages"


@dataclass(frozen=True)
class RuleCount:
    """How many findings one rule produced."""

    code: str
    name: str
    severity: str
    count: int


@dataclass(frozen=True)
class Insights:
    """Everything the report shows."""

    today: dt.date
    coverage: Coverage
    overdue: dict[str, list[OverdueReview]]
    untagged: list[UntaggedAsset]
    unused_terms: list[TermUsage]
    top_terms: list[TermUsage]
    findings_by_rule: list[RuleCount]
    files_checked: int
    errors: int
    warnings: int

    @property
    def overdue_count(self) -> int:
        """How many entries are overdue for review."""
        return sum(len(reviews) for reviews in self.overdue.values())


def build_insights(config: HubConfig, today: dt.date | None = None) -> Insights:
    """Run the check once and gather the report's facts from its loaded hub."""
    day = today or dt.date.today()
    result = run_check(config, today=day)
    return insights_from(result, day)


def insights_from(result: CheckResult, today: dt.date) -> Insights:
    """The report's facts for a finished check run."""
    hub = result.hub
    usage = term_usage(hub, result.context)
    return Insights(
        today=today,
        coverage=coverage(hub),
        overdue=overdue_by_owner(hub, today),
        untagged=untagged_assets(hub),
        unused_terms=unused_terms(usage),
        top_terms=most_used(usage),
        findings_by_rule=findings_by_rule(result),
        files_checked=result.files,
        errors=result.errors,
        warnings=result.warnings,
    )


def coverage(hub: Hub) -> Coverage:
    """Published assets per persona (by id) and journey stage (in journey order)."""
    stages = tuple(hub.config.journey)
    published = [asset for asset in hub.assets.values() if asset.status == "published"]
    rows = tuple(
        CoverageRow(
            persona.id,
            persona.name,
            tuple(sum(asset.serves(persona.id, stage) for asset in published) for stage in stages),
        )
        for persona in sorted(hub.personas.values(), key=lambda persona: persona.id)
    )
    return Coverage(stages, rows)


def untagged_assets(hub: Hub) -> list[UntaggedAsset]:
    """Draft and published assets without personas or without stages, by path."""
    found = []
    for asset in hub.assets.values():
        missing = tuple(key for key in ("personas", "stages") if not getattr(asset, key))
        if missing and asset.status != "retired":
            found.append(
                UntaggedAsset(asset.source.rel, asset.id, asset.title, asset.status, missing)
            )
    return sorted(found, key=lambda asset: asset.path)


def findings_by_rule(result: CheckResult) -> list[RuleCount]:
    """Findings counted per rule code, in code order, with the severity they were given."""
    counts = Counter(finding.code for finding in result.findings)
    first = {}
    for finding in result.findings:
        first.setdefault(finding.code, finding)
    return [
        RuleCount(code, first[code].name, first[code].severity.value, counts[code])
        for code in sorted(counts)
    ]
