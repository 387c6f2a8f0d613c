"""``smarthub schema``: the JSON Schema it writes accepts the sample hub and rejects mistakes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

REPOSITORY = Path(__file__).resolve().parent.parent
FOLDERS = {"term": "glossary", "persona": "personas", "playbook": "playbooks", "asset": "content"}


def front_matter(path: Path) -> dict[str, Any]:
    """The front matter as a JSON instance: YAML dates become the YYYY-MM-DD strings written."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n", 2)[1])

    def as_json(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: as_json(item) for key, item in value.items()}
        if isinstance(value, list):
            return [as_json(item) for item in value]
        return value

    return as_json(data)


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, jsonschema.Validator]:
    folder = tmp_path_factory.mktemp("schema")
    done = subprocess.run(
        [sys.executable, "-m", "smarthub", "schema", "-f", "mkdocs.yml", "-o", str(folder)],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        str(folder / f"{kind}.schema.json") for kind in ("term", "persona", "playbook", "asset")
    ]
    validators = {}
    for kind in FOLDERS:
        schema = json.loads((folder / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
    return validators


@pytest.mark.parametrize("kind", list(FOLDERS))
def test_the_sample_hub_front_matter_validates(
    schemas: dict[str, jsonschema.Validator], kind: str
) -> None:
    files = [
        path
        for path in sorted((REPOSITORY / FOLDERS[kind]).rglob("*.md"))
        if path.name != "index.md"
    ]
    assert files
    for path in files:
        errors = [error.message for error in schemas[kind].iter_errors(front_matter(path))]
        assert errors == [], path


def test_the_hub_ids_are_enums(schemas: dict[str, jsonschema.Validator]) -> None:
    asset = schemas["asset"].schema["properties"]
    assert asset["personas"]["items"]["enum"] == [
        "ap-manager",
        "cfo-mid-market",
        "controller",
        "it-procurement-lead",
    ]
    assert asset["stages"]["items"]["enum"][0] == "awareness"
    assert "battlecard" in asset["type"]["enum"]
    assert (
        "marketing-qualified-lead"
        in schemas["term"].schema["properties"]["related"]["items"]["enum"]
    )


def messages(validator: jsonschema.Validator, instance: dict[str, Any]) -> list[str]:
    return sorted(error.message for error in validator.iter_errors(instance))


def test_mistakes_are_rejected(schemas: dict[str, jsonschema.Validator]) -> None:
    asset = front_matter(REPOSITORY / "content" / "battlecards" / "vs-invoicehive.md")
    misspelt = {**{k: v for k, v in asset.items() if k != "personas"}, "persnas": asset["personas"]}
    assert messages(schemas["asset"], misspelt) == [
        "'personas' is a required property",  # a published asset needs personas
        "Additional properties are not allowed ('persnas' was unexpected)",
    ]
    assert messages(schemas["asset"], {**asset, "personas": ["cfo"]}) == [
        "'cfo' is not one of ['ap-manager', 'cfo-mid-market', 'controller', 'it-procurement-lead']"
    ]
    assert messages(schemas["asset"], {**asset, "reviewed": "1 October 2026"}) == [
        "'1 October 2026' does not match '^\\\\d{4}-\\\\d{2}-\\\\d{2}$'",
        "'1 October 2026' is not a 'date'",
    ]
    term = front_matter(REPOSITORY / "glossary" / "email.md")
    assert messages(schemas["term"], {**term, "status": "deprecated"}) == [
        "'replaced_by' is a required property"
    ]


def test_what_the_loader_accepts_in_avoid_the_schema_accepts(
    schemas: dict[str, jsonschema.Validator],
) -> None:
    """`case: exact` is documented and loaded; the schema once refused it as an extra key."""
    term = front_matter(REPOSITORY / "glossary" / "email.md")
    exact = {"text": "Sales Force", "reason": "a product name", "case": "exact"}
    assert messages(schemas["term"], {**term, "avoid": ["e-mail", exact]}) == []
    assert messages(schemas["term"], {**term, "avoid": [{**exact, "case": "some"}]}) == [
        "{'text': 'Sales Force', 'reason': 'a product name', 'case': 'some'} is not valid under any of the given schemas"
    ]


def test_an_unwritable_folder_is_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "smarthub", "schema", "-f", "mkdocs.yml", "-o", str(blocker / "x")],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == f"smarthub: {blocker / 'x'}: cannot write the schemas (Not a directory)\n"
