"""The front-matter contract of each kind of file, and its validation.

The contract is small and declarative (a handful of value kinds), and every problem must
name the exact line and key with a remedy, so it is written here rather than expressed
in JSON Schema, whose errors would need translating back into positions and advice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from dataclasses import dataclass
from typing import Any

from smarthub.model.source import LoadProblem, SourceFile
from smarthub.yamlsafe import shown, shown_inline


def _key_text(key: Any) -> str:
    """A front-matter key as text (a number or a date may be a key), cut short."""
    try:
        text = str(key)
    except ValueError:  # an integer too long to convert
        return "a number too long to show"
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class Field:
    """One front-matter key: its value kind, whether it is required, and allowed choices."""

    name: str
    kind: str  # text | ids | texts | date | choice | avoid | objections | mapping
    required: bool = False
    choices: tuple[str, ...] = ()


AVOID_CASES = ("any", "exact")  # an avoided form's `case`: any spelling, or only as listed
_COMMON = (Field("extra", "mapping"), Field("smarthub", "mapping"))
SCHEMAS: dict[str, tuple[Field, ...]] = {
    "term": (
        Field("term", "text", required=True),
        Field("abbreviation", "text"),
        Field("aliases", "texts"),
        Field("avoid", "avoid"),
        Field("casing", "choice", choices=("any", "exact", "sentence")),
        Field("status", "choice", choices=("approved", "proposed", "deprecated")),
        Field("replaced_by", "text"),
        Field("owner", "text", required=True),
        Field("approved_by", "ids"),
        Field("related", "ids"),
        Field("reviewed", "date"),
        *_COMMON,
    ),
    "persona": (
        Field("name", "text", required=True),
        Field("role", "text", required=True),
        Field("owner", "text", required=True),
        Field("segment", "text"),
        Field("goals", "texts"),
        Field("pains", "texts"),
        Field("channels", "texts"),
        Field("objections", "objections"),
        Field("reviewed", "date"),
        *_COMMON,
    ),
    "playbook": (
        Field("title", "text", required=True),
        Field("owner", "text", required=True),
        Field("reviewed", "date", required=True),
        Field("audience", "ids"),
        Field("personas", "ids"),
        Field("stages", "ids"),
        Field("summary", "text"),
        Field("tags", "texts"),
        *_COMMON,
    ),
    "asset": (
        Field("title", "text", required=True),
        Field("type", "text", required=True),
        Field("owner", "text", required=True),
        Field("status", "choice", required=True, choices=("draft", "published", "retired")),
        Field("reviewed", "date", required=True),
        Field("personas", "ids"),
        Field("stages", "ids"),
        Field("summary", "text"),
        Field("tags", "texts"),
        *_COMMON,
    ),
    # Section pages (index.md) may carry any MkDocs or Material key; only these are checked.
    "page": (Field("title", "text"), Field("summary", "text"), *_COMMON),
}
_OPEN_KINDS = frozenset({"page"})


@dataclass
class Validated:
    """Front-matter values that passed, the problems found, and whether the entry is usable."""

    values: dict[str, Any]
    problems: list[LoadProblem]
    usable: bool


def validate(source: SourceFile, kind: str) -> Validated:
    """Check ``source.meta`` against the contract for ``kind``."""
    fields = {field.name: field for field in SCHEMAS[kind]}
    problems: list[LoadProblem] = []
    values: dict[str, Any] = {}
    usable = source.has_front_matter or kind in _OPEN_KINDS
    meta = source.meta

    def report(
        key: str, message: str, suggestion: str | None = None, *, on_key: bool = False
    ) -> None:
        span = source.key_span(key) if on_key else source.value_span(key)
        start, end = span or (0, 3)
        problems.append(LoadProblem("META001", source, start, end, message, suggestion))

    if kind not in _OPEN_KINDS:
        for key in meta:
            key = _key_text(key)
            if key not in fields:
                close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
                hint = (
                    f": did you mean '{close[0]}'?"
                    if close
                    else f"; allowed keys are {', '.join(fields)}"
                )
                report(
                    str(key),
                    f"unknown key '{key}'{hint} (put custom keys under 'extra:')",
                    close[0] if close else None,
                    on_key=True,
                )
    for field in fields.values():
        if field.name not in meta or meta[field.name] is None:
            if field.required and source.has_front_matter:
                problems.append(
                    LoadProblem(
                        "META001",
                        source,
                        0,
                        3,
                        f"required key '{field.name}' is missing: add '{field.name}: ...' to the front matter",
                    )
                )
                usable = False
            continue
        value, message = _coerce(field, meta[field.name])
        if message:
            report(field.name, f"'{field.name}' {message}")
            usable = usable and not field.required
        else:
            values[field.name] = value
    return Validated(values, problems, usable)


def _coerce(field: Field, value: Any) -> tuple[Any, str | None]:
    """The value in its model type, or a message saying what is wrong and how to write it."""
    kind = field.kind
    if kind == "text":
        if isinstance(value, str) and value.strip():
            if field.name == "replaced_by":  # an id (see SourceFile.id)
                return unicodedata.normalize("NFC", value.strip()), None
            return value.strip(), None
        if isinstance(value, bool | int | float | dt.date):
            return None, f"must be text, got {shown(value)}: put it in quotes"
        if isinstance(value, str):
            return None, "must not be empty"
        return None, f"must be text, got a {_kind_of(value)}"
    if kind in ("ids", "texts"):
        if isinstance(value, str):
            return None, f"must be a list: write [{shown_inline(value)}]"
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            return None, "must be a list of texts, for example [first, second]"
        items = [item.strip() for item in value]
        if kind == "ids":  # ids are file names: one Unicode spelling (see SourceFile.id)
            items = [unicodedata.normalize("NFC", item) for item in items]
        return items, None
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date(), None
        if isinstance(value, dt.date):
            return value, None
        return None, f"must be a date written YYYY-MM-DD, got {shown(value)}"
    if kind == "choice":
        if value in field.choices:
            return value, None
        close = (
            difflib.get_close_matches(value, field.choices, n=1) if isinstance(value, str) else []
        )
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return None, f"must be one of {', '.join(field.choices)}, got {shown(value)}{hint}"
    if kind == "mapping":
        return (
            (value, None)
            if isinstance(value, dict)
            else (None, "must be a mapping of keys to values")
        )
    if kind == "avoid":
        return _coerce_avoid(value)
    if kind == "objections":
        return _coerce_objections(value)
    raise AssertionError(f"unknown field kind {kind}")


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dt.date):
        return "date"
    return (
        "number"
        if isinstance(value, int | float) and not isinstance(value, bool)
        else type(value).__name__
    )


def _coerce_avoid(value: Any) -> tuple[Any, str | None]:
    shape = "a text or {text: ..., reason: ..., case: any | exact}"
    if not isinstance(value, list):
        return None, f"must be a list of forms, each {shape}"
    forms: list[tuple[str, str | None, str]] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            forms.append((item.strip(), None, "any"))
        elif (
            isinstance(item, dict)
            and isinstance(item.get("text"), str)
            and item["text"].strip()
            and set(item) <= {"text", "reason", "case"}
            and isinstance(item.get("reason", ""), str)
        ):
            case = item.get("case", "any")
            if case not in AVOID_CASES:
                return (
                    None,
                    f"has an entry whose 'case' is {case!r}: use 'any' (the default) or "
                    "'exact' (only the form written as listed)",
                )
            text, reason = item["text"].strip(), (item.get("reason") or "").strip() or None
            forms.append((text, reason, case))
        else:
            return None, f"has an entry that is not {shape}: {shown(item)}"
    return forms, None


def _coerce_objections(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, list):
        return None, "must be a list of {objection: ..., response: ...}"
    pairs: list[tuple[str, str]] = []
    for item in value:
        if (
            isinstance(item, dict)
            and set(item) == {"objection", "response"}
            and all(isinstance(text, str) and text.strip() for text in item.values())
        ):
            pairs.append((item["objection"].strip(), item["response"].strip()))
        else:
            return (
                None,
                f"has an entry that is not {{objection: ..., response: ...}}: {shown(item)}",
            )
    return pairs, None
