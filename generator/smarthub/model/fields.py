"""What a front-matter key means beyond its Python type, declared on the model's own fields.

A model dataclass *is* its kind's front-matter contract: the field's name is the key, its
type says the value kind (text, list, date, ...), a field without a default is required,
and these helpers add what a type cannot say: the allowed values, what an id refers to,
and the one-line description that ``smarthub schema`` publishes. ``model/contract.py``
derives the keys from it; ``load/schema.py`` validates and ``schema_export.py`` writes JSON
Schema from them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

_MISSING: Any = dataclasses.MISSING
# What a ``refers_to`` names when it is not a kind of file: the hub setting listing the ids.
SETTING_IDS = {"team": "teams", "stage": "journey", "asset type": "asset_types"}


def key(
    doc: str | None = None,
    *,
    default: Any = _MISSING,
    default_factory: Any = _MISSING,
    choices: tuple[str, ...] = (),
    refers_to: str | None = None,
) -> Any:
    """A front-matter key: ``doc`` for the schema, ``choices`` (its allowed values) or
    ``refers_to`` (what its ids name: ``team``, ``stage``, ``asset type`` or a kind's name,
    checked by REFS001). Without ``default`` or ``default_factory`` the key is required."""
    metadata = {"doc": doc, "choices": choices, "refers_to": refers_to}
    if default_factory is not _MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def not_a_key(*, default: Any = _MISSING, default_factory: Any = _MISSING) -> Any:
    """A model field that does not come from front matter (a term's definition, its body)."""
    metadata = {"front_matter": False}
    if default_factory is not _MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)
