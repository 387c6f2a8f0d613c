"""Hardening, round 2: no single file stops the check, and what it prints is safe to show.

Each case is one hostile file in a hub with one ordinary finding elsewhere
(``content/other.md``), so every case also proves the rest of the hub is still checked.
The README's "Guarantees" table points here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import socket
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from smarthub.config import load_config
from smarthub.engine import run_check
from smarthub.load.files import discover
from smarthub.load.hub import _read
from smarthub.model import Hub, SourceFile
from smarthub.report.github import render_github
from smarthub.report.text import printable, render_text
from tests.conftest import entry, write_hub
from tests.test_cli import run

TODAY = dt.date(2026, 11, 23)
EMAIL = entry(
    "term: email\navoid: [e-mail]\nowner: marketing\napproved_by: [sales, marketing]",
    "A message.\n",
)


def asset(extra: str = "", *, title: str = "An asset", reviewed: str = "2026-10-01") -> str:
    """A draft asset with the given extra front-matter lines."""
    return (
        f"---\ntitle: {title}\ntype: battlecard\nowner: sales\nstatus: draft\n"
        f"reviewed: {reviewed}\n{extra}---\nBody.\n"
    )


OTHER = {"content/other.md": asset() + "Send an e-mail.\n"}
OTHER_FINDING = ("content/other.md", 9, 9, "TERM001")
# Nine levels of nine aliases: 387 million strings once written out.
BOMB_LINES = "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9) if previous else ', '.join(['x'] * 9)}]\n"
    for previous, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
NOT_REGULAR = (
    "is not a regular file (a pipe, socket or device), which is not read: "
    "remove it or rename it without '.md'"
)


def check(root: Path):
    """Run the check on a hub, as ``smarthub check`` does."""
    return run_check(load_config(root / "mkdocs.yml"), today=TODAY)


def found(result) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.line, f.column, f.code) for f in result.findings]


CASES = [
    (
        "alias-bomb-quoted-back-in-a-choice",
        {
            "content/bomb.md": "---\nextra:\n  " + BOMB_LINES.replace("\n", "\n  ") + "\n"
            "title: Bomb\ntype: battlecard\nowner: sales\nstatus: *i\nreviewed: 2026-10-01\n---\nBody.\n"
        },
        [("content/bomb.md", 11, 6, "META001")],  # at the anchored list,
    ),
    (
        "alias-bomb-in-a-list-of-texts",
        {
            "content/bomb.md": asset(
                "extra:\n  " + BOMB_LINES.replace("\n", "\n  ") + "\ntags: *i\n"
            )
        },
        [("content/bomb.md", 16, 6, "META001")],
    ),
    (
        "integer-of-5000-digits-as-a-title",
        {"content/big.md": asset(title="9" * 5000)},
        [],
    ),
    (
        "integer-of-5000-digits-as-a-date",
        {"content/big.md": asset(reviewed="9" * 5000)},
        [("content/big.md", 6, 11, "META001")],
    ),
    (
        "integer-of-5000-digits-as-a-key",
        {"content/big.md": asset("9" * 5000 + ": x\n")},  # longer than YAML allows a key
        [("content/big.md", 7, 5001, "META001")],
    ),
    (
        "reviewed-on-the-calendars-last-day",
        {"content/edge.md": asset(reviewed="9999-12-31")},
        [],
    ),
    (
        "a-1000-letter-word-before-a-finding",
        {"content/long.md": asset() + "x" * 1000 + " e-mail\n"},
        [("content/long.md", 9, 1002, "TERM001")],
    ),
    (
        "a-250-byte-file-name",
        {"content/" + "n" * 247 + ".md": asset() + "An e-mail.\n"},
        [("content/" + "n" * 247 + ".md", 9, 4, "TERM001")],
    ),
    (
        "markup-in-a-file-name",
        {'content/<img src=x onerror="alert(1)">.md': asset()},
        [('content/<img src=x onerror="alert(1)">.md', 1, 1, "LOAD001")],
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_one_hostile_file_gets_a_finding_and_the_rest_is_checked(
    tmp_path: Path, files: dict[str, str], expected: list
) -> None:
    root = write_hub(tmp_path / "hub", {"glossary/email.md": EMAIL, **OTHER, **files})
    # Plain lists only in the assertions: pytest would print a failing result's model in
    # full, alias bomb included.
    result = check(root)
    actual, exit_code = found(result), result.exit_code()
    messages = [f"{f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in result.findings]
    del result
    assert actual == sorted([*expected, OTHER_FINDING]), "\n".join(messages)
    assert exit_code == 1
    assert all(len(message) < 600 for message in messages), messages


def test_alias_bomb_is_quoted_back_cut_short(tmp_path: Path) -> None:
    files = {
        "content/bomb.md": "---\nextra:\n  " + BOMB_LINES.replace("\n", "\n  ") + "\n"
        "title: Bomb\ntype: battlecard\nowner: sales\nstatus: *i\nreviewed: 2026-10-01\n---\n"
    }
    result = check(write_hub(tmp_path / "hub", files))
    messages = [finding.message for finding in result.findings]
    del result
    assert messages == [
        "'status' must be one of draft, published, retired, got [[[...], [...], [...], [...], ...], "
        "[[...], [...], [...], [...], ...], [[...], [...], [...], [...], ...], "
        "[[...], [...], [...], [...], ...], ...]"
    ]


@pytest.fixture
def special_files(tmp_path: Path) -> Iterator[Path]:
    """A hub with a FIFO and a socket named like Markdown files."""
    root = write_hub(tmp_path / "hub", {"glossary/email.md": EMAIL, **OTHER})
    os.mkfifo(root / "content/pipe.md")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(root / "content/socket.md"))
    yield root
    listener.close()


def test_fifo_and_socket_named_md_are_refused_without_hanging(special_files: Path) -> None:
    done = run(special_files, "check", "--today", "2026-11-23")  # times out if a read blocks
    assert done.returncode == 1, done.stderr
    assert done.stdout == (
        "content/other.md:9:9: error TERM001 'e-mail' is not our language: use 'email' [term.avoided]\n"
        f"content/pipe.md:1:1: error LOAD001 pipe.md {NOT_REGULAR} [load.unreadable]\n"
        f"content/socket.md:1:1: error LOAD001 socket.md {NOT_REGULAR} [load.unreadable]\n"
        "Found 3 errors and 0 warnings in 3 files (checked 4 files).\n"
    )


def test_fifo_swapped_in_after_discovery_is_not_opened_blocking(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", {"glossary/email.md": EMAIL, **OTHER})
    (found_file,) = [f for f in discover(load_config(root / "mkdocs.yml")) if f.kind == "asset"]
    found_file.path.unlink()
    os.mkfifo(found_file.path)  # the file became a pipe between the walk and the read
    hub = Hub(config=load_config(root / "mkdocs.yml"))
    source = SourceFile(path=found_file.path, rel=found_file.rel, kind="asset")
    assert _read(source, hub) is False
    assert [problem.message for problem in hub.problems] == [NOT_REGULAR]


def test_file_vanishing_between_discovery_and_read(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", {"glossary/email.md": EMAIL, **OTHER})
    (found_file,) = [f for f in discover(load_config(root / "mkdocs.yml")) if f.kind == "asset"]
    found_file.path.unlink()
    hub = Hub(config=load_config(root / "mkdocs.yml"))
    assert _read(SourceFile(path=found_file.path, rel=found_file.rel, kind="asset"), hub) is False
    assert [problem.message for problem in hub.problems] == [
        "disappeared while the hub was being read: run the check again"
    ]


def test_nfc_and_nfd_spellings_of_an_id_are_one_id(tmp_path: Path) -> None:
    nfc, nfd = "café", unicodedata.normalize("NFD", "café")
    assert nfc != nfd
    persona = entry("name: Café owner\nrole: Owner\nowner: sales", "Text.\n")
    files = {
        "glossary/email.md": EMAIL,
        f"personas/{nfd}.md": persona,  # written by macOS
        f"content/{nfc}.md": asset(f"personas: [{nfc}]\n"),  # refers to it in NFC: no REFS001
        f"content/{nfd}.md": asset(),  # the same id twice
        **OTHER,
    }
    result = check(write_hub(tmp_path / "hub", files))
    # NFD sorts first ("e" before "é"), so the NFC file is the duplicate.
    assert found(result) == sorted([(f"content/{nfc}.md", 1, 1, "META001"), OTHER_FINDING])
    duplicate = result.findings[0]
    assert duplicate.message == (
        f"id 'café' is already used by content/{nfd}.md (the same name written with other "
        "Unicode characters (NFC and NFD)): rename one of the files"
    )


def test_review_interval_beyond_the_calendar_is_a_configuration_error(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", {}, {"review_interval_days": 10**12})
    done = run(root, "check")
    assert done.returncode == 2
    assert done.stderr.endswith(
        "plugins.smarthub.review_interval_days: expected at most 100000 days, got 1000000000000\n"
    )


# Terminal output.

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\rfake\u202eevil"


def test_control_characters_from_files_are_shown_escaped_in_text_and_github(
    tmp_path: Path,
) -> None:
    files = {
        "glossary/email.md": EMAIL,
        "content/escape.md": asset(f'summary: "{ESCAPES.encode("unicode_escape").decode()}"\n'),
        f"content/name{chr(0x1B)}[31m.md": asset(),
    }
    result = check(write_hub(tmp_path / "hub", {**files}, {"severity": {"META001": "error"}}))
    text = render_text(result, show_source=True)
    github = render_github(result)
    for output in (text, github):
        assert "\x1b" not in output and "\u202e" not in output and "\r" not in output
        assert "\x07" not in output
    assert "content/name\\x1b[31m.md:1:1: error LOAD001 name\\x1b[31m.md has a name with" in text
    assert "file=content/name\\x1b[31m.md" in github


def test_printable_escapes_controls_and_bidi_overrides_only() -> None:
    assert printable("tab\tok é ✓") == "tab\tok é ✓"
    assert printable(ESCAPES) == "\\x1b[2J\\x1b]0;pwned\\x07\\x0dfake\\u202eevil"


# Outputs.


def _glossary_hub(tmp_path: Path) -> Path:
    formula = entry(
        'term: \'=HYPERLINK("http://x.test","click")\'\n'
        "abbreviation: '@SUM'\n"
        "aliases: ['+cmd', '-2+3']\n"
        "owner: marketing\napproved_by: [sales, marketing]",
        "=1+1 is a definition that starts like a formula.\n",
    )
    return write_hub(tmp_path / "hub", {"glossary/formula.md": formula, "glossary/email.md": EMAIL})


def test_csv_export_neutralises_formula_cells(tmp_path: Path) -> None:
    done = run(_glossary_hub(tmp_path), "export", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    formula_rows = [row for row in rows if row[0] == "formula"]
    assert [row[1] for row in formula_rows] == [
        '\'=HYPERLINK("http://x.test","click")',
        "'+cmd",
        "'-2+3",
        "'@SUM",
    ]
    assert {row[6] for row in formula_rows} == {"'=1+1 is a definition that starts like a formula."}
    assert ["email", "e-mail", "avoid", "forbidden", "email", "", "A message."] in rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("check", "-o", "content"),
            "smarthub: content: is a folder: give the name of the file to write\n",
        ),
        (
            ("check", "-o", "glossary/email.md"),
            "smarthub: glossary/email.md: is inside the hub's source folder glossary/, where it "
            "would replace or add a source file: write it outside the hub's folders\n",
        ),
        (
            ("check", "-o", "mkdocs.yml"),
            "smarthub: mkdocs.yml: would replace the hub's mkdocs.yml: write elsewhere\n",
        ),
        (
            ("export", "--format", "json", "-o", "glossary/email.md"),
            "smarthub: glossary/email.md: is inside the hub's source folder glossary/, where it "
            "would replace or add a source file: write it outside the hub's folders\n",
        ),
        (
            ("export", "--format", "abbreviations", "-o", "content/includes/abbr.md"),
            "smarthub: content/includes/abbr.md: is inside the hub's source folder content/, "
            "where it would replace or add a source file: write it outside the hub's folders\n",
        ),
        (
            ("baseline", "-o", "glossary/email.md"),
            "smarthub: glossary/email.md: is inside the hub's source folder glossary/, where it "
            "would replace or add a source file: write it outside the hub's folders\n",
        ),
        (
            ("export", "--format", "vale", "-o", "personas"),
            "smarthub: personas/config/vocabularies/Smarthub/accept.txt: is inside the hub's "
            "source folder personas/, where it would replace or add a source file: write it "
            "outside the hub's folders\n",
        ),
    ],
    ids=[
        "check-o-folder",
        "check-o-source",
        "check-o-config",
        "export-o-source",
        "export-o-docs",
        "baseline-o-source",
        "export-vale-into-source",
    ],
)
def test_outputs_never_replace_the_hubs_sources(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    root = _glossary_hub(tmp_path)
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    done = run(root, *args)
    assert (done.returncode, done.stderr) == (2, message)
    after = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    assert after == before


def test_fix_is_confined_to_the_hub_and_docs_dir_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "shared-docs"
    outside.mkdir()
    (outside / "page.md").write_text(asset() + "An e-mail.\n")
    root = write_hub(tmp_path / "hub", {"glossary/email.md": EMAIL})
    text = (
        (root / "mkdocs.yml").read_text().replace("docs_dir: content", "docs_dir: ../shared-docs")
    )
    (root / "mkdocs.yml").write_text(text)
    done = run(root, "check", "--fix")
    assert done.returncode == 2
    assert done.stderr == (
        "smarthub: mkdocs.yml: docs_dir: '../shared-docs' is outside the hub: move the docs into "
        "the hub's folder\n"
    )
    assert (outside / "page.md").read_text().endswith("An e-mail.\n")


def test_confined_writes_refuse_paths_outside(tmp_path: Path) -> None:
    from smarthub.atomic import OutsideFolderError, confined_to, write_atomic

    (tmp_path / "hub").mkdir()
    (tmp_path / "hub" / "link").symlink_to(tmp_path)
    with confined_to(tmp_path / "hub"):
        write_atomic(tmp_path / "hub" / "inside.txt", "ok")
        with pytest.raises(OutsideFolderError):
            write_atomic(tmp_path / "outside.txt", "no")
        with pytest.raises(OutsideFolderError):
            write_atomic(tmp_path / "hub" / "link" / "through.txt", "no")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["hub"]


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_atomic_write_keeps_owner_group_and_mode_with_a_long_name(tmp_path: Path) -> None:
    from smarthub.atomic import write_atomic

    target = tmp_path / ("n" * 250 + ".md")
    target.write_text("old")
    os.chown(target, 1234, 5678)
    target.chmod(0o640)
    write_atomic(target, "new")
    info = target.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (1234, 5678, 0o640)
    assert target.read_text() == "new"


# Values placed into pages (the browser test in tests/site builds them for real).


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ("decision", "stage-decision"),
        ("late_stage-2", "stage-late_stage-2"),
        ("late stage", "stage-late-stage-b5a0f5da"),
        ("x onfocus=alert(1) }", "stage-x-onfocus-alert-1-ea75eac8"),
        ("ÉTAPE", "stage-TAPE-5d372c29"),
        ("日本", "stage-44da6bbc"),
    ],
)
def test_ids_become_anchors_of_letters_digits_and_dashes(identifier: str, expected: str) -> None:
    from smarthub.site.paths import anchor, stage_anchor

    assert stage_anchor(identifier) == expected  # distinct ids keep distinct anchors
    assert re.fullmatch(r"stage-[A-Za-z0-9_-]+", expected)
    assert anchor("", "plain-id") == "plain-id"


def test_labels_are_markdown_text() -> None:
    from smarthub.site.templating import label_text

    assert label_text("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert label_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert label_text("case-study") == "Case study"
