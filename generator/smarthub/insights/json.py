"""The report as JSON: a stable, versioned document for dashboards and scripts."""

from __future__ import annotations

import json
from typing import Any

from smarthub.insights.model import Insights

SCHEMA_VERSION = 1


def report_document(insights: Insights) -> dict[str, Any]:
    """The report as plain data (dates as ISO strings), keys in a fixed order."""
    coverage = insights.coverage
    return {
        "version": SCHEMA_VERSION,
        "today": insights.today.isoformat(),
        "coverage": {
            "stages": list(coverage.stages),
            "personas": [
                {
                    "id": row.persona,
                    "name": row.name,
                    "counts": dict(zip(coverage.stages, row.counts, strict=True)),
                }
                for row in coverage.rows
            ],
            "gaps": [{"persona": persona, "stage": stage} for persona, stage in coverage.gaps],
        },
        "overdue_reviews": [
            {
                "owner": owner,
                "entries": [
                    {
                        "path": review.path,
                        "kind": review.kind,
                        "id": review.id,
                        "title": review.title,
                        "reviewed": review.reviewed.isoformat(),
                        "due": review.due.isoformat(),
                        "interval_days": review.interval,
                        "days_overdue": review.days_overdue,
                    }
                    for review in reviews
                ],
            }
            for owner, reviews in insights.overdue.items()
        ],
        "untagged_assets": [
            {
                "path": asset.path,
                "id": asset.id,
                "title": asset.title,
                "status": asset.status,
                "missing": list(asset.missing),
            }
            for asset in insights.untagged
        ],
        "unused_terms": [
            {"id": term.id, "term": term.term, "path": term.path} for term in insights.unused_terms
        ],
        "top_terms": [
            {"id": term.id, "term": term.term, "uses": term.uses, "files": term.files}
            for term in insights.top_terms
        ],
        "findings_by_rule": [
            {"code": rule.code, "name": rule.name, "severity": rule.severity, "count": rule.count}
            for rule in insights.findings_by_rule
        ],
        "summary": {
            "files_checked": insights.files_checked,
            "errors": insights.errors,
            "warnings": insights.warnings,
            "gaps": len(coverage.gaps),
            "overdue_reviews": insights.overdue_count,
            "untagged_assets": len(insights.untagged),
            "unused_terms": len(insights.unused_terms),
        },
    }


def render_json(insights: Insights) -> str:
    """The report document, indented, UTF-8 text."""
    return json.dumps(report_document(insights), indent=2, ensure_ascii=False) + "\n"
