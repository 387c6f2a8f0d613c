"""Adopting smarthub on an existing handbook: ``smarthub baseline`` and how ``check`` honours it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import entry
from tests.test_cli import GLOSSARY as EMAIL
from tests.test_cli import run

BASELINE = ".smarthub-baseline.json"
ABOUT = (
    "Findings accepted when smarthub was adopted; 'smarthub check' hides them. "
    "Fix them over time and rerun 'smarthub baseline' to prune this file."
)
PAGE = "# Welcome\n\nSend the e-mail today.\n"
GLOSSARY = {
    **EMAIL,
    "glossary/marketing-qualified-lead.md": entry(
        "term: marketing-qualified lead\navoid: [hot lead, warm lead]\nowner: marketing\n"
        "approved_by: [sales, marketing]",
        "A lead marketing has qualified.\n",
    ),
}


def baseline_text(*entries: str) -> str:
    """The exact file ``smarthub baseline`` writes for these entry lines."""
    findings = "[\n    " + ",\n    ".join(entries) + "\n  ]" if entries else "[]"
    return f'{{\n  "version": 1,\n  "about": "{ABOUT}",\n  "findings": {findings}\n}}\n'


def adopted(hub: Callable[..., Path], pages: dict[str, str]) -> Path:
    """A hub with these pages whose current findings have been baselined."""
    root = hub({**GLOSSARY, **pages})
    done = run(root, "baseline")
    assert done.returncode == 0, done.stderr
    return root


def edit(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")


def test_baseline_records_fingerprints_and_check_hides_them(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "content/index.md": PAGE})
    done = run(root, "baseline")
    assert done.returncode == 0
    assert done.stdout == ""
    assert done.stderr == (
        f"Recorded 1 finding (1 entry) in {BASELINE}: 'smarthub check' now reports only new findings.\n"
    )
    assert (root / BASELINE).read_text(encoding="utf-8") == baseline_text(
        '{"path": "content/index.md", "code": "TERM001", "match": "e-mail", '
        '"context": "send the … today", "count": 1}'
    )
    done = run(root, "check")
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "All clear: checked 3 files, no new findings (1 baselined finding hidden).\n",
        "",
    )


def test_baseline_is_sorted_counted_and_rewritten_identically(hub: Callable[..., Path]) -> None:
    page = "Send the e-mail today.\n\nA hot lead.\n\nSend the e-mail today.\n"
    root = adopted(hub, {"content/b/index.md": page, "content/a/index.md": "An e-mail.\n"})
    first = (root / BASELINE).read_bytes()
    assert first.decode("utf-8") == baseline_text(
        '{"path": "content/a/index.md", "code": "TERM001", "match": "e-mail", "context": "an …", "count": 1}',
        '{"path": "content/b/index.md", "code": "TERM001", "match": "e-mail", '
        '"context": "send the … today", "count": 2}',
        '{"path": "content/b/index.md", "code": "TERM001", "match": "hot lead", "context": "a …", "count": 1}',
    )
    assert run(root, "baseline").returncode == 0
    assert (root / BASELINE).read_bytes() == first


def test_line_shift_and_reflow_keep_a_finding_hidden(hub: Callable[..., Path]) -> None:
    root = adopted(hub, {"content/index.md": PAGE})
    edit(
        root,
        "content/index.md",
        "# Welcome\n\nA new intro.\n\nMore words.\n\nSend the\ne-mail today.\n",
    )
    done = run(root, "check")
    assert done.returncode == 0
    assert (
        done.stdout == "All clear: checked 3 files, no new findings (1 baselined finding hidden).\n"
    )


def test_prune_after_fix_keeps_the_untouched_neighbour_hidden(hub: Callable[..., Path]) -> None:
    page = "Send the e-mail to every hot **lead** today.\n\nAnother e-mail.\n"
    root = adopted(hub, {"content/index.md": page})
    fixed = run(root, "check", "--no-baseline", "--fix")
    assert fixed.stderr.endswith("Fixed 2 findings.\n")
    assert (root / "content/index.md").read_text() == (
        "Send the email to every hot **lead** today.\n\nAnother email.\n"
    )
    assert run(root, "check").returncode == 1  # "hot **lead**" lost its context "mail to every"
    assert run(root, "baseline", "--prune").returncode == 0
    assert (root / BASELINE).read_text(encoding="utf-8") == baseline_text(
        '{"path": "content/index.md", "code": "TERM001", "match": "hot **lead", '
        '"context": "email to every … today", "count": 1}'
    )
    done = run(root, "check")
    assert (done.returncode, done.stdout) == (
        0,
        "All clear: checked 3 files, no new findings (1 baselined finding hidden).\n",
    )


def test_a_match_across_a_line_break_survives_rewrapping(hub: Callable[..., Path]) -> None:
    root = adopted(hub, {"content/index.md": "Call every hot\nlead today.\n"})
    assert '"match": "hot lead"' in (root / BASELINE).read_text(encoding="utf-8")
    edit(root, "content/index.md", "Call every hot lead\ntoday.\n")
    done = run(root, "check")
    assert (done.returncode, done.stdout) == (
        0,
        "All clear: checked 3 files, no new findings (1 baselined finding hidden).\n",
    )


def test_editing_the_sentence_resurfaces_the_finding(hub: Callable[..., Path]) -> None:
    root = adopted(hub, {"content/index.md": PAGE})
    edit(root, "content/index.md", "# Welcome\n\nSend the e-mail tomorrow.\n")
    done = run(root, "check")
    assert done.returncode == 1
    assert done.stdout == (
        f"{BASELINE}:5:5: warning LINT002 baseline entry matches no finding (TERM001 'e-mail' in "
        "content/index.md): prune it with 'smarthub baseline --prune' [lint.stale-baseline]\n"
        "content/index.md:3:10: error TERM001 'e-mail' is not our language (one word): use 'email' "
        "[term.avoided]\n"
        "Found 1 error and 1 warning in 2 files (checked 3 files).\n"
    )


def test_a_second_identical_mistake_is_reported(hub: Callable[..., Path]) -> None:
    root = adopted(hub, {"content/index.md": PAGE})
    edit(root, "content/index.md", PAGE + "\nSend the e-mail today.\n")
    done = run(root, "check")
    assert done.returncode == 1
    assert done.stdout == (
        "content/index.md:5:10: error TERM001 'e-mail' is not our language (one word): use 'email' "
        "[term.avoided]\n"
        "Found 1 error and 0 warnings in 1 file (checked 3 files; 1 baselined finding hidden).\n"
    )


def test_stale_entries_point_at_their_line_and_a_rerun_prunes_them(
    hub: Callable[..., Path],
) -> None:
    page = "Send the e-mail today.\n\nSend the e-mail today.\n\nA hot lead.\n"
    root = adopted(hub, {"content/index.md": page})
    edit(
        root,
        "content/index.md",
        "Send the email today.\n\nSend the e-mail today.\n\nA good lead.\n",
    )
    done = run(root, "check")
    assert done.returncode == 0  # stale entries are warnings
    assert done.stdout == (
        f"{BASELINE}:5:5: warning LINT002 baseline entry records 2 findings but only 1 remains "
        "(TERM001 'e-mail' in content/index.md): prune it with 'smarthub baseline --prune' "
        "[lint.stale-baseline]\n"
        f"{BASELINE}:6:5: warning LINT002 baseline entry matches no finding (TERM001 'hot lead' in "
        "content/index.md): prune it with 'smarthub baseline --prune' [lint.stale-baseline]\n"
        "Found 0 errors and 2 warnings in 1 file (checked 3 files; 1 baselined finding hidden).\n"
    )
    assert run(root, "check", "--strict").returncode == 1
    assert run(root, "check", "--ignore", "LINT002").stdout == (
        "All clear: checked 3 files, no new findings (1 baselined finding hidden).\n"
    )
    assert run(root, "baseline").returncode == 0
    assert run(root, "check", "--strict").returncode == 0
    assert (root / BASELINE).read_text(encoding="utf-8") == baseline_text(
        '{"path": "content/index.md", "code": "TERM001", "match": "e-mail", '
        '"context": "send the … today", "count": 1}'
    )


def test_entries_of_a_deleted_file_are_stale(hub: Callable[..., Path]) -> None:
    root = adopted(hub, {"content/old/index.md": "An e-mail.\n", "content/index.md": "Hello.\n"})
    (root / "content/old/index.md").unlink()
    done = run(root, "check")
    assert done.stdout.startswith(
        f"{BASELINE}:5:5: warning LINT002 baseline entry matches no finding (TERM001 'e-mail' in "
        "content/old/index.md)"
    )


def test_entries_of_rules_that_did_not_run_are_not_stale(hub: Callable[..., Path]) -> None:
    root = adopted(hub, {"content/index.md": PAGE})
    done = run(root, "check", "--ignore", "TERM001")
    assert done.returncode == 0
    assert done.stdout == "All clear: checked 3 files, no findings.\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{\n  "version": 1,\n  "findings": [\n',
            f"smarthub: {BASELINE}:4:1: not valid JSON (Expecting value): fix it by hand or rewrite "
            "it with 'smarthub baseline'\n",
        ),
        (
            '{\n  "version": 1,\n  "findings": [\n    {"path": "content/index.md", "code": "TERM001", '
            '"match": "e-mail", "context": "x", "count": "two"},\n'
            '    {"path": "content/index.md", "code": 7, "match": "e-mail", "context": "x", "count": 1}\n'
            "  ]\n}\n",
            f"smarthub: {BASELINE}:4:5: baseline entry needs 'count' as a whole number of at least 1: "
            "fix it by hand or rewrite it with 'smarthub baseline'\n"
            f"smarthub: {BASELINE}:5:5: baseline entry needs 'code' as a string: fix it by hand or "
            "rewrite it with 'smarthub baseline'\n",
        ),
        (
            '{"version": 2, "findings": []}\n',
            f"smarthub: {BASELINE}:1:2: baseline version 2 is not one this smarthub reads "
            "(expected 1): rewrite it with 'smarthub baseline'\n",
        ),
        (
            '{"version": 1,\n "findings": {}}\n',
            f"smarthub: {BASELINE}:2:2: 'findings' must be a list of entries: fix it by hand or "
            "rewrite it with 'smarthub baseline'\n",
        ),
        (
            "\n[]\n",
            f"smarthub: {BASELINE}:2:1: a baseline is a JSON object: fix it by hand or rewrite it "
            "with 'smarthub baseline'\n",
        ),
        (
            "[" * 100_000,
            f"smarthub: {BASELINE}: the baseline is nested too deeply: fix it by hand or rewrite it "
            "with 'smarthub baseline'\n",
        ),
        (
            b'{"version": 1, "findings": ["\xff"]}',
            f"smarthub: {BASELINE}: the baseline is not UTF-8 text: fix it by hand or rewrite it "
            "with 'smarthub baseline'\n",
        ),
    ],
    ids=[
        "truncated",
        "hand-broken-entries",
        "future-version",
        "findings-not-a-list",
        "array",
        "nested",
        "binary",
    ],
)
def test_a_broken_baseline_is_a_message_naming_file_and_line(
    hub: Callable[..., Path], content: str | bytes, message: str
) -> None:
    root = hub({**GLOSSARY, "content/index.md": PAGE, BASELINE: content})
    done = run(root, "check")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message)
    assert run(root, "check", "--no-baseline").returncode == 1
    assert run(root, "baseline").returncode == 0  # rewriting it is the way out
    assert run(root, "check").returncode == 0


def test_baseline_options(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "content/index.md": PAGE})
    done = run(root, "baseline", "-o", "accepted.json")
    assert done.stderr.endswith(
        "in accepted.json: 'smarthub check' now reports only new findings.\n"
    )
    assert not (root / BASELINE).exists()
    assert run(root, "check").returncode == 1  # not the default name: not found by itself
    assert run(root, "check", "--baseline", "accepted.json").returncode == 0
    missing = run(root, "check", "--baseline", "nope.json")
    assert (missing.returncode, missing.stderr) == (
        2,
        "smarthub: nope.json: no such baseline file: write one with 'smarthub baseline -o nope.json'\n",
    )
    both = run(root, "check", "--baseline", "accepted.json", "--no-baseline")
    assert both.returncode == 2
    assert "give --baseline FILE or --no-baseline, not both" in both.stderr
    assert run(root, "baseline").returncode == 0
    everything = run(root, "check", "--no-baseline")
    assert everything.returncode == 1
    assert everything.stdout.endswith("Found 1 error and 0 warnings in 1 file (checked 3 files).\n")


def test_every_format_leaves_baselined_findings_out(hub: Callable[..., Path]) -> None:
    root = adopted(hub, {"content/index.md": PAGE})
    edit(root, "content/index.md", PAGE + "\nA hot lead.\n")
    document = json.loads(run(root, "check", "--format", "json").stdout)
    assert [f["match"] for f in document["findings"]] == ["hot lead"]
    assert document["summary"] == {"files": 3, "errors": 1, "warnings": 0, "baselined": 1}
    sarif = json.loads(run(root, "check", "--format", "sarif").stdout)
    assert [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in sarif["runs"][0]["results"]
    ] == [5]
    github = run(root, "check", "--format", "github").stdout.splitlines()
    assert len(github) == 2
    assert github[0].startswith("::error file=content/index.md,line=5,col=3,")
    assert (
        github[1]
        == "Found 1 error and 0 warnings in 1 file (checked 3 files; 1 baselined finding hidden)."
    )
    junit = run(root, "check", "--format", "junit").stdout
    assert junit.count("<failure ") == 1
    assert "hot lead" in junit and "e-mail" not in junit
    written = run(root, "check", "--format", "json", "-o", "report.json")
    assert written.stderr == (
        "Found 1 error and 0 warnings in 1 file (checked 3 files; 1 baselined finding hidden). "
        "Report written to report.json.\n"
    )


def test_fix_leaves_baselined_findings_alone(hub: Callable[..., Path]) -> None:
    root = adopted(hub, {"content/index.md": PAGE})
    edit(root, "content/index.md", PAGE + "\nWrite an e-mail now.\n")
    done = run(root, "check", "--fix")
    assert done.returncode == 0
    assert (root / "content/index.md").read_text() == PAGE + "\nWrite an email now.\n"
    assert (
        done.stdout == "All clear: checked 3 files, no new findings (1 baselined finding hidden).\n"
    )


def test_paths_report_only_their_own_new_and_stale_entries(hub: Callable[..., Path]) -> None:
    pages = {"content/a/index.md": "An e-mail.\n", "content/b/index.md": "A hot lead.\n"}
    root = adopted(hub, pages)
    edit(root, "content/b/index.md", "A good lead.\n")  # b's entry goes stale
    edit(root, "content/a/index.md", "An e-mail.\n\nA warm lead.\n")  # a gets a new finding
    done = run(root, "check", "content/a/index.md")
    assert done.returncode == 1
    assert done.stdout == (
        "content/a/index.md:3:3: error TERM001 'warm lead' is not our language: use 'marketing-"
        "qualified lead' [term.avoided]\n"
        "Found 1 error and 0 warnings in 1 file (checked 1 file; 1 baselined finding hidden).\n"
    )
    done = run(root, "check", "content/b/index.md")
    assert done.returncode == 0
    assert done.stdout == (
        f"{BASELINE}:6:5: warning LINT002 baseline entry matches no finding (TERM001 'hot lead' in "
        "content/b/index.md): prune it with 'smarthub baseline --prune' [lint.stale-baseline]\n"
        "Found 0 errors and 1 warning in 1 file (checked 1 file).\n"
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_changed_since_honours_the_baseline(hub: Callable[..., Path]) -> None:
    pages = {"content/a/index.md": "An e-mail.\n", "content/b/index.md": "A hot lead.\n"}
    root = adopted(hub, pages)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "adopt smarthub")
    edit(root, "content/a/index.md", "An e-mail.\n\nAnother e-mail, sent twice.\n")
    done = run(root, "check", "--changed-since", "main", "--format", "json")
    document = json.loads(done.stdout)
    assert [(f["path"], f["line"], f["code"]) for f in document["findings"]] == [
        ("content/a/index.md", 3, "TERM001")
    ]
    assert document["summary"] == {"files": 1, "errors": 1, "warnings": 0, "baselined": 1}


def test_front_matter_findings_survive_edits_to_the_body(hub: Callable[..., Path]) -> None:
    term = entry("term: pipeline\nowner: marketing\napproved_by: [sales]", "A lead.\n")
    root = adopted(hub, {"glossary/pipeline.md": term})
    assert run(root, "check", "--no-baseline", "--select", "GLOS002").returncode == 1
    edit(root, "glossary/pipeline.md", term + "\nA longer definition, with examples.\n")
    done = run(root, "check")
    assert done.returncode == 0
    assert (
        done.stdout == "All clear: checked 3 files, no new findings (1 baselined finding hidden).\n"
    )


def test_the_site_build_hides_what_check_hides(hub: Callable[..., Path]) -> None:
    root = adopted(hub, {"content/index.md": PAGE})
    built = run(root, "build", "--strict", "--today", "2026-11-23")
    assert built.returncode == 0, built.stderr
    assert (
        built.stdout
        == "All clear: checked 3 files, no new findings (1 baselined finding hidden).\n"
    )
    plugin = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert plugin.returncode == 0, plugin.stderr
    edit(root, "content/index.md", PAGE + "\nSend the e-mail today.\n")
    assert run(root, "build", "--today", "2026-11-23").returncode == 1


def test_prune_drops_fixed_findings_and_accepts_no_new_one(hub: Callable[..., Path]) -> None:
    page = "Send the e-mail today.\n\nSend the e-mail today.\n\nA hot lead.\n"
    root = adopted(hub, {"content/index.md": page})
    edit(root, "content/index.md", "Send the e-mail today.\n\nA good lead.\n\nA warm lead.\n")
    done = run(root, "baseline", "--prune")
    assert done.returncode == 0
    assert done.stderr.startswith(f"Recorded 1 finding (1 entry) in {BASELINE}: ")
    assert (root / BASELINE).read_text(encoding="utf-8") == baseline_text(
        '{"path": "content/index.md", "code": "TERM001", "match": "e-mail", '
        '"context": "send the … today", "count": 1}'
    )
    done = run(root, "check")
    assert done.returncode == 1
    assert done.stdout.startswith("content/index.md:5:3: error TERM001 'warm lead'")
    (root / BASELINE).unlink()
    missing = run(root, "baseline", "--prune")
    assert (missing.returncode, missing.stderr) == (
        2,
        f"smarthub: {BASELINE}: no baseline to prune: write one with 'smarthub baseline'\n",
    )


def test_fingerprints_are_the_same_in_one_process_and_in_several(
    hub: Callable[..., Path],
) -> None:
    # A parallel check keeps no content text in memory: the context is read back from disk,
    # BOM and CRLF included, and must give the fingerprints a single process gives.
    from tests.test_parallel import GLOSSARY as PARALLEL_GLOSSARY
    from tests.test_parallel import PAGES

    odd = {"content/crlf/index.md": "\ufeffSend the\r\ne-mail today.\r\n".encode()}
    root = hub({**PARALLEL_GLOSSARY, **PAGES, **odd})
    assert run(root, "baseline", "-j", "2", "--today", "2026-11-23").returncode == 0
    in_workers = (root / BASELINE).read_bytes()
    assert b'"context": "send the \xe2\x80\xa6 today"' in in_workers  # the CRLF page's entry
    checked = run(root, "check", "-j", "1", "--today", "2026-11-23")
    assert (checked.returncode, checked.stdout.split(" (")[0]) == (
        0,
        "All clear: checked 1605 files, no new findings",
    )
    assert run(root, "baseline", "-j", "1", "--today", "2026-11-23").returncode == 0
    assert (root / BASELINE).read_bytes() == in_workers


def test_a_broken_baseline_stops_the_site_build_with_a_message(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "content/index.md": PAGE, BASELINE: '{"version": 1,\n "findings": [}'})
    built = run(root, "build")
    assert (built.returncode, built.stderr) == (
        2,
        f"smarthub: {BASELINE}:2:15: not valid JSON (Expecting value): fix it by hand or rewrite "
        "it with 'smarthub baseline'\n",
    )
    plugin = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert plugin.returncode == 1
    assert f"smarthub: {BASELINE}:2:15: not valid JSON" in plugin.stderr
    assert "Traceback" not in plugin.stderr
