"""``smarthub schema``: JSON Schema (draft 2020-12) for each kind's front matter.

Built from the ``Field``s that ``model/contract.py`` derives from each kind's model (the
same keys, value kinds, required keys and choices that META001 enforces), with this hub's
ids as enums where a key names some, so the YAML language server and other JSON Schema
tools complete and validate front matter.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from smarthub import kinds
from smarthub.atomic import write_atomic
from smarthub.config import HubConfig
from smarthub.kinds import Kind
from smarthub.load import load_hub
from smarthub.load.schema import AVOID_CASES, schema
from smarthub.model import Hub
from smarthub.model.contract import Field
from smarthub.model.fields import SETTING_IDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def exported_kinds() -> list[Kind]:
    """The kinds with a schema of their own (every kind with an id; section pages take any key)."""
    return [kind for kind in kinds.all_kinds() if not kind.open_front_matter]


def write_schemas(config: HubConfig, folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every kind into ``folder``; return the paths written."""
    hub = load_hub(config, selected=set())
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in exported_kinds():
        text = json.dumps(front_matter_schema(hub, kind), indent=2, ensure_ascii=False) + "\n"
        written.append(write_atomic(folder / f"{kind.name}.schema.json", text))
    return written


def front_matter_schema(hub: Hub, kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind's front matter in this hub."""
    known = _known_ids(hub)
    fields = schema(kind)
    result: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"{kind.name}.schema.json",
        "title": f"smarthub {kind.noun} front matter",
        "description": f"The front matter of {_article(kind.noun)} {kind.noun} in this hub, "
        "with its ids (written by 'smarthub schema': run it again when ids change).",
        "type": "object",
        "properties": {field.name: _property(field, known) for field in fields},
        "required": [field.name for field in fields if field.required],
        "additionalProperties": False,
    }
    if kind.schema_conditions:
        result["allOf"] = list(kind.schema_conditions)
    return result


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _known_ids(hub: Hub) -> dict[str, list[str]]:
    """The ids each kind of reference may name, where this hub knows them (in its order)."""
    config = hub.config
    known = {name: list(getattr(config, option)) for name, option in SETTING_IDS.items()}
    for kind in kinds.all_kinds():
        if kind.keyed:
            known[kind.name] = sorted(hub.entries_of(kind.name))
    return {name: ids for name, ids in known.items() if ids}


def _property(field: Field, known: dict[str, list[str]]) -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string", "pattern": r"\S"}
    ids = known.get(field.refers_to) if field.refers_to else None
    kind = field.kind
    if kind == "text":
        value = {"enum": ids} if ids else text
    elif kind in ("ids", "texts"):
        value = {"type": "array", "items": {"enum": ids} if ids else text}
    elif kind == "date":
        value = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif kind == "choice":
        value = {"enum": list(field.choices)}
    elif kind == "mapping":
        value = {"type": "object"}
    elif kind == "avoid":
        value = {
            "type": "array",
            "items": {
                "oneOf": [
                    text,
                    {
                        "type": "object",
                        "properties": {
                            "text": text,
                            "reason": {"type": "string"},
                            "case": {"enum": list(AVOID_CASES)},
                        },
                        "required": ["text"],
                        "additionalProperties": False,
                    },
                ]
            },
        }
    elif kind == "objections":
        value = {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"objection": text, "response": text},
                "required": ["objection", "response"],
                "additionalProperties": False,
            },
        }
    else:
        raise AssertionError(f"unknown field kind {kind}")
    return {"description": field.doc, **value} if field.doc else value
