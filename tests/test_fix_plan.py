"""``smarthub.fix`` in process: the plan, the diff, the write and the loop until stable.

The command-line tests (``test_fix.py``, ``test_fix_suggestions.py``) show what a user
sees; these pin each step exactly and run fast enough for mutation testing.
"""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from smarthub import fix
from smarthub.config import load_config
from smarthub.engine import CheckResult, run_check
from smarthub.findings import Edit
from tests.test_fix_suggestions import GLOSSARY

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def check(hub: Callable[..., Path]) -> Callable[..., tuple[Path, Callable[[], CheckResult]]]:
    """Write a hub with one page and return its root and a function that checks it again."""

    def make(page: str | bytes) -> tuple[Path, Callable[[], CheckResult]]:
        root = hub({**GLOSSARY, "content/index.md": page})
        config = load_config(root / "mkdocs.yml")
        return root, lambda: run_check(config, today=TODAY)

    return make


def test_plan_applies_every_safe_edit_and_records_where_it_landed(check) -> None:
    _, rerun = check("An e-mail, a BDR and the close rate.\n")
    (plan,) = fix.plan(rerun())
    assert plan.path == "content/index.md"
    assert plan.new_text == "An email, a SDR and the win rate.\n"  # articles are not fixed
    assert [finding.match for finding in plan.fixed] == ["e-mail", "BDR", "close rate"]
    assert plan.inserted == [(3, 8), (12, 15), (24, 32)]
    assert [plan.new_text[start:end] for start, end in plan.inserted] == [
        "email",
        "SDR",
        "win rate",
    ]


def test_plan_takes_only_the_codes_asked_for(check) -> None:
    _, rerun = check("An e-mail to Hubspot.\n")
    result = rerun()
    assert [p.new_text for p in fix.plan(result)] == ["An email to HubSpot.\n"]
    assert [p.new_text for p in fix.plan(result, ["TERM003"])] == ["An e-mail to HubSpot.\n"]
    assert fix.plan(result, []) == []


def test_plan_skips_edits_by_key_and_keeps_the_rest(check) -> None:
    _, rerun = check("An e-mail. Another e-mail.\n")
    result = rerun()
    source = next(s for s in result.hub.sources if s.rel == "content/index.md")
    first = result.findings[0]
    key = fix.edit_key(source, first.edit)
    assert key == ("content/index.md", "An ", "e-mail", ". Another e-mail.\n", "email")
    (plan,) = fix.plan(result, skip={key})
    assert plan.new_text == "An e-mail. Another email.\n"
    assert plan.inserted == [(19, 24)]


def test_edit_key_context_is_forty_characters_each_side(check) -> None:
    _, rerun = check("x" * 50 + " e-mail " + "y" * 50 + "\n")
    result = rerun()
    source = next(s for s in result.hub.sources if s.rel == "content/index.md")
    _, before, match, after, replacement = fix.edit_key(source, result.findings[0].edit)
    assert (len(before), match, len(after), replacement) == (40, "e-mail", 40, "email")


def test_overlapping_edits_keep_the_first(check) -> None:
    _, rerun = check("An e-mail.\n")
    result = rerun()
    (finding,) = result.findings
    import dataclasses

    overlapping = dataclasses.replace(finding, edit=Edit(4, 10, "X"), column=5)
    touching = dataclasses.replace(finding, edit=Edit(9, 10, "!"), column=10)
    result.findings = [finding, overlapping, touching]
    (plan,) = fix.plan(result)
    assert plan.new_text == "An email!\n"
    assert plan.fixed == [finding, touching]
    assert plan.inserted == [(3, 8), (8, 9)]


def test_findings_without_edit_or_outside_the_hub_are_left(check) -> None:
    import dataclasses

    _, rerun = check("An email **blast**.\n")
    result = rerun()
    assert fix.plan(result) == []  # across markup: no edit
    (finding,) = result.findings
    result.findings = [dataclasses.replace(finding, path="elsewhere.md", edit=Edit(0, 1, "x"))]
    assert fix.plan(result) == []


def test_diff_is_exact_including_a_missing_final_newline(check) -> None:
    _, rerun = check("Intro.\nAn e-mail")
    (plan,) = fix.plan(rerun())
    assert plan.diff() == (
        "--- a/content/index.md\n"
        "+++ b/content/index.md\n"
        "@@ -1,2 +1,2 @@\n"
        " Intro.\n"
        "-An e-mail\n"
        "\\ No newline at end of file\n"
        "+An email\n"
        "\\ No newline at end of file\n"
    )


def test_write_keeps_the_bom_and_refuses_a_changed_file(check) -> None:
    root, rerun = check(b"\xef\xbb\xbfAn e-mail.\r\n")
    page = root / "content/index.md"
    (plan,) = fix.plan(rerun())
    fix.write(plan)
    assert page.read_bytes() == b"\xef\xbb\xbfAn email.\r\n"
    with pytest.raises(fix.FixError) as refused:
        fix.write(plan)  # the file is not the text the plan was made from any more
    assert str(refused.value) == (
        "content/index.md: changed while smarthub was checking it, so it was not fixed: run again"
    )


def test_write_refuses_a_read_only_file(check) -> None:
    root, rerun = check("An e-mail.\n")
    page = root / "content/index.md"
    (plan,) = fix.plan(rerun())
    page.chmod(stat.S_IRUSR)
    try:
        with pytest.raises(fix.FixError, match="is read-only, so it was not fixed"):
            fix.write(plan)
    finally:
        page.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert page.read_text() == "An e-mail.\n"


def test_write_says_when_the_file_is_gone(check) -> None:
    root, rerun = check("An e-mail.\n")
    (plan,) = fix.plan(rerun())
    (root / "content/index.md").unlink()
    with pytest.raises(fix.FixError) as gone:
        fix.write(plan)
    assert str(gone.value) == (
        "content/index.md: cannot be read again (No such file or directory): not fixed"
    )


def test_loop_runs_until_nothing_changes(check) -> None:
    root, rerun = check("Send the e-mail blast. Then e-mail.\n")
    outcome = fix.fix_until_stable(rerun(), rerun)
    assert (root / "content/index.md").read_text() == "Send the email campaign. Then email.\n"
    assert [(f.match, f.suggestion) for f in outcome.applied] == [
        ("e-mail", "email"),
        ("e-mail", "email"),
        ("email blast", "email campaign"),
    ]
    assert outcome.refused == [] and outcome.unsettled == []
    assert outcome.result.findings == []


def test_loop_undoes_an_edit_that_creates_an_unfixable_finding(check) -> None:
    root, rerun = check("An e-mail.\n\nThe e-mail **blast**.\n")
    outcome = fix.fix_until_stable(rerun(), rerun)
    assert (root / "content/index.md").read_text() == "An email.\n\nThe e-mail **blast**.\n"
    assert [(f.line, f.column) for f in outcome.applied] == [(1, 4)]
    assert [(f.line, f.column, f.match) for f in outcome.result.findings] == [(3, 5, "e-mail")]
    assert outcome.unsettled == []


def test_loop_keeps_a_bom_when_it_undoes(check) -> None:
    root, rerun = check(b"\xef\xbb\xbfThe e-mail **blast**.\n")
    fix.fix_until_stable(rerun(), rerun)
    assert (root / "content/index.md").read_bytes() == b"\xef\xbb\xbfThe e-mail **blast**.\n"


def test_loop_stops_after_its_passes_and_names_the_file(check) -> None:
    _, rerun = check("Send the e-mail blast.\n")
    outcome = fix.fix_until_stable(rerun(), rerun, max_passes=1)
    assert [f.match for f in outcome.applied] == ["e-mail"]
    assert outcome.unsettled == ["content/index.md"]
    assert fix.MAX_PASSES == 10


def test_loop_reports_a_refused_file_once_and_goes_on(check) -> None:
    root, rerun = check("An e-mail.\n")
    page = root / "content/index.md"
    page.chmod(stat.S_IRUSR)
    try:
        outcome = fix.fix_until_stable(rerun(), rerun)
    finally:
        page.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert outcome.applied == []
    assert outcome.refused == [
        "content/index.md: is read-only, so it was not fixed: make it writable (chmod u+w) "
        "and run again"
    ]
    assert outcome.unsettled == []


def test_a_refused_file_does_not_stop_the_others(hub: Callable[..., Path]) -> None:
    root = hub(
        {**GLOSSARY, "content/a/index.md": "An e-mail.\n", "content/b/index.md": "An e-mail.\n"}
    )
    config = load_config(root / "mkdocs.yml")

    def rerun() -> CheckResult:
        return run_check(config, today=TODAY)

    first = root / "content/a/index.md"
    first.chmod(stat.S_IRUSR)
    try:
        outcome = fix.fix_until_stable(rerun(), rerun, max_passes=1)
    finally:
        first.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert [finding.path for finding in outcome.applied] == ["content/b/index.md"]
    assert (root / "content/b/index.md").read_text() == "An email.\n"
    assert len(outcome.refused) == 1
    assert outcome.unsettled == []  # the refused file is reported once, not as unsettled


def test_unsettled_names_only_files_still_changing(hub: Callable[..., Path]) -> None:
    root = hub(
        {
            **GLOSSARY,
            "content/a/index.md": "An e-mail.\n",
            "content/b/index.md": "Send the e-mail blast.\n",
        }
    )
    config = load_config(root / "mkdocs.yml")

    def rerun() -> CheckResult:
        return run_check(config, today=TODAY)

    first = root / "content/a/index.md"
    first.chmod(stat.S_IRUSR)
    try:
        outcome = fix.fix_until_stable(rerun(), rerun, max_passes=1)
    finally:
        first.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert outcome.unsettled == ["content/b/index.md"]


def test_an_unfixable_finding_in_another_file_undoes_nothing(hub: Callable[..., Path]) -> None:
    # a's finding sorts first and overlaps b's fix in offsets, but it is another file's.
    root = hub(
        {
            **GLOSSARY,
            "content/a/index.md": "A email **blast**.\n",
            "content/b/index.md": "An e-mail.\n\nThe e-mail **blast**.\n",
        }
    )
    config = load_config(root / "mkdocs.yml")

    def rerun() -> CheckResult:
        return run_check(config, today=TODAY)

    outcome = fix.fix_until_stable(rerun(), rerun)
    assert (root / "content/b/index.md").read_text() == "An email.\n\nThe e-mail **blast**.\n"
    assert [(f.path, f.line, f.column) for f in outcome.applied] == [("content/b/index.md", 1, 4)]


def test_created_findings_are_those_overlapping_an_inserted_span(check) -> None:
    import dataclasses

    _, rerun = check("Line one.\nAn e-mail here.\n")
    result = rerun()
    (file_fix,) = fix.plan(result)
    file_fix.inserted = [(13, 18)]  # line 2, columns 4-8 of the text after the fix
    (template,) = result.findings

    def finding(column: int, end_column: int, *, code: str = "TERM001", edit=None):
        return dataclasses.replace(
            template, line=2, column=column, end_line=2, end_column=end_column, code=code, edit=edit
        )

    cases = {
        "ends where the insert starts": finding(1, 4),
        "starts where the insert ends": finding(9, 12),
        "ends one into the insert": finding(1, 5),
        "starts at the insert's last character": finding(8, 12),
        "has its own edit": finding(4, 9, edit=Edit(13, 18, "x")),
        "is not of a fixable rule": finding(4, 9, code="TERM004"),
    }
    created = {
        name: fix._created_findings(
            file_fix, dataclasses.replace(result, findings=[template, found])
        )
        for name, found in cases.items()
    }
    assert created == {
        "ends where the insert starts": [],
        "starts where the insert ends": [],
        "ends one into the insert": [0],
        "starts at the insert's last character": [0],
        "has its own edit": [],
        "is not of a fixable rule": [],
    }
