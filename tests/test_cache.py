"""The per-file findings cache: a second run reuses findings and is never different."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import entry, write_hub

GLOSSARY = {
    "glossary/email.md": entry(
        "term: email\navoid: [e-mail]\nowner: marketing\napproved_by: [sales, marketing]",
        "A message.\n",
    ),
}
ASSET = entry(
    "title: Follow-up\ntype: one-pager\nowner: marketing\nstatus: draft\nreviewed: 2026-11-01",
    "Send the e-mail. Book the QBR.\n",
)


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "smarthub",
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-30",
            *args,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def findings(root: Path, *args: str) -> list[tuple[str, int, int, str]]:
    done = check(root, *args)
    assert done.returncode in (0, 1), done.stderr
    document = json.loads(done.stdout)
    return [(f["path"], f["line"], f["column"], f["code"]) for f in document["findings"]]


def make_hub(tmp_path: Path) -> Path:
    return write_hub(
        tmp_path / "hub",
        {**GLOSSARY, "content/a.md": ASSET, "content/b.md": ASSET.replace("e-mail", "email")},
    )


def test_second_run_reuses_the_cache_and_reports_the_same(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    fresh = check(root, "--no-cache").stdout
    assert not (root / ".smarthub_cache").exists()  # --no-cache neither reads nor writes
    first = check(root).stdout
    cache_files = list((root / ".smarthub_cache").glob("*.json"))
    assert len(cache_files) == 1
    assert (root / ".smarthub_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert check(root).stdout == first == fresh
    stored = json.loads(cache_files[0].read_text(encoding="utf-8"))
    assert sorted(stored["files"]) == ["content/a.md", "content/b.md"]  # glossary: always checked


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    assert ("content/b.md", 8, 10, "TERM001") not in findings(root)
    (root / "content" / "b.md").write_text(ASSET, encoding="utf-8")
    assert ("content/b.md", 8, 10, "TERM001") in findings(root)


def test_a_glossary_change_rechecks_unchanged_files(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    before = findings(root)
    assert ("content/a.md", 8, 27, "TERM004") in before
    (root / "glossary" / "qbr.md").write_text(
        entry(
            "term: Quarterly business review\nabbreviation: QBR\nowner: sales\n"
            "approved_by: [sales, marketing]",
            "A review.\n",
        ),
        encoding="utf-8",
    )
    assert ("content/a.md", 8, 27, "TERM004") not in findings(root)


def test_another_day_or_rule_selection_is_another_cache(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    assert not any(code == "REVW001" for *_, code in findings(root))
    later = check(root, "--select", "REVW001")
    assert later.returncode == 0
    overdue = subprocess.run(
        [sys.executable, "-m", "smarthub", "check", "--format", "json", "--today", "2027-12-01"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    codes = [f["code"] for f in json.loads(overdue.stdout)["findings"]]
    assert codes.count("REVW001") == 2


def test_a_corrupt_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    expected = check(root).stdout
    for damaged in (
        b"{not json",
        b'{"format": 1, "files": {"content/a.md": {"digest": 3}}}',
        b"\x00\xff",
    ):
        for path in (root / ".smarthub_cache").glob("*.json"):
            path.write_bytes(damaged)
        assert check(root).stdout == expected


def test_two_runs_sharing_the_cache_at_once_both_report_right(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    expected = check(root, "--no-cache").stdout
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "smarthub",
                "check",
                "--format",
                "json",
                "--today",
                "2026-11-30",
            ],
            cwd=root,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert outputs == [expected] * 3
    assert check(root).stdout == expected


def test_fix_never_uses_the_cache(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    check(root)  # fills the cache
    done = check(root, "--fix")
    assert "TERM001" not in done.stdout
    assert "Send the email." in (root / "content" / "a.md").read_text(encoding="utf-8")
    assert ("content/a.md", 8, 10, "TERM001") not in findings(root)
