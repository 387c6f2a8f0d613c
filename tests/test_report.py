"""``smarthub report``: exact output per format on a small hub, and the numbers behind it.

The hub below is built so every number can be checked by hand (today is 2026-12-15):

- coverage: cfo has a published asset in every stage; controller lacks awareness (1 gap);
- overdue: email (reviewed 2026-06-01 + 180 days = 2026-11-28, 17 days), cfo (2026-01-10 +
  180 = 2026-07-09, 159 days), hand-off (2026-05-01 + 180 = 2026-10-28, 48 days), vs-acme
  (battlecard: 2026-09-01 + 90 = 2026-11-30, 15 days); the retired case study is never due;
- untagged: the draft one-pager (the retired case study is left out);
- usage: MQL twice in vs-acme, "marketing qualified lead" in overview, "MQL" in the
  deprecated entry's definition and in the playbook's title (5 uses, 4 files); email in
  cfo, vs-acme, draft and index (4 uses, 4 files; "e-mail" is a misuse, not a use);
  smarketing is used nowhere; the deprecated sales-ready lead is not listed as unused;
- findings: REVW001 for those four entries, TERM001 for "e-mail".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from smarthub.config import load_config
from smarthub.engine import run_check
from smarthub.insights import FORMATS, build_insights
from smarthub.model.reviews import is_overdue, review_due, review_interval
from tests.conftest import entry
from tests.test_cli import run

TODAY = "2026-12-15"
OPTIONS = {
    "journey": ["awareness", "consideration", "decision"],
    "review_intervals": {"battlecard": 90},
}
FILES = {
    "glossary/email.md": entry(
        """
        term: email
        avoid: [e-mail]
        owner: marketing
        approved_by: [sales, marketing]
        reviewed: 2026-06-01
        """,
        "A message to an inbox.\n",
    ),
    "glossary/marketing-qualified-lead.md": entry(
        """
        term: Marketing Qualified Lead
        abbreviation: MQL
        owner: marketing
        approved_by: [sales, marketing]
        reviewed: 2026-10-01
        """,
        "A lead that marketing scored above the threshold.\n",
    ),
    "glossary/sales-ready-lead.md": entry(
        """
        term: Sales-ready lead
        status: deprecated
        replaced_by: marketing-qualified-lead
        owner: sales
        """,
        "Retired: say MQL.\n",
    ),
    "glossary/smarketing.md": entry(
        """
        term: Smarketing
        status: proposed
        owner: sales
        """,
        "Sales and marketing as one team.\n",
    ),
    "personas/cfo.md": entry(
        """
        name: Carla, the finance chief
        role: Chief Financial Officer
        owner: marketing
        reviewed: 2026-01-10
        """,
        "Reads every email from her controller.\n",
    ),
    "personas/controller.md": entry(
        """
        name: Rachel, the controller
        role: Controller
        owner: sales
        """,
        "Owns the close.\n",
    ),
    "playbooks/hand-off.md": entry(
        """
        title: MQL hand-off
        owner: sales
        reviewed: 2026-05-01
        """,
        "Call within four hours.\n",
    ),
    "content/battlecards/vs-acme.md": entry(
        """
        title: Acme battlecard
        type: battlecard
        owner: sales
        status: published
        reviewed: 2026-09-01
        personas: [cfo, controller]
        stages: [consideration, decision]
        """,
        "Send the MQL an email. Every MQL counts.\n",
    ),
    "content/one-pagers/overview.md": entry(
        """
        title: Overview
        type: one-pager
        owner: marketing
        status: published
        reviewed: 2026-11-01
        personas: [cfo]
        stages: [awareness]
        """,
        "Send the e-mail to every marketing qualified lead.\n",
    ),
    "content/one-pagers/draft.md": entry(
        """
        title: Draft pager
        type: one-pager
        owner: marketing
        status: draft
        reviewed: 2026-12-01
        """,
        "Email first.\n",
    ),
    "content/case-studies/old.md": entry(
        """
        title: Old story
        type: case-study
        owner: marketing
        status: retired
        reviewed: 2020-01-01
        """,
        "Long ago.\n",
    ),
    "content/index.md": "# Welcome\n\nOur email hub.\n",
}

EXPECTED_TEXT = """\
smarthub report as of 2026-12-15

Coverage: published assets per persona and stage (- marks a gap)
  persona     awareness  consideration  decision
  cfo                 1              1         1
  controller          -              1         1
  1 gap in 6 cells.

Overdue reviews by owner (4)
  marketing (2)
    personas/cfo.md: 159 days overdue (reviewed 2026-01-10, due 2026-07-09, every 180 days)
    glossary/email.md: 17 days overdue (reviewed 2026-06-01, due 2026-11-28, every 180 days)
  sales (2)
    playbooks/hand-off.md: 48 days overdue (reviewed 2026-05-01, due 2026-10-28, every 180 days)
    content/battlecards/vs-acme.md: 15 days overdue (reviewed 2026-09-01, due 2026-11-30, every 90 days)

Assets without personas or stages (1)
  content/one-pagers/draft.md (draft): no personas and no stages

Glossary terms used nowhere (1)
  Smarketing (glossary/smarketing.md)

Most used terms (top 2)
   1. Marketing Qualified Lead  5 uses in 4 files
   2. email                     4 uses in 4 files

Findings by rule
  REVW001  review.overdue  warning  4
  TERM001  term.avoided    error    1
  1 error and 4 warnings in 12 checked files.
"""

EXPECTED_MARKDOWN = """\
# Hub report, 2026-12-15

## Coverage

Published assets per persona and journey stage; **gap** marks a cell with none.

| Persona | awareness | consideration | decision |
|---|---:|---:|---:|
| Carla, the finance chief (`cfo`) | 1 | 1 | 1 |
| Rachel, the controller (`controller`) | **gap** | 1 | 1 |

1 gap in 6 cells.

## Overdue reviews (4)

### marketing (2)

| File | Title | Reviewed | Due | Days overdue |
|---|---|---|---|---:|
| `personas/cfo.md` | Carla, the finance chief | 2026-01-10 | 2026-07-09 | 159 |
| `glossary/email.md` | email | 2026-06-01 | 2026-11-28 | 17 |

### sales (2)

| File | Title | Reviewed | Due | Days overdue |
|---|---|---|---|---:|
| `playbooks/hand-off.md` | MQL hand-off | 2026-05-01 | 2026-10-28 | 48 |
| `content/battlecards/vs-acme.md` | Acme battlecard | 2026-09-01 | 2026-11-30 | 15 |

## Assets without personas or stages (1)

- `content/one-pagers/draft.md` (draft): no personas and no stages

## Glossary terms used nowhere (1)

- Smarketing (`glossary/smarketing.md`)

## Most used terms (top 2)

| # | Term | Uses | Files |
|---:|---|---:|---:|
| 1 | Marketing Qualified Lead | 5 | 4 |
| 2 | email | 4 | 4 |

## Findings by rule

| Code | Name | Severity | Findings |
|---|---|---|---:|
| REVW001 | `review.overdue` | warning | 4 |
| TERM001 | `term.avoided` | error | 1 |

1 error and 4 warnings in 12 checked files.
"""


def overdue_entry(path: str, kind: str, title: str, dates: tuple[str, str, int, int]) -> dict:
    reviewed, due, interval, days = dates
    return {
        "path": path,
        "kind": kind,
        "id": Path(path).stem,
        "title": title,
        "reviewed": reviewed,
        "due": due,
        "interval_days": interval,
        "days_overdue": days,
    }


EXPECTED_JSON = {
    "version": 1,
    "today": "2026-12-15",
    "coverage": {
        "stages": ["awareness", "consideration", "decision"],
        "personas": [
            {
                "id": "cfo",
                "name": "Carla, the finance chief",
                "counts": {"awareness": 1, "consideration": 1, "decision": 1},
            },
            {
                "id": "controller",
                "name": "Rachel, the controller",
                "counts": {"awareness": 0, "consideration": 1, "decision": 1},
            },
        ],
        "gaps": [{"persona": "controller", "stage": "awareness"}],
    },
    "overdue_reviews": [
        {
            "owner": "marketing",
            "entries": [
                overdue_entry(
                    "personas/cfo.md",
                    "persona",
                    "Carla, the finance chief",
                    ("2026-01-10", "2026-07-09", 180, 159),
                ),
                overdue_entry(
                    "glossary/email.md", "term", "email", ("2026-06-01", "2026-11-28", 180, 17)
                ),
            ],
        },
        {
            "owner": "sales",
            "entries": [
                overdue_entry(
                    "playbooks/hand-off.md",
                    "playbook",
                    "MQL hand-off",
                    ("2026-05-01", "2026-10-28", 180, 48),
                ),
                overdue_entry(
                    "content/battlecards/vs-acme.md",
                    "asset",
                    "Acme battlecard",
                    ("2026-09-01", "2026-11-30", 90, 15),
                ),
            ],
        },
    ],
    "untagged_assets": [
        {
            "path": "content/one-pagers/draft.md",
            "id": "draft",
            "title": "Draft pager",
            "status": "draft",
            "missing": ["personas", "stages"],
        }
    ],
    "unused_terms": [{"id": "smarketing", "term": "Smarketing", "path": "glossary/smarketing.md"}],
    "top_terms": [
        {
            "id": "marketing-qualified-lead",
            "term": "Marketing Qualified Lead",
            "uses": 5,
            "files": 4,
        },
        {"id": "email", "term": "email", "uses": 4, "files": 4},
    ],
    "findings_by_rule": [
        {"code": "REVW001", "name": "review.overdue", "severity": "warning", "count": 4},
        {"code": "TERM001", "name": "term.avoided", "severity": "error", "count": 1},
    ],
    "summary": {
        "files_checked": 12,
        "errors": 1,
        "warnings": 4,
        "gaps": 1,
        "overdue_reviews": 4,
        "untagged_assets": 1,
        "unused_terms": 1,
    },
}


@pytest.fixture
def report_hub(hub: Callable[..., Path]) -> Path:
    return hub(FILES, OPTIONS)


def report(root: Path, *args: str) -> str:
    done = run(root, "report", "--today", TODAY, *args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_text_report_is_exact(report_hub: Path) -> None:
    assert report(report_hub) == EXPECTED_TEXT
    assert report(report_hub, "--format", "text") == EXPECTED_TEXT


def test_markdown_report_is_exact(report_hub: Path) -> None:
    assert report(report_hub, "--format", "markdown") == EXPECTED_MARKDOWN


def test_json_report_is_exact(report_hub: Path) -> None:
    text = report(report_hub, "--format", "json")
    assert json.loads(text) == EXPECTED_JSON
    assert text == json.dumps(EXPECTED_JSON, indent=2, ensure_ascii=False) + "\n"


def test_report_exits_0_even_with_findings_and_2_on_bad_input(report_hub: Path) -> None:
    assert run(report_hub, "check", "--today", TODAY).returncode == 1
    for args in (["--today", "soon"], ["--format", "html"]):
        done = run(report_hub, "report", *args)
        assert done.returncode == 2
        assert "Traceback" not in done.stderr


def test_empty_hub_says_none_everywhere(hub: Callable[..., Path]) -> None:
    text = report(hub({}))
    assert text == (
        "smarthub report as of 2026-12-15\n\n"
        "Coverage: published assets per persona and stage (- marks a gap)\n  No personas.\n\n"
        "Overdue reviews by owner (0)\n  None.\n\n"
        "Assets without personas or stages (0)\n  None.\n\n"
        "Glossary terms used nowhere (0)\n  None.\n\n"
        "Most used terms\n  None.\n\n"
        "Findings by rule\n  None: checked 0 files.\n"
    )


def test_cli_format_choices_match_the_insights_package() -> None:
    from smarthub.cli import report_command

    choice = next(param for param in report_command.params if param.name == "output_format")
    assert tuple(choice.type.choices) == FORMATS


def test_top_terms_stop_at_ten(hub: Callable[..., Path]) -> None:
    terms = {
        f"glossary/word{n:02}.md": entry(f"term: word{n:02}\nowner: sales", "A word.\n")
        for n in range(12)
    }
    body = " ".join(f"word{n:02}" for n in range(12) for _ in range(n + 1))
    root = hub({**terms, "content/index.md": body + "\n"})
    document = json.loads(report(root, "--format", "json"))
    assert [term["id"] for term in document["top_terms"]] == [
        f"word{n:02}" for n in range(11, 1, -1)
    ]
    assert [term["uses"] for term in document["top_terms"]] == list(range(12, 2, -1))


# -- the shared review arithmetic ------------------------------------------------------


def test_review_arithmetic_matches_revw001_on_the_sample_hub() -> None:
    """The report and REVW001 must agree on every day of a year (one shared function)."""
    root = Path(__file__).resolve().parents[1]
    config = load_config(root / "mkdocs.yml")
    for day in (dt.date(2026, 11, 23), dt.date(2027, 3, 1), dt.date(2027, 9, 1)):
        flagged = {
            finding.path for finding in run_check(config, select=["REVW001"], today=day).findings
        }
        insights = build_insights(config, day)
        listed = {review.path for reviews in insights.overdue.values() for review in reviews}
        assert listed == flagged


def test_review_due_per_kind(report_hub: Path) -> None:
    config = load_config(report_hub / "mkdocs.yml")
    hub = run_check(config, today=dt.date(2026, 12, 15)).hub
    acme = hub.assets["vs-acme"]
    assert review_interval(acme, config) == 90
    assert review_due(acme, config) == dt.date(2026, 11, 30)
    assert is_overdue(acme, config, dt.date(2026, 12, 1))
    assert not is_overdue(acme, config, dt.date(2026, 11, 30))  # due today is not overdue
    retired = hub.assets["old"]
    assert review_interval(retired, config) is None and review_due(retired, config) is None
    assert review_due(hub.personas["controller"], config) is None  # never reviewed
    assert review_interval(hub.terms["email"], config) == 180
