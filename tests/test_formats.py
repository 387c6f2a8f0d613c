"""The CI output formats: SARIF (schema-valid), GitHub workflow commands, JUnit XML."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import entry
from tests.test_cli import ASSET, GLOSSARY, run

SCHEMA_PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"  # ships Microsoft's SARIF 2.1.0 schema
SCHEMA_CACHE = Path(__file__).parent / ".cache" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="session")
def sarif_schema() -> dict:
    """The SARIF 2.1.0 JSON schema, taken once from its npm package into tests/.cache."""
    if not SCHEMA_CACHE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed, so the SARIF schema cannot be fetched")
        SCHEMA_CACHE.parent.mkdir(exist_ok=True)
        done = subprocess.run(
            [
                npm,
                "pack",
                SCHEMA_PACKAGE,
                "--pack-destination",
                str(SCHEMA_CACHE.parent),
                "--silent",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        archive = SCHEMA_CACHE.parent / done.stdout.strip().splitlines()[-1]
        with tarfile.open(archive) as tar:
            member = tar.extractfile("package/lib/schemas/sarif-2.1.0-rtm.5.json")
            assert member is not None
            SCHEMA_CACHE.write_bytes(member.read())
        archive.unlink()
    return json.loads(SCHEMA_CACHE.read_text(encoding="utf-8"))


@pytest.fixture
def dirty(hub: Callable[..., Path]) -> Path:
    extra = {"content/index.md": "Write to the team, then the hot lead by e-mail: done.\n"}
    glossary = {
        **GLOSSARY,
        "glossary/mql.md": entry(
            "term: MQL\navoid: [hot lead]\nowner: sales\napproved_by: [sales, marketing]",
            "A lead.\n",
        ),
    }
    return hub({**glossary, "content/emails/follow-up.md": ASSET, **extra})


def test_sarif_validates_and_carries_rules(dirty: Path, sarif_schema: dict) -> None:
    import jsonschema

    done = run(dirty, "check", "--format", "sarif", "--today", "2026-11-23")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    jsonschema.validate(document, sarif_schema)
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules][:3] == ["GLOS001", "GLOS002", "HTML001"]
    term001 = next(rule for rule in rules if rule["id"] == "TERM001")
    assert term001["name"] == "term.avoided"
    assert term001["defaultConfiguration"] == {"level": "error"}
    assert "Example that fails" in term001["help"]["text"]
    assert run_["columnKind"] == "unicodeCodePoints"
    results = [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"])
        for r in run_["results"]
    ]
    assert [rule_id for rule_id, _, _ in results] == ["REVW001", "TERM001", "TERM001", "TERM001"]
    assert results[2] == (
        "TERM001",
        "error",
        {
            "startLine": 1,
            "startColumn": 29,
            "endLine": 1,
            "endColumn": 37,
            "snippet": {"text": "hot lead"},
        },
    )
    fix = run_["results"][2]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"] == {"text": "MQL"}


def test_sarif_empty_run_validates(hub: Callable[..., Path], sarif_schema: dict) -> None:
    import jsonschema

    done = run(hub(GLOSSARY), "check", "--format", "sarif")
    assert done.returncode == 0
    document = json.loads(done.stdout)
    jsonschema.validate(document, sarif_schema)
    assert document["runs"][0]["results"] == []


def test_github_format_exact(dirty: Path) -> None:
    done = run(dirty, "check", "--format", "github", "--select", "TERM001")
    assert done.returncode == 1
    assert done.stdout == (
        "::error file=content/emails/follow-up.md,line=8,col=10,endLine=8,endColumn=16,"
        "title=TERM001 term.avoided::'e-mail' is not our language (one word): use 'email'\n"
        "::error file=content/index.md,line=1,col=29,endLine=1,endColumn=37,"
        "title=TERM001 term.avoided::'hot lead' is not our language: use 'MQL'\n"
        "::error file=content/index.md,line=1,col=41,endLine=1,endColumn=47,"
        "title=TERM001 term.avoided::'e-mail' is not our language (one word): use 'email'\n"
        "Found 3 errors and 0 warnings in 2 files (checked 4 files).\n"
    )


def test_github_format_is_default_on_actions(dirty: Path) -> None:
    done = subprocess.run(
        ["smarthub", "check", "--select", "TERM001"],
        cwd=dirty,
        capture_output=True,
        text=True,
        env={**_env(), "GITHUB_ACTIONS": "true"},
    )
    assert done.stdout.startswith("::error file=content/emails/follow-up.md,line=8,")


def _env() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}


def test_junit_exact(dirty: Path) -> None:
    done = run(dirty, "check", "--format", "junit", "--today", "2026-11-23", "--ignore", "TERM004")
    assert done.returncode == 1
    assert done.stdout == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="smarthub" tests="4" failures="2">\n'
        '  <testsuite name="smarthub check" tests="4" failures="2" errors="0">\n'
        '    <testcase classname="smarthub" name="content/emails/follow-up.md" file="content/emails/follow-up.md">\n'
        "      <failure message=\"1 error: 'e-mail' is not our language (one word): use 'email'\" type=\"TERM001\">"
        "content/emails/follow-up.md:8:10: error TERM001 'e-mail' is not our language (one word): use 'email' "
        "[term.avoided]</failure>\n"
        "      <system-out>content/emails/follow-up.md:6:11: warning REVW001 review overdue by 142 days: last "
        "reviewed 2026-01-05, due 2026-07-04 (every 180 days); check the content, then set 'reviewed' to "
        "today's date [review.overdue]</system-out>\n"
        "    </testcase>\n"
        '    <testcase classname="smarthub" name="content/index.md" file="content/index.md">\n'
        "      <failure message=\"2 errors: 'hot lead' is not our language: use 'MQL'\" type=\"TERM001\">"
        "content/index.md:1:29: error TERM001 'hot lead' is not our language: use 'MQL' [term.avoided]\n"
        "content/index.md:1:41: error TERM001 'e-mail' is not our language (one word): use 'email' "
        "[term.avoided]</failure>\n"
        "    </testcase>\n"
        '    <testcase classname="smarthub" name="glossary/email.md" file="glossary/email.md" />\n'
        '    <testcase classname="smarthub" name="glossary/mql.md" file="glossary/mql.md" />\n'
        "  </testsuite>\n"
        "</testsuites>\n"
    )
    ET.fromstring(done.stdout.split("\n", 1)[1])


def test_output_file(dirty: Path) -> None:
    done = run(dirty, "check", "--format", "json", "-o", "report.json", "--select", "TERM001")
    assert done.returncode == 1
    assert done.stdout == ""
    assert (
        done.stderr
        == "Found 3 errors and 0 warnings in 2 files (checked 4 files). Report written to report.json.\n"
    )
    assert json.loads((dirty / "report.json").read_text())["summary"]["errors"] == 3
