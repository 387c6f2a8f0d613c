"""The per-file findings cache: a second run reuses findings and is never different."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smarthub import cache
from smarthub.config import load_config
from smarthub.engine import run_check
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


def check(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
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
        env=env,
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


def test_an_unchanged_hub_reuses_the_glossary_findings_too(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    # A glossary finding: the entry lacks its definition's second approval.
    (root / "glossary" / "email.md").write_text(
        GLOSSARY["glossary/email.md"].replace("approved_by: [sales, marketing]", ""),
        encoding="utf-8",
    )
    fresh = check(root, "--no-cache").stdout
    assert '"path": "glossary/email.md"' in fresh
    assert check(root).stdout == fresh
    (stored,) = (root / ".smarthub_cache").glob("*.json")
    hub = json.loads(stored.read_text(encoding="utf-8"))["hub"]
    assert hub["checked"] == ["glossary/email.md"]
    assert {record[0] for record in hub["findings"]} == {"glossary/email.md"}
    assert check(root).stdout == fresh  # from the hub entry: the glossary was not loaded


def test_a_file_added_or_removed_changes_what_the_unchanged_hub_reuses(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    before = findings(root)
    (root / "content" / "c.md").write_text(ASSET, encoding="utf-8")
    added = findings(root)
    assert ("content/c.md", 8, 10, "TERM001") in added
    assert findings(root) == added
    (root / "content" / "c.md").unlink()
    assert findings(root) == before


def test_an_inherited_setting_is_part_of_the_cache_key(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "base.yml").write_text(mkdocs.replace("- CEO", "- QBR\n      - CEO"), encoding="utf-8")
    (root / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Test hub\n", encoding="utf-8")
    assert ("content/a.md", 8, 27, "TERM004") not in findings(root)
    (root / "base.yml").write_text(mkdocs, encoding="utf-8")  # QBR no longer allowed
    assert ("content/a.md", 8, 27, "TERM004") in findings(root)


def test_an_environment_setting_is_part_of_the_cache_key(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        mkdocs.replace("- CEO", "- !ENV [SMARTHUB_TEST_ALLOWED, CEO]"), encoding="utf-8"
    )
    (root / "content" / "b.md").write_text(ASSET.replace("QBR", "CRO"), encoding="utf-8")
    assert ("content/b.md", 8, 27, "TERM004") in findings(root)
    allowed = check(root, env={**os.environ, "SMARTHUB_TEST_ALLOWED": "CRO"})
    codes = [(f["path"], f["code"]) for f in json.loads(allowed.stdout)["findings"]]
    assert ("content/b.md", "TERM004") not in codes


def test_a_settled_file_rewritten_to_the_same_size_and_time_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's state (size, times, inode) stands for its bytes only while a write would
    change it: restoring the modification time does not restore the change time."""
    root = make_hub(tmp_path)
    monkeypatch.setattr(cache, "_SETTLED_NS", 0)  # every file written before the run is settled
    config = load_config(root / "mkdocs.yml")
    day = dt.date(2026, 11, 30)

    def term_findings() -> list[tuple[str, int, int]]:
        result = run_check(config, today=day, cache=True)
        return [(f.path, f.line, f.column) for f in result.findings if f.code == "TERM001"]

    assert term_findings() == [("content/a.md", 8, 10)]
    (stored,) = (root / ".smarthub_cache").glob("*.json")
    entries = json.loads(stored.read_text(encoding="utf-8"))["files"]
    assert len(entries["content/b.md"]["state"]) == 4  # size, modification, change, inode
    assert term_findings() == [("content/a.md", 8, 10)]  # from the states
    path = root / "content" / "b.md"
    status = path.stat()
    path.write_text(ASSET.replace("e-mail.", "e-mail"), encoding="utf-8")  # same size
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    assert term_findings() == [("content/a.md", 8, 10), ("content/b.md", 8, 10)]


def test_a_file_changed_less_than_two_seconds_ago_is_read_again_next_time(
    tmp_path: Path,
) -> None:
    """Only settled times stand for a file's bytes: a write within the same timestamp tick
    would keep them. A file whose modification time is old but whose change time is fresh
    (a restored ``mtime``) is not settled either."""
    root = make_hub(tmp_path)
    old = time.time() - 3600
    os.utime(root / "content" / "a.md", (old, old))
    check(root)
    (stored,) = (root / ".smarthub_cache").glob("*.json")
    entries = json.loads(stored.read_text(encoding="utf-8"))["files"]
    assert "state" not in entries["content/a.md"]  # its change time is fresh
    assert "state" not in entries["content/b.md"]


def test_unchanged_compares_the_state_or_the_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_SETTLED_NS", 0)
    path = tmp_path / "a.md"
    path.write_text("Send the e-mail.\n", encoding="utf-8")
    store = cache.FindingCache(tmp_path / ".smarthub_cache", "key")
    digest = store.digest("a.md", path)
    assert store.unchanged("a.md", path, digest)
    path.write_text("Send the email!!\n", encoding="utf-8")  # same size, new times
    assert not store.unchanged("a.md", path, digest)
    assert not store.unchanged("gone.md", tmp_path / "gone.md", digest)


def test_a_damaged_file_entry_is_checked_again_even_when_the_hub_is_unchanged(
    tmp_path: Path,
) -> None:
    root = make_hub(tmp_path)
    expected = check(root, "--no-cache").stdout
    check(root)
    (stored,) = (root / ".smarthub_cache").glob("*.json")
    document = json.loads(stored.read_text(encoding="utf-8"))
    document["files"]["content/a.md"]["findings"] = 3
    stored.write_text(json.dumps(document), encoding="utf-8")
    assert check(root).stdout == expected


def test_a_file_turned_into_a_link_out_of_the_hub_is_reported_though_the_rest_is_cached(
    tmp_path: Path,
) -> None:
    root = make_hub(tmp_path)
    check(root)
    outside = tmp_path / "outside.md"
    outside.write_text(ASSET, encoding="utf-8")
    (root / "content" / "b.md").unlink()
    (root / "content" / "b.md").symlink_to(outside)
    assert check(root).stdout == check(root, "--no-cache").stdout
    assert [code for path, *_, code in findings(root) if path == "content/b.md"] == ["LOAD001"]


def test_a_check_of_some_files_reports_the_same_with_the_cache(tmp_path: Path) -> None:
    root = make_hub(tmp_path)
    expected = check(root, "--no-cache", "content/a.md").stdout
    assert check(root, "content/a.md").stdout == expected
    assert check(root, "content/a.md").stdout == expected
    assert check(root).stdout == check(root, "--no-cache").stdout


def test_a_refused_file_added_to_a_cached_hub_is_reported(tmp_path: Path) -> None:
    """A refused file is never cached, so the list of cached files stays the same: the
    unchanged hub's entry must still notice it."""
    root = make_hub(tmp_path)
    check(root)
    check(root)
    (root / "content" / 'say "hi".md').write_text(ASSET, encoding="utf-8")
    assert check(root).stdout == check(root, "--no-cache").stdout
    assert ('content/say "hi".md', "LOAD001") in [(path, code) for path, *_, code in findings(root)]
