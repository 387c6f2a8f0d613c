"""Bad input never crashes: each case is a small hub with its exact finding or error.

The README's "Guarantees" section points here.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from smarthub.config import load_config
from smarthub.engine import run_check
from tests.conftest import entry, write_hub
from tests.test_cli import run

ASSET_HEAD = (
    "---\ntitle: A\ntype: battlecard\nowner: sales\nstatus: draft\nreviewed: 2026-10-01\n---\n"
)
EMAIL = entry(
    "term: email\navoid: [e-mail]\nowner: marketing\napproved_by: [sales, marketing]",
    "A message.\n",
)
BOMB = (
    "---\n"
    + "".join(
        f"{name}: &{name} [{', '.join(['*' + previous] * 9) if previous else ', '.join(['x'] * 9)}]\n"
        for previous, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
    )
    + "name: *i\nrole: CFO\nowner: sales\n---\nBody.\n"
)

# (id, files, expected sorted (path, line, column, code) of all findings)
CASES: list[tuple[str, dict[str, str | bytes], list[tuple[str, int, int, str]]]] = [
    (
        "missing-front-matter",
        {"personas/p.md": "# Persona\n"},
        [("personas/p.md", 1, 1, "META001")],
    ),
    (
        "unterminated-front-matter",
        {"personas/p.md": "---\nname: P\n"},
        [("personas/p.md", 1, 1, "META001")],
    ),
    (
        "not-a-mapping",
        {"personas/p.md": "---\njust text\n---\n"},
        [("personas/p.md", 2, 1, "META001")],
    ),
    (
        "yaml-syntax-error",
        {"personas/p.md": "---\nname: P\nrole: 'CFO\nowner: sales\n---\n"},
        [("personas/p.md", 5, 1, "META001")],
    ),
    (
        "yaml-alias-bomb",
        {"personas/p.md": BOMB},
        # the value at fault is the anchored list on line 10 that 'name: *i' points to
        [("personas/p.md", line, 1, "META001") for line in range(2, 11)]
        + [("personas/p.md", 10, 4, "META001")],
    ),
    (
        "python-object-tag",
        {
            "personas/p.md": "---\nname: !!python/object:os.system {}\nrole: CFO\nowner: sales\n---\n"
        },
        [("personas/p.md", 2, 7, "META001")],
    ),
    (
        "string-where-list-expected",
        {"content/a.md": ASSET_HEAD.replace("---\n", "---\npersonas: cfo\n", 1)},
        [("content/a.md", 2, 11, "META001")],
    ),
    (
        "number-as-date",
        {"content/a.md": ASSET_HEAD.replace("2026-10-01", "20261001")},
        [("content/a.md", 6, 11, "META001")],
    ),
    (
        "duplicate-keys",
        {"content/a.md": ASSET_HEAD.replace("owner: sales\n", "owner: sales\nowner: marketing\n")},
        [("content/a.md", 5, 1, "META001")],
    ),
    ("empty-file", {"content/a.md": ""}, [("content/a.md", 1, 1, "META001")]),
    (
        "twenty-megabytes",
        {"content/a.md": ASSET_HEAD + ("Plain sales prose. " * 50 + "\n") * 22000},
        [("content/a.md", 1, 1, "LOAD001")],
    ),
    (
        "nul-byte",
        {"content/a.md": ASSET_HEAD.encode() + b"bin\x00ary\n"},
        [("content/a.md", 8, 4, "LOAD001")],
    ),
    (
        "invalid-utf8",
        {"content/a.md": ASSET_HEAD.encode() + b"caf\xe9 e-mail\n"},
        [("content/a.md", 8, 4, "LOAD001")],
    ),
    ("utf16", {"content/a.md": ASSET_HEAD.encode("utf-16")}, [("content/a.md", 1, 1, "LOAD001")]),
    (
        "bom-keeps-columns",
        {"content/a.md": "\ufeff" + ASSET_HEAD + "An e-mail.\n"},
        [("content/a.md", 8, 4, "TERM001")],
    ),
    (
        "crlf-keeps-columns",
        {"content/a.md": (ASSET_HEAD + "An e-mail.\n").replace("\n", "\r\n")},
        [("content/a.md", 8, 4, "TERM001")],
    ),
    (
        "spaces-and-non-ascii-names",
        {"content/café straße.md": ASSET_HEAD + "Ein e-mail.\n"},
        [("content/café straße.md", 8, 5, "TERM001")],
    ),
    (
        "ids-differing-in-case",
        {"content/a/Deal.md": ASSET_HEAD, "content/b/deal.md": ASSET_HEAD},
        [("content/b/deal.md", 1, 1, "META001")],
    ),
    (
        "directory-named-like-markdown",
        {"content/folder.md/inner.md": ASSET_HEAD + "An e-mail.\n"},
        [("content/folder.md/inner.md", 8, 4, "TERM001")],
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_bad_input_gives_exact_findings(tmp_path: Path, files: dict, expected: list) -> None:
    root = write_hub(tmp_path / "hub", {"glossary/email.md": EMAIL, **files})
    result = run_check(load_config(root / "mkdocs.yml"), today=dt.date(2026, 11, 23))
    assert [(f.path, f.line, f.column, f.code) for f in result.findings] == sorted(expected), (
        "\n".join(f"{f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in result.findings)
    )
    assert result.exit_code() == (1 if expected else 0)
    for finding in result.findings:
        assert finding.message and "Traceback" not in finding.message


def test_symlink_leaving_the_hub_is_reported_not_followed(
    hub: Callable[..., Path], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(ASSET_HEAD + "An e-mail outside.\n")
    root = hub({"glossary/email.md": EMAIL})
    (root / "content/link.md").symlink_to(outside)
    (root / "content/dangling.md").symlink_to(tmp_path / "missing.md")
    done = run(root, "check")
    assert done.returncode == 1
    assert done.stdout == (
        "content/dangling.md:1:1: error LOAD001 dangling.md is a symbolic link to nothing: remove it or point it "
        "at a file in the hub [load.unreadable]\n"
        "content/link.md:1:1: error LOAD001 link.md is a symbolic link to a file outside the hub, which is not "
        "read: copy the file into the hub [load.unreadable]\n"
        "Found 2 errors and 0 warnings in 2 files (checked 3 files).\n"
    )


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and setpriv"
)
def test_unreadable_file(hub: Callable[..., Path]) -> None:
    # Root reads every file; without the capabilities that allow it, it meets a file it may not read.
    root = hub({"glossary/email.md": EMAIL, "content/secret.md": ASSET_HEAD})
    (root / "content/secret.md").chmod(0o000)
    try:
        done = subprocess.run(
            [
                "setpriv",
                "--bounding-set=-dac_override,-dac_read_search",
                sys.executable,
                "-m",
                "smarthub",
                "check",
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        (root / "content/secret.md").chmod(0o644)
    assert done.returncode == 1, done.stderr
    assert done.stdout == (
        "content/secret.md:1:1: error LOAD001 cannot be read (Permission denied): check the file's "
        "permissions [load.unreadable]\n"
        "Found 1 error and 0 warnings in 1 file (checked 2 files).\n"
    )


def test_glossary_of_five_thousand_terms(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {}
    for index in range(5000):
        files[f"glossary/term-{index}.md"] = entry(
            f"term: widget {index}\naliases: [gadget {index}]\navoid: [gizmo {index}]\nowner: sales\n"
            "approved_by: [sales, marketing]",
            f"Widget number {index}.\n",
        )
    files["content/index.md"] = "We sell gizmo 17, widget 4999 and gadget 3 to the team.\n"
    root = write_hub(tmp_path / "hub", files)
    result = run_check(load_config(root / "mkdocs.yml"))
    assert [(f.path, f.line, f.column, f.code, f.suggestion) for f in result.findings] == [
        ("content/index.md", 1, 9, "TERM001", "widget 17")
    ]
