"""Suggestions an editor would sign: which are fixed automatically, and mentions in quotes.

The golden cases (``rules/cases/TERM001.suggestion-casing.yml``, ``.plurals.yml``,
``.acronyms.yml``, ``TERM002.one-step.yml``) pin the suggested text; these tests pin what
``--fix`` writes and what it leaves for a person.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from smarthub.checks.context import CheckContext
from smarthub.checks.suggestion import is_acronym, is_spelling
from smarthub.checks.terms import check_avoided, check_casing, check_deprecated
from smarthub.config import load_config
from smarthub.load import load_hub
from tests.conftest import entry
from tests.test_cli import run

TODAY = dt.date(2026, 11, 23)


def _term(front_matter: str) -> str:
    return entry(f"{front_matter}\nowner: sales\napproved_by: [sales, marketing]", "A term.\n")


GLOSSARY = {
    "glossary/salesperson.md": _term("term: Salesperson\navoid: [sales rep]"),
    "glossary/sales-story.md": _term("term: Sales story\navoid: [sales pitch]"),
    "glossary/win-rate.md": _term("term: Win rate\ncasing: sentence\navoid: [close rate]"),
    "glossary/hubspot.md": _term("term: HubSpot\ncasing: exact\navoid: [hub-spot]"),
    "glossary/sdr.md": _term(
        "term: Sales development representative\nabbreviation: SDR\navoid: [BDR]"
    ),
    "glossary/email.md": _term("term: Email\navoid: [e-mail]"),
    "glossary/email-campaign.md": _term("term: Email campaign\navoid: [email blast]"),
    "glossary/old.md": _term(
        "term: sales-ready lead\navoid: [ready lead]\nstatus: deprecated\nreplaced_by: sql"
    ),
    "glossary/sql.md": _term("term: Sales-qualified lead\nabbreviation: SQL"),
}


@pytest.fixture
def make(hub: Callable[..., Path]) -> Callable[[str], Path]:
    def write(page: str) -> Path:
        return hub({**GLOSSARY, "content/index.md": page})

    return write


def test_irregular_plural_is_suggested_but_not_fixed(make: Callable[[str], Path]) -> None:
    page = "Ask the sales reps. Read the sales pitches.\n"
    root = make(page)
    done = run(root, "check", "--fix")
    assert (root / "content/index.md").read_text() == (
        "Ask the sales reps. Read the sales stories.\n"
    )
    assert done.stderr == (
        "content/index.md:1:30: fixed TERM001 'sales pitches' -> 'sales stories'\n"
        "Fixed 1 finding.\n"
    )
    assert done.stdout.startswith(
        "content/index.md:1:9: error TERM001 'sales reps' is not our language: use 'salespeople'"
    )
    assert done.returncode == 1


def test_fixes_take_the_writers_case(make: Callable[[str], Path]) -> None:
    root = make(
        "Track the close rate. Close rate matters.\n\n"
        "SALES PITCHES ONLY\n\n"
        "Ask the BDR. BDRs call first.\n\n"
        "Sync with hub-spot. The ready lead waits.\n"
    )
    done = run(root, "check", "--fix")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (root / "content/index.md").read_text() == (
        "Track the win rate. Win rate matters.\n\n"
        "SALES STORIES ONLY\n\n"
        "Ask the SDR. SDRs call first.\n\n"
        "Sync with HubSpot. The sales-qualified lead waits.\n"
    )
    assert run(root, "check", "--fix").stderr == "Fixed 0 findings.\n"


def test_fix_repeats_until_nothing_changes(make: Callable[[str], Path]) -> None:
    # Fixing `e-mail` makes `email blast`, an avoided form of another term: a second pass.
    root = make("Send the e-mail blast.\n")
    done = run(root, "check", "--fix")
    assert (root / "content/index.md").read_text() == "Send the email campaign.\n"
    assert done.stderr == (
        "content/index.md:1:10: fixed TERM001 'e-mail' -> 'email'\n"
        "content/index.md:1:10: fixed TERM001 'email blast' -> 'email campaign'\n"
        "Fixed 2 findings.\n"
    )
    assert done.returncode == 0
    again = run(root, "check", "--fix")
    assert again.stderr == "Fixed 0 findings.\n"
    assert (root / "content/index.md").read_text() == "Send the email campaign.\n"


def test_fix_never_writes_a_finding_it_cannot_fix(make: Callable[[str], Path]) -> None:
    # Fixing `e-mail` here would make `email **blast**`, an avoided form across markup that
    # no fix may touch: that edit is undone, and the file keeps only findings it had.
    page = "Send the e-mail **blast**. Another e-mail.\n"
    root = make(page)
    done = run(root, "check", "--fix")
    assert (root / "content/index.md").read_text() == (
        "Send the e-mail **blast**. Another email.\n"
    )
    assert done.stderr == (
        "content/index.md:1:36: fixed TERM001 'e-mail' -> 'email'\nFixed 1 finding.\n"
    )
    assert done.stdout == (
        "content/index.md:1:10: error TERM001 'e-mail' is not our language: use 'email' "
        "[term.avoided]\n"
        "Found 1 error and 0 warnings in 1 file (checked 10 files).\n"
    )
    assert run(root, "check", "--fix").stderr == "Fixed 0 findings.\n"


def test_fix_loop_is_bounded(make: Callable[[str], Path]) -> None:
    from smarthub import fix
    from smarthub.engine import run_check

    root = make("Send the e-mail blast.\n")
    config = load_config(root / "mkdocs.yml")

    def rerun():
        return run_check(config, today=TODAY)

    outcome = fix.fix_until_stable(rerun(), rerun, max_passes=1)
    assert [finding.match for finding in outcome.applied] == ["e-mail"]
    assert outcome.unsettled == ["content/index.md"]
    assert (root / "content/index.md").read_text() == "Send the email blast.\n"


def test_fix_help_names_the_fixable_rules_from_the_registry(make: Callable[[str], Path]) -> None:
    root = make("x\n")
    help_text = " ".join(run(root, "check", "--help").stdout.split())
    assert "Apply the safe fixes of TERM001, TERM002, TERM003, VOICE001 in place" in help_text
    listing = run(root, "rules").stdout.splitlines()
    assert [line.split()[0] for line in listing if line.endswith("(fixable)")] == [
        "TERM001",
        "TERM002",
        "TERM003",
        "VOICE001",
    ]


def _context_with_quotes(root: Path, quoted: str) -> tuple[CheckContext, Path]:
    """The real hub, with the page's region given quotation marks around ``quoted``."""
    config = load_config(root / "mkdocs.yml")
    hub = load_hub(config)
    page = next(source for source in hub.sources if source.rel == "content/index.md")
    region = page.regions[0]
    start = region.text.index(quoted)
    page.regions[0] = dataclasses.replace(region, quotes=((start - 1, start + len(quoted) + 1),))
    return CheckContext(hub=hub, today=TODAY, reported={"content/index.md"}), root


@pytest.mark.parametrize(
    ("page", "quoted", "rule"),
    [
        ('We say email, never "e-mail".\n', "e-mail", check_avoided),
        ('We no longer say "sales-ready lead".\n', "sales-ready lead", check_deprecated),
        ('The old spelling "Hubspot" is gone.\n', "Hubspot", check_casing),
    ],
    ids=["TERM001", "TERM002", "TERM003"],
)
def test_term_rules_skip_a_quoted_mention(
    make: Callable[[str], Path], page: str, quoted: str, rule
) -> None:
    context, _ = _context_with_quotes(make(page + page), quoted)
    found = [(finding.line, finding.column) for finding in rule.check(context)]
    assert found == [(2, page.index(quoted) + 1)]  # the first is quoted, the second is not


def test_check_quoted_terms_option_checks_quotes_too(hub: Callable[..., Path]) -> None:
    root = hub(
        {**GLOSSARY, "content/index.md": 'We say email, never "e-mail".\n'},
        {"check_quoted_terms": True},
    )
    context, _ = _context_with_quotes(root, "e-mail")
    assert [(f.line, f.column) for f in check_avoided.check(context)] == [(1, 22)]


def test_check_quoted_terms_must_be_true_or_false(hub: Callable[..., Path]) -> None:
    root = hub({"content/index.md": "x\n"}, {"check_quoted_terms": "yes"})
    done = run(root, "check")
    assert done.returncode == 2
    assert "plugins.smarthub.check_quoted_terms: expected true or false, got 'yes'" in done.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [("BDR", True), ("B2B", True), ("M&A", True), ("SDRs", False), ("A", False), ("Hub", False)],
)
def test_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


def test_title_or_spelling(hub: Callable[..., Path]) -> None:
    terms = load_hub(load_config(hub(GLOSSARY) / "mkdocs.yml")).terms
    assert not is_spelling("Win rate", terms["win-rate"])
    assert not is_spelling("Sales development representative", terms["sdr"])
    assert is_spelling("SDR", terms["sdr"])
    assert is_spelling("HubSpot", terms["hubspot"])
    assert is_spelling("Sales-Qualified lead", terms["sql"])


def test_plurals_load_inflect_without_typeguard_instrumentation() -> None:
    # inflect 7 instruments its API with typeguard at import (1-5 s); smarthub imports it
    # with a stand-in, which must not stay behind for other code.
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from smarthub.checks.suggestion import _inflect\n"
        "print('inflect' in sys.modules)\n"
        "print(_inflect().plural_noun('story'), 'typeguard' in sys.modules, 'inflect' in sys.modules)\n"
        "print(_inflect() is _inflect())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout == "False\nstories False True\nTrue\n"
    loaded_first = (
        "import sys, typeguard\n"
        "from smarthub.checks.suggestion import _inflect\n"
        "_inflect()\n"
        "print(sys.modules['typeguard'] is typeguard)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", loaded_first],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout == "True\n"  # a typeguard imported before is put back as it was
