"""``smarthub schema``: JSON Schema (draft 2020-12) for each kind's front matter.

Built from the contract in ``load/schema.py`` (the same fields, kinds, required keys and
choices that META001 enforces), with this hub's ids as enums where a key names one, so
the YAML language server and other JSON Schema tools complete and validate front matter.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from smarthub.atomic import write_atomic
from smarthub.config import HubConfig
from smarthub.load import load_hub
from smarthub.load.schema import SCHEMAS, Field
from smarthub.model import Hub

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = {
    "term": "glossary entry",
    "persona": "persona",
    "playbook": "playbook",
    "asset": "asset",
}
_DESCRIPTIONS = {
    "term": "The canonical (preferred) form of the term.",
    "abbreviation": "The abbreviation, matched in its exact case.",
    "aliases": "Admitted forms, never flagged.",
    "avoid": "Forbidden forms, flagged as TERM001: a text or {text, reason}.",
    "casing": "any (default), exact, or sentence.",
    "status": "The entry's status.",
    "replaced_by": "The id of the term to use instead (required when deprecated).",
    "owner": "The team that owns this entry.",
    "approved_by": "The teams that signed the definition off.",
    "related": "Ids of related glossary terms.",
    "reviewed": "The date the entry was last verified, YYYY-MM-DD.",
    "name": "The persona's name.",
    "role": "The persona's job title.",
    "objections": "Objections the persona raises, each with the agreed response.",
    "title": "The title shown in the site.",
    "type": "The asset type (one of the hub's asset_types).",
    "audience": "The teams this playbook is for.",
    "personas": "Ids of the personas this is for.",
    "stages": "Journey stages this is for.",
    "summary": "One sentence shown in lists and search.",
    "tags": "Free tags.",
    "extra": "Your own keys: smarthub ignores them.",
    "smarthub": "smarthub settings for this file, such as {disable: [TERM004]}.",
}


def write_schemas(config: HubConfig, folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every kind into ``folder``; return the paths written."""
    hub = load_hub(config, selected=set())
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        text = json.dumps(front_matter_schema(hub, kind), indent=2, ensure_ascii=False) + "\n"
        written.append(write_atomic(folder / f"{kind}.schema.json", text))
    return written


def front_matter_schema(hub: Hub, kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind's front matter in this hub."""
    known = _known_ids(hub, kind)
    fields = SCHEMAS[kind]
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"{kind}.schema.json",
        "title": f"smarthub {KINDS[kind]} front matter",
        "description": f"The front matter of {_article(KINDS[kind])} {KINDS[kind]} in this hub, "
        "with its ids (written by 'smarthub schema': run it again when ids change).",
        "type": "object",
        "properties": {field.name: _property(field, known) for field in fields},
        "required": [field.name for field in fields if field.required],
        "additionalProperties": False,
    }
    rules = _conditions(kind)
    if rules:
        schema["allOf"] = rules
    return schema


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _known_ids(hub: Hub, kind: str) -> dict[str, list[str]]:
    """The ids a key may name, where this hub knows them."""
    config = hub.config
    teams = list(config.teams)
    terms = sorted(hub.terms)
    known = {
        "owner": teams,
        "approved_by": teams,
        "audience": teams,
        "personas": sorted(hub.personas),
        "stages": list(config.journey),
        "related": terms,
        "replaced_by": terms,
    }
    if kind == "asset":
        known["type"] = list(config.asset_types)
    return {key: ids for key, ids in known.items() if ids}


def _property(field: Field, known: dict[str, list[str]]) -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string", "pattern": r"\S"}
    ids = known.get(field.name)
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
                        "properties": {"text": text, "reason": {"type": "string"}},
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
    description = _DESCRIPTIONS.get(field.name)
    return {"description": description, **value} if description else value


def _conditions(kind: str) -> list[dict[str, Any]]:
    """What the loader checks across keys: a deprecated term's replacement, a published
    asset's personas and stages."""
    if kind == "term":
        return [
            {
                "if": {"properties": {"status": {"const": "deprecated"}}, "required": ["status"]},
                "then": {"required": ["replaced_by"]},
            }
        ]
    if kind == "asset":
        at_least_one = {"type": "array", "minItems": 1}
        return [
            {
                "if": {"properties": {"status": {"const": "published"}}, "required": ["status"]},
                "then": {
                    "required": ["personas", "stages"],
                    "properties": {"personas": at_least_one, "stages": at_least_one},
                },
            }
        ]
    return []
