"""The ``smarthub`` command as a user runs it: exit codes and exact output per format."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import entry

GLOSSARY = {
    "glossary/email.md": entry(
        """
        term: email
        avoid:
          - text: e-mail
            reason: one word
        owner: marketing
        approved_by: [sales, marketing]
        """,
        "A message to an inbox.\n",
    ),
}
ASSET = entry(
    """
    title: Follow-up
    type: email-template
    owner: marketing
    status: draft
    reviewed: 2026-01-05
    """,
    "Send the e-mail.\n",
)


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in the hub's folder, as CI does."""
    return subprocess.run(
        [sys.executable, "-m", "smarthub", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def dirty(hub: Callable[..., Path]) -> Path:
    return hub({**GLOSSARY, "content/emails/follow-up.md": ASSET})


def test_clean_hub_exits_0(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "content/index.md": "# Welcome\n\nOne email a week.\n"})
    done = run(root, "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "All clear: checked 2 files, no findings.\n"
    assert done.stderr == ""


def test_text_output_is_exact(dirty: Path) -> None:
    done = run(dirty, "check", "--today", "2026-11-23")
    assert done.returncode == 1
    assert done.stdout == (
        "content/emails/follow-up.md:6:11: warning REVW001 review overdue by 142 days: last reviewed "
        "2026-01-05, due 2026-07-04 (every 180 days); check the content, then set 'reviewed' to "
        "today's date [review.overdue]\n"
        "content/emails/follow-up.md:8:10: error TERM001 'e-mail' is not our language (one word): "
        "use 'email' [term.avoided]\n"
        "Found 1 error and 1 warning in 1 file (checked 2 files).\n"
    )


def test_json_output_schema(dirty: Path) -> None:
    done = run(dirty, "check", "--format", "json", "--today", "2026-11-23", "--select", "TERM")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document == {
        "version": 1,
        "findings": [
            {
                "path": "content/emails/follow-up.md",
                "line": 8,
                "column": 10,
                "end_line": 8,
                "end_column": 16,
                "code": "TERM001",
                "name": "term.avoided",
                "severity": "error",
                "message": "'e-mail' is not our language (one word): use 'email'",
                "match": "e-mail",
                "suggestion": "email",
            }
        ],
        "summary": {"files": 2, "errors": 1, "warnings": 0, "baselined": 0},
    }


def test_warnings_fail_only_with_strict(dirty: Path) -> None:
    assert run(dirty, "check", "--select", "REVW001", "--today", "2026-11-23").returncode == 0
    assert (
        run(
            dirty, "check", "--select", "review.overdue", "--strict", "--today", "2026-11-23"
        ).returncode
        == 1
    )


def test_select_and_ignore_by_code_name_and_family(dirty: Path) -> None:
    assert run(dirty, "check", "--ignore", "TERM", "--today", "2026-11-23").returncode == 0
    assert run(dirty, "check", "--ignore", "term.avoided,REVW001").stdout.startswith("All clear")
    done = run(dirty, "check", "--select", "NOPE001")
    assert done.returncode == 2
    assert "unknown rule 'NOPE001'" in done.stderr
    assert "Traceback" not in done.stderr


def test_severity_option_overrides_and_turns_off(hub: Callable[..., Path]) -> None:
    files = {**GLOSSARY, "content/emails/follow-up.md": ASSET}
    root = hub(files, options={"severity": {"term.avoided": "warning", "REVW001": "off"}})
    done = run(root, "check", "--format", "json", "--today", "2026-11-23")
    assert done.returncode == 0
    findings = json.loads(done.stdout)["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("TERM001", "warning")]


def test_paths_limit_reported_files(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "content/a.md": ASSET, "content/b.md": ASSET})
    done = run(root, "check", "content/b.md", "--select", "TERM001", "--format", "json")
    assert [f["path"] for f in json.loads(done.stdout)["findings"]] == ["content/b.md"]
    assert json.loads(done.stdout)["summary"]["files"] == 1
    missing = run(root, "check", "content/nope.md")
    assert missing.returncode == 2
    assert missing.stderr == "smarthub: content/nope.md: no such file or folder\n"


def test_config_file_missing(tmp_path: Path) -> None:
    done = run(tmp_path, "check")
    assert done.returncode == 2
    assert done.stderr.startswith("smarthub: no mkdocs.yml here or in any parent folder")


def test_config_without_plugin_exits_2(hub: Callable[..., Path]) -> None:
    root = hub({"mkdocs.yml": "site_name: x\nplugins:\n  - search\n"})
    done = run(root, "check")
    assert done.returncode == 2
    assert "no 'smarthub' entry under 'plugins'" in done.stderr


def test_config_errors_reported_together_with_lines(hub: Callable[..., Path]) -> None:
    config = (
        "site_name: x\n"
        "docs_dir: content\n"
        "plugins:\n"
        "  - smarthub:\n"
        "      journy: [a]\n"
        "      review_interval_days: soon\n"
        "      severity: {TERM999: error}\n"
    )
    done = run(hub({"mkdocs.yml": config}), "check")
    assert done.returncode == 2
    assert done.stderr == (
        "smarthub: mkdocs.yml:5: plugins.smarthub.journy: unknown option: did you mean 'journey'?\n"
        "smarthub: mkdocs.yml:6: plugins.smarthub.review_interval_days: expected a whole number of days "
        "above 0, got 'soon'\n"
        "smarthub: mkdocs.yml:7: plugins.smarthub.severity: 'TERM999' is not a rule code or name "
        "(see 'smarthub rules')\n"
    )


def test_config_with_mkdocs_tags_and_bad_yaml(hub: Callable[..., Path]) -> None:
    tagged = (
        "site_name: !ENV [SMARTHUB_TEST_UNSET, 'Hub']\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - smarthub\n"
    )
    assert run(hub({"mkdocs.yml": tagged}), "check").returncode == 0
    broken = run(hub({"mkdocs.yml": "plugins: [smarthub\nsite_name: x\n"}), "check")
    assert broken.returncode == 2
    assert broken.stderr.startswith("smarthub: mkdocs.yml:2: not valid YAML")


def test_bad_today_is_a_usage_error(dirty: Path) -> None:
    done = run(dirty, "check", "--today", "tomorrow")
    assert done.returncode == 2
    assert "--today" in done.stderr
    assert "Traceback" not in done.stderr


def test_rules_and_explain(dirty: Path) -> None:
    listing = run(dirty, "rules").stdout.splitlines()
    assert listing[0].split()[:3] == ["GLOS001", "glossary.conflict", "error"]
    assert any(
        line.split()[:3] == ["TERM004", "term.undefined-acronym", "error"] for line in listing
    )
    explained = run(dirty, "explain", "term.avoided")
    assert explained.stdout.startswith("TERM001 (term.avoided), default severity: error\n")
    assert "Example that fails" in explained.stdout
    assert run(dirty, "explain", "XYZ").returncode == 2


def test_check_does_not_import_mkdocs(dirty: Path) -> None:
    probe = (
        "import sys\n"
        "from smarthub.cli import main\n"
        "sys.argv = ['smarthub', 'check']\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print('mkdocs' in sys.modules, 'material' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=dirty, capture_output=True, text=True, timeout=60
    )
    assert done.stderr.strip().splitlines()[-1] == "False False"
