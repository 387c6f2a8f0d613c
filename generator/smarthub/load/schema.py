"""Validating front matter against a kind's contract, with the line, key and remedy of each problem.

The contract is the model dataclass itself (``model/contract.py`` derives its ``Field``s:
names, value kinds, required keys, choices). Validation is written here rather than handed
to JSON Schema (which ``smarthub schema`` still publishes from the same fields) or to a
validation library, because every problem must name the exact line and key with a remedy.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smarthub.model.contract import Field, fields_of
from smarthub.model.entities import AvoidForm, Objection
from smarthub.model.fields import SETTING_IDS
from smarthub.model.source import LoadProblem, SourceFile
from smarthub.yamlsafe import shown, shown_inline

if TYPE_CHECKING:
    from smarthub.kinds import Kind


def _key_text(key: Any) -> str:
    """A front-matter key as text (a number or a date may be a key), cut short."""
    try:
        text = str(key)
    except ValueError:  # an integer too long to convert
        return "a number too long to show"
    return text if len(text) <= 60 else text[:57] + "..."


AVOID_CASES = ("any", "exact")  # an avoided form's `case`: any spelling, or only as listed


def schema(kind: Kind) -> tuple[Field, ...]:
    """The front-matter contract of a kind of file."""
    return fields_of(kind.model)


@dataclass
class Validated:
    """Front-matter values that passed, the problems found, and whether the entry is usable."""

    values: dict[str, Any]
    problems: list[LoadProblem]
    usable: bool


@functools.cache
def _fields_by_name(model: type) -> dict[str, Field]:
    return {field.name: field for field in fields_of(model)}


@functools.lru_cache(maxsize=256)
def _close_keys(key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """The allowed key closest to an unknown one, if any is close.

    Cached: a hub repeats the same unknown keys (``layout:`` from another site generator),
    and difflib compares each with every allowed key.
    """
    return tuple(difflib.get_close_matches(key, allowed, n=1, cutoff=0.6))


def validate(source: SourceFile, kind: Kind) -> Validated:
    """Check ``source.meta`` against the contract for ``kind``."""
    fields = _fields_by_name(kind.model)
    problems: list[LoadProblem] = []
    values: dict[str, Any] = {}
    usable = source.has_front_matter or kind.open_front_matter
    meta = source.meta

    def report(
        key: str, message: str, suggestion: str | None = None, *, on_key: bool = False
    ) -> None:
        span = source.key_span(key) if on_key else source.value_span(key)
        start, end = span or (0, 3)
        problems.append(LoadProblem("META001", source, start, end, message, suggestion))

    if not kind.open_front_matter:
        for key in meta:
            if isinstance(key, str) and key in fields:
                continue  # nearly every key: known, so no message needs its text
            key = _key_text(key)
            if key not in fields:
                close = _close_keys(key, tuple(fields))
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
            if (
                field.refers_to and field.refers_to not in SETTING_IDS
            ):  # a file name: see SourceFile.id
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
        if not isinstance(value, list):
            return None, "must be a list of texts, for example [first, second]"
        items = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                return None, "must be a list of texts, for example [first, second]"
            items.append(item.strip())
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
    forms: list[AvoidForm] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            forms.append(AvoidForm(item.strip()))
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
            forms.append(AvoidForm(text, reason, case))
        else:
            return None, f"has an entry that is not {shape}: {shown(item)}"
    return forms, None


def _coerce_objections(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, list):
        return None, "must be a list of {objection: ..., response: ...}"
    pairs: list[Objection] = []
    for item in value:
        if (
            isinstance(item, dict)
            and set(item) == {"objection", "response"}
            and all(isinstance(text, str) and text.strip() for text in item.values())
        ):
            pairs.append(Objection(item["objection"].strip(), item["response"].strip()))
        else:
            return (
                None,
                f"has an entry that is not {{objection: ..., response: ...}}: {shown(item)}",
            )
    return pairs, None
