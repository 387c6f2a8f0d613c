"""``smarthub check --fix`` and ``--diff``: safe, exact, idempotent rewrites."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import entry
from tests.test_cli import run

GLOSSARY = {
    "glossary/email.md": entry(
        "term: email\navoid: [e-mail]\nowner: marketing\napproved_by: [sales, marketing]",
        "A message.\n",
    ),
    "glossary/hubspot.md": entry(
        "term: HubSpot\ncasing: exact\nowner: marketing\napproved_by: [sales, marketing]",
        "Our platform.\n",
    ),
    "glossary/mql.md": entry(
        "term: marketing qualified lead\nabbreviation: MQL\navoid: [hot lead]\nowner: marketing\n"
        "approved_by: [sales, marketing]",
        "A lead.\n",
    ),
    "glossary/old.md": entry(
        "term: sales-ready lead\nstatus: deprecated\nreplaced_by: mql\nowner: sales\napproved_by: [sales, marketing]",
        "Gone.\n",
    ),
}


@pytest.fixture
def make(hub: Callable[..., Path]) -> Callable[[str | bytes], Path]:
    def write(page: str | bytes) -> Path:
        return hub({**GLOSSARY, "content/index.md": page})

    return write


def test_fix_rewrites_keeping_inflection_and_capitals(make: Callable[..., Path]) -> None:
    root = make("E-mails to Hubspot's users.\nOur hot leads and every sales-ready lead.\n")
    done = run(root, "check", "--fix")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (root / "content/index.md").read_text() == (
        "Emails to HubSpot's users.\nOur marketing qualified leads and every marketing qualified lead.\n"
    )
    assert done.stderr == (
        "content/index.md:1:1: fixed TERM001 'E-mails' -> 'Emails'\n"
        "content/index.md:1:12: fixed TERM003 'Hubspot's' -> 'HubSpot's'\n"
        "content/index.md:2:5: fixed TERM001 'hot leads' -> 'marketing qualified leads'\n"
        "content/index.md:2:25: fixed TERM002 'sales-ready lead' -> 'marketing qualified lead'\n"
        "Fixed 4 findings.\n"
    )
    assert done.stdout == "All clear: checked 5 files, no findings.\n"


def test_fix_is_idempotent(make: Callable[..., Path]) -> None:
    root = make("An e-mail.\n")
    run(root, "check", "--fix")
    once = (root / "content/index.md").read_bytes()
    second = run(root, "check", "--fix")
    assert (root / "content/index.md").read_bytes() == once
    assert second.stderr == "Fixed 0 findings.\n"


def test_fix_keeps_crlf_and_bom(make: Callable[..., Path]) -> None:
    root = make(b"\xef\xbb\xbfLine one\r\nAn e-mail\r\nand a hot\r\nlead.\r\n")
    assert run(root, "check", "--fix").returncode == 0
    assert (root / "content/index.md").read_bytes() == (
        b"\xef\xbb\xbfLine one\r\nAn email\r\nand a marketing qualified lead.\r\n"
    )


def test_fix_leaves_code_urls_html_and_markup_alone(make: Callable[..., Path]) -> None:
    page = (
        'Use `e-mail` and <span title="e-mail">x</span> at https://e-mail.example.com.\n\n'
        "```\ne-mail\n```\n\nA hot **lead** stays: markup inside the span.\n"
    )
    root = make(page)
    done = run(root, "check", "--fix")
    assert (root / "content/index.md").read_text() == page
    assert done.returncode == 1  # the finding inside markup is reported, not rewritten
    assert "content/index.md:7:3: error TERM001 'hot lead'" in done.stdout


def test_read_only_file_left_intact_with_clear_error(make: Callable[..., Path]) -> None:
    root = make("An e-mail.\n")
    page = root / "content/index.md"
    page.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        done = run(root, "check", "--fix")
    finally:
        page.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert page.read_text() == "An e-mail.\n"
    assert done.returncode == 1
    assert done.stderr == (
        "smarthub: content/index.md: is read-only, so it was not fixed: make it writable (chmod u+w) and run again\n"
        "Fixed 0 findings, 1 file left unchanged.\n"
    )


def test_fix_keeps_permissions(make: Callable[..., Path]) -> None:
    root = make("An e-mail.\n")
    page = root / "content/index.md"
    page.chmod(0o640)
    run(root, "check", "--fix")
    assert stat.S_IMODE(os.stat(page).st_mode) == 0o640


def test_diff_prints_and_changes_nothing(make: Callable[..., Path]) -> None:
    root = make("Intro.\nAn e-mail to Hubspot.\n")
    done = run(root, "check", "--diff")
    assert done.returncode == 1
    assert done.stdout == (
        "--- a/content/index.md\n"
        "+++ b/content/index.md\n"
        "@@ -1,2 +1,2 @@\n"
        " Intro.\n"
        "-An e-mail to Hubspot.\n"
        "+An email to HubSpot.\n"
    )
    assert done.stderr == "2 fixes available in 1 file.\n"
    assert (root / "content/index.md").read_text() == "Intro.\nAn e-mail to Hubspot.\n"
    assert run(root, "check", "--fix", "--diff").returncode == 2
