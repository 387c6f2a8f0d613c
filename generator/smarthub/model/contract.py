"""A kind's front-matter contract, derived from its model dataclass: one declaration per key.

``load/schema.py`` validates front matter against these ``Field``s (with positions and
remedies), ``schema_export.py`` writes them as JSON Schema, REFS001 and the language server
read what each key's ids name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from smarthub.model.entities import AvoidForm, Objection


@dataclass(frozen=True)
class Field:
    """One front-matter key: its value kind, whether it is required, allowed choices, what it names.

    Derived from a model dataclass's field (``fields_of``), never written by hand.
    """

    name: str
    kind: str  # text | ids | texts | date | choice | avoid | objections | mapping
    required: bool = False
    choices: tuple[str, ...] = ()
    refers_to: str | None = None  # team | stage | asset type | a kind's name (REFS001)
    doc: str | None = None


# Keys every kind accepts besides its model's fields: your own keys, and per-file settings.
COMMON = (
    Field("extra", "mapping", doc="Your own keys: smarthub ignores them."),
    Field(
        "smarthub",
        "mapping",
        doc="smarthub settings for this file, such as {disable: [TERM004]}.",
    ),
)
_LIST_KINDS: dict[Any, str] = {AvoidForm: "avoid", Objection: "objections"}


@functools.cache
def fields_of(model: type) -> tuple[Field, ...]:
    """The front-matter contract of a model dataclass: its fields (in order), then ``COMMON``.

    A field's type gives its value kind (``str`` text, ``dt.date`` a date, ``list[str]``
    texts, or ids when it ``refers_to`` something, ``list[AvoidForm]`` and
    ``list[Objection]`` their structured lists); a field without a default is required;
    ``model/fields.py`` adds choices, references and descriptions.
    """
    hints = typing.get_type_hints(model)
    derived: list[Field] = []
    for item in dataclasses.fields(model):
        if not item.metadata.get("front_matter", True):
            continue
        meta = item.metadata
        required = (
            item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
        )
        derived.append(
            Field(
                item.name,
                _value_kind(model, item.name, hints[item.name], meta),
                required=required,
                choices=tuple(meta.get("choices", ())),
                refers_to=meta.get("refers_to"),
                doc=meta.get("doc"),
            )
        )
    return (*derived, *COMMON)


def _value_kind(model: type, name: str, hint: Any, meta: Mapping[str, Any]) -> str:
    args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if typing.get_origin(hint) in (types.UnionType, typing.Union) and len(args) == 1:
        hint = args[0]  # `X | None`: optional is said by the default, not the type
    if meta.get("choices"):
        return "choice"
    if hint is str:
        return "text"
    if hint is dt.date:
        return "date"
    if hint is dict or typing.get_origin(hint) is dict:
        return "mapping"
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        if item is str:
            return "ids" if meta.get("refers_to") else "texts"
        if item in _LIST_KINDS:
            return _LIST_KINDS[item]
    raise TypeError(f"{model.__name__}.{name}: no front-matter value kind for {hint!r}")
