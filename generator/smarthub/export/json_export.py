"""The glossary as JSON: every field of every term, for scripts and other tools."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from smarthub.model import Term

SCHEMA_VERSION = 1


def term_record(term: Term) -> dict[str, Any]:
    """Every field of a term, in the order of the file contract; dates as ISO strings."""
    return {
        "id": term.id,
        "path": term.source.rel,
        "term": term.term,
        "abbreviation": term.abbreviation,
        "aliases": list(term.aliases),
        "avoid": [{"text": form.text, "reason": form.reason} for form in term.avoid],
        "casing": term.casing,
        "status": term.status,
        "replaced_by": term.replaced_by,
        "owner": term.owner,
        "approved_by": list(term.approved_by),
        "related": list(term.related),
        "reviewed": term.reviewed.isoformat() if term.reviewed else None,
        "definition": term.definition,
    }


def render_json(terms: Iterable[Term]) -> str:
    """``{"version": 1, "terms": [...]}``, terms ordered by id, keys in a fixed order."""
    document = {
        "version": SCHEMA_VERSION,
        "terms": [term_record(term) for term in sorted(terms, key=lambda term: term.id)],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
