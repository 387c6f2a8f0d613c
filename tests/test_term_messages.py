"""What the term rules say, exactly: messages, rule metadata, and the glossary's own files.

The golden cases pin positions and suggestions; these pin the words a writer reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from smarthub.cli import cli
from smarthub.config import load_config
from smarthub.engine import run_check
from tests.conftest import entry

TODAY = dt.date(2026, 11, 23)


def _term(front_matter: str, body: str = "A term.\n") -> str:
    return entry(f"{front_matter}\nowner: sales\napproved_by: [sales, marketing]", body)


GLOSSARY = {
    "glossary/email.md": _term("term: email\navoid:\n  - text: e-mail\n    reason: one word"),
    "glossary/mql.md": _term(
        "term: Marketing Qualified Lead\nabbreviation: MQL\navoid: [hot lead]"
    ),
    "glossary/sql.md": _term("term: Sales Qualified Lead\nabbreviation: SQL"),
    "glossary/srl.md": _term(
        "term: sales-ready lead\nstatus: deprecated\nreplaced_by: sql\navoid: [ready lead]"
    ),
    "glossary/lost.md": _term("term: lost lead\nstatus: deprecated\nreplaced_by: nowhere"),
    "glossary/loop-a.md": _term("term: alpha plan\nstatus: deprecated\nreplaced_by: loop-b"),
    "glossary/loop-b.md": _term("term: beta plan\nstatus: deprecated\nreplaced_by: loop-a"),
    "glossary/hubspot.md": _term("term: HubSpot\ncasing: exact"),
}


@pytest.fixture
def messages(hub: Callable[..., Path]) -> Callable[..., list[str]]:
    def check(page: str, extra: dict[str, str] | None = None) -> list[str]:
        root = hub({**GLOSSARY, **(extra or {}), "content/index.md": page})
        result = run_check(
            load_config(root / "mkdocs.yml"), select=["TERM001", "TERM002", "TERM003"], today=TODAY
        )
        return [f"{f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in result.findings]

    return check


def test_avoided_messages_with_and_without_reason(messages) -> None:
    assert messages("An e-mail to a hot\nlead.\n") == [
        "content/index.md:1:4 TERM001 'e-mail' is not our language (one word): use 'email'",
        "content/index.md:1:16 TERM001 'hot lead' is not our language: "
        "use 'Marketing Qualified Lead'",
    ]


def test_deprecated_messages(messages) -> None:
    assert messages(
        "A sales-ready lead, a Sales-ready lead, a lost lead, an alpha plan, the ready lead.\n"
    ) == [
        "content/index.md:1:3 TERM002 'sales-ready lead' is deprecated: use 'Sales Qualified Lead'",
        "content/index.md:1:23 TERM002 'Sales-ready lead': 'sales-ready lead' is deprecated: "
        "use 'Sales Qualified Lead'",
        "content/index.md:1:43 TERM002 'lost lead' is deprecated",
        "content/index.md:1:57 TERM002 'alpha plan' is deprecated",
        "content/index.md:1:73 TERM001 'ready lead' is not our language: "
        "use 'Sales Qualified Lead'",
    ]


def test_casing_message(messages) -> None:
    assert messages("Sync Hubspot's data.\n") == [
        "content/index.md:1:6 TERM003 'Hubspot's' is written 'HubSpot's' (exact casing)"
    ]


def test_a_glossary_entry_may_use_its_own_forms_but_not_others(messages) -> None:
    own = _term(
        "term: Win rate\navoid: [close rate]",
        "Never say close rate; send an e-mail to ask, or check the hot lead list.\n",
    )
    found = messages("x\n", {"glossary/win-rate.md": own})
    assert [line.split(" TERM")[0] for line in found] == [
        "glossary/win-rate.md:7:31",
        "glossary/win-rate.md:7:59",
    ]


def test_rules_describe_themselves() -> None:
    listing = CliRunner().invoke(cli, ["rules"]).output.splitlines()
    terms = [" ".join(line.split()) for line in listing if line.startswith("TERM00")][:3]
    assert terms == [
        "TERM001 term.avoided error A form the glossary lists under 'avoid' is used. (fixable)",
        "TERM002 term.deprecated warning A form of a deprecated term is used. (fixable)",
        "TERM003 term.casing error A term is written in a case its casing policy does not "
        "allow. (fixable)",
    ]


def test_which_findings_carry_an_automatic_fix(hub: Callable[..., Path]) -> None:
    people = _term("term: Salesperson\nstatus: deprecated\nreplaced_by: seller")
    seller = _term("term: seller person\nstatus: deprecated\nreplaced_by: person")
    person = _term("term: Person")
    page = (
        "A sales-ready lead, a lost lead, an e-mail, Hubspot, two salespersons, a hot **lead**.\n"
    )
    root = hub(
        {
            **GLOSSARY,
            "glossary/salesperson.md": people,
            "glossary/seller.md": seller,
            "glossary/person.md": person,
            "content/index.md": page,
        }
    )
    result = run_check(load_config(root / "mkdocs.yml"), select=["TERM"], today=TODAY)
    found = [(f.match, f.code, f.suggestion, f.edit is not None) for f in result.findings]
    assert found == [
        ("sales-ready lead", "TERM002", "Sales Qualified Lead", True),
        ("lost lead", "TERM002", None, False),
        ("e-mail", "TERM001", "email", True),
        ("Hubspot", "TERM003", "HubSpot", True),
        ("salespersons", "TERM002", "people", False),  # irregular: suggested, not fixed
        ("hot **lead", "TERM001", "Marketing Qualified Lead", False),  # across markup
    ]


@pytest.mark.parametrize(
    ("page", "suggestion"),
    [
        ("the e-mail's subject", "email's"),
        ("the e-mail’s subject", "email’s"),
        ("THE E-MAIL'S SUBJECT", "EMAIL'S"),
        ("THE E-MAIL’S SUBJECT", "EMAIL’S"),
        ("all e-mails' subjects", "emails'"),
        ("all e-mails’ subjects", "emails’"),
        ("ALL E-MAILS' SUBJECTS", "EMAILS'"),
        ("ALL E-MAILS’ SUBJECTS", "EMAILS’"),
        ("ALL E-MAILS", "EMAILS"),
        ("ALL HOT LEADS", "Marketing Qualified Leads"),  # a spelling stays as written
    ],
)
def test_inflections_in_any_case_are_fixed(
    hub: Callable[..., Path], page: str, suggestion: str
) -> None:
    root = hub(
        {
            **GLOSSARY,
            "glossary/email.md": _term("term: email\navoid: [e-mail]"),
            "content/index.md": page + "\n",
        }
    )
    (finding,) = run_check(
        load_config(root / "mkdocs.yml"), select=["TERM001"], today=TODAY
    ).findings
    assert (finding.suggestion, finding.edit is not None) == (suggestion, True)


def test_capital_es_plural_is_fixed(hub: Callable[..., Path]) -> None:
    match = _term("term: Three-way match\navoid: [3-way match]")
    root = hub({"glossary/match.md": match, "content/index.md": "THE 3-WAY MATCHES\n"})
    (finding,) = run_check(
        load_config(root / "mkdocs.yml"), select=["TERM001"], today=TODAY
    ).findings
    assert (finding.suggestion, finding.edit is not None) == ("THREE-WAY MATCHES", True)


@pytest.mark.parametrize(
    ("page", "suggestion", "fixed"),
    [
        ("Two BDRs.", "SDRs", True),
        ("The BDR's queue.", "SDR's", True),
        ("Two bdrs.", "SDRs", True),
        ("Two sales guys.", "SalesPersons", False),  # a spelling's plural is not guessed
        ("The sales guy's desk.", "SalesPerson's", True),
    ],
)
def test_acronym_and_irregular_plurals(
    hub: Callable[..., Path], page: str, suggestion: str, fixed: bool
) -> None:
    sdr = _term("term: Sales development representative\nabbreviation: SDR\navoid: [BDR]")
    people = _term("term: SalesPerson\navoid: [sales guy]")
    root = hub({"glossary/sdr.md": sdr, "glossary/people.md": people, "content/index.md": page})
    (finding,) = run_check(
        load_config(root / "mkdocs.yml"), select=["TERM001"], today=TODAY
    ).findings
    assert (finding.suggestion, finding.edit is not None) == (suggestion, fixed)


PLURALS = {
    "glossary/story.md": _term("term: Sales story\navoid: [sales pitch]"),
    "glossary/match.md": _term("term: Three-way match\navoid: [3-way match]"),
    "glossary/card.md": _term("term: Battlecard\navoid: [battle card]"),
    "glossary/play.md": _term("term: Play\navoid: [tactic]"),
    "glossary/seller.md": _term("term: Salesperson\navoid: [sales rep]"),
    "glossary/analysis.md": _term("term: Deal analysis\navoid: [deal review]"),
    "glossary/sheep.md": _term("term: Sheep\navoid: [lamb]"),
    "glossary/mouse.md": _term("term: Mouse\navoid: [pointer]"),
}


@pytest.mark.parametrize(
    ("page", "suggestion", "fixed"),
    [
        ("Two sales pitches.", "sales stories", True),
        ("Two 3-way matches.", "three-way matches", True),
        ("Two battle cards.", "battlecards", True),
        ("Two tactics.", "plays", True),
        ("Two sales reps.", "salespeople", False),
        ("Two deal reviews.", "deal analyses", False),
        ("Two lambs.", "sheep", False),
        ("Two pointers.", "mice", False),
        ("Two Sales pitches.", "Sales stories", True),
    ],
)
def test_regular_plurals_are_fixed_irregular_ones_only_suggested(
    hub: Callable[..., Path], page: str, suggestion: str, fixed: bool
) -> None:
    root = hub({**PLURALS, "content/index.md": page})
    (finding,) = run_check(
        load_config(root / "mkdocs.yml"), select=["TERM001"], today=TODAY
    ).findings
    assert (finding.suggestion, finding.edit is not None) == (suggestion, fixed)
