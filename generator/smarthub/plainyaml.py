"""A fast reader for the plain YAML that front matter is nearly always written in.

Front matter is a few ``key: value`` lines, flow lists (``personas: [cfo, vp-sales]``) and
block lists, maybe of small mappings. Composing such a document with libyaml and then
constructing it with PyYAML's Python constructor costs ~100 µs, because every event, mark
and node is a Python object; reading the same lines with a few regular expressions costs
a quarter of that. ``load_plain`` reads only a strict subset of YAML whose meaning is
certain (no anchors, tags, comments, escapes, multi-line scalars, tabs or CR) and returns
``None`` for anything else, so the caller reads that document with libyaml as before:
every error, its message and its line stay PyYAML's own.

Plain scalars are resolved and constructed by PyYAML's own resolver and constructors (the
front-matter loader's table), so ``yes`` is ``True``, ``2026-10-01`` a ``date`` and an
impossible date stays text, exactly as on the libyaml path.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import yaml

from smarthub.yamlsafe import FrontMatterLoader

Span = tuple[int, int]  # start and end offsets of a value in the document's text

# Everything libyaml reads as printable, less what the subset leaves to libyaml: tab, CR,
# the other line breaks (NEL, U+2028, U+2029) and the byte-order mark.
PLAIN_CHARACTERS = (
    "[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# A first character that starts no YAML indicator, and the rest of a plain scalar: a
# comment (" #"), a mapping value (": " or a final ":") and "#" anywhere are left to libyaml.
_PLAIN_FIRST = r"[^ \-?:,\[\]{}#&*!|>'\"%@`]"
_DOUBLE = r'"[^"\\]*"'  # no escapes: the text between the quotes is the value
_SINGLE = r"'[^']*'"  # no '' escape
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_DASH_LINE = re.compile(r"- +(.+)")
_FLOW_ITEM = rf"(?:{_DOUBLE}|{_SINGLE}|{_PLAIN_FIRST}[^,\[\]{{}}#:\"']*)"
_FLOW_SEQUENCE = re.compile(rf"\[ *(?:{_FLOW_ITEM} *(?:, *{_FLOW_ITEM} *)*)?\]")
_FLOW_ITEMS = re.compile(_FLOW_ITEM)
_BLOCK_PLAIN = re.compile(rf"{_PLAIN_FIRST}[^#]*")
_DOUBLE_RE = re.compile(_DOUBLE)
_SINGLE_RE = re.compile(_SINGLE)
_MAX_DEPTH = 16  # deeper documents are left to libyaml (and its RecursionError handling)

_STR = "tag:yaml.org,2002:str"


class _NotPlain(Exception):
    """The document leaves the subset: the caller reads it with libyaml instead."""


class _Line:
    """One content line: its indentation, its text after it and where that text starts."""

    __slots__ = ("indent", "offset", "text")

    def __init__(self, indent: int, text: str, offset: int) -> None:
        self.indent, self.text, self.offset = indent, text, offset


def load_plain(text: str) -> tuple[dict[str, Any], dict[str, Span]] | None:
    """Read a front-matter document written in the plain subset of YAML.

    Returns the mapping (exactly what PyYAML's front-matter loader constructs) and the
    span of each top-level value that is a scalar on its key's line (offsets into ``text``,
    quotes included, as libyaml marks the node), or ``None`` when the document is not
    a plain mapping: duplicate keys, anything outside the subset, nothing at all.
    """
    if not is_plain_text(text):
        return None
    lines = _content_lines(text)
    if not lines:
        return None
    spans: dict[str, Span] = {}
    try:
        data, end = _mapping(lines, 0, lines[0].indent, 0, spans)
    except _NotPlain:
        return None
    if end != len(lines):
        return None  # a line no block took: deeper than the value before it, or shallower than the root
    return data, spans


def is_plain_text(text: str) -> bool:
    """Whether every character of ``text`` is one of ``PLAIN_CHARACTERS``."""
    if text.isascii():
        # In ASCII, str.isprintable() holds for " " to "~" only: that class plus "\n", in C.
        return text.replace("\n", "").isprintable()
    return _plain_text_regex().fullmatch(text) is not None


@cache
def _plain_text_regex() -> re.Pattern[str]:
    # Compiled on the first front matter beyond ASCII: building this class's table of
    # 63,000 characters costs 2 ms, at every start of a check otherwise.
    return re.compile(PLAIN_CHARACTERS + "*")


def _content_lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.lstrip(" ")
        if stripped:
            indent = len(raw) - len(stripped)
            lines.append(_Line(indent, stripped.rstrip(" "), offset + indent))
        offset += len(raw) + 1
    return lines


def _block(lines: list[_Line], index: int, indent: int, depth: int) -> tuple[Any, int]:
    """The block collection starting at ``lines[index]``, whose indentation is ``indent``."""
    if depth > _MAX_DEPTH:
        raise _NotPlain
    if lines[index].text.startswith("- "):
        return _sequence(lines, index, indent, depth)
    return _mapping(lines, index, indent, depth, None)


def _mapping(
    lines: list[_Line], index: int, indent: int, depth: int, spans: dict[str, Span] | None
) -> tuple[dict[Any, Any], int]:
    """A block mapping; ``spans`` collects where its scalar values are (top level only)."""
    mapping: dict[Any, Any] = {}
    while index < len(lines) and lines[index].indent == indent:
        current = lines[index]
        found = _KEY_LINE.fullmatch(current.text)
        if found is None:
            raise _NotPlain
        key = _plain_value(found.group(1))
        if not isinstance(key, str) or key in mapping:
            raise _NotPlain  # a duplicate key is reported, with its lines, by the libyaml path
        rest = found.group(2)
        index += 1
        if rest:
            start = current.offset + len(current.text) - len(rest)
            mapping[key] = _inline(rest, start, key, spans)
        elif index < len(lines) and (
            lines[index].indent > indent
            or (lines[index].indent == indent and lines[index].text.startswith("- "))
        ):
            mapping[key], index = _block(lines, index, lines[index].indent, depth + 1)
        else:
            mapping[key] = None
    return mapping, index


def _sequence(lines: list[_Line], index: int, indent: int, depth: int) -> tuple[list[Any], int]:
    """A block sequence of ``- item`` lines; an item may open a mapping (``- text: ...``)."""
    sequence: list[Any] = []
    while (
        index < len(lines) and lines[index].indent == indent and lines[index].text.startswith("- ")
    ):
        current = lines[index]
        found = _DASH_LINE.fullmatch(current.text)
        if found is None:
            raise _NotPlain
        item = found.group(1)
        skipped = len(current.text) - len(item)
        if _KEY_LINE.fullmatch(item):
            # The item's first key starts a mapping at its own column; read it as if that
            # key stood on a line of its own.
            lines[index] = _Line(indent + skipped, item, current.offset + skipped)
            value, index = _mapping(lines, index, indent + skipped, depth + 1, None)
            sequence.append(value)
        else:
            sequence.append(_inline(item, 0, None, None))
            index += 1
    return sequence, index


def _inline(text: str, start: int, key: str | None, spans: dict[str, Span] | None) -> Any:
    """A value written on its key's or dash's line: a scalar or a one-line flow list."""
    if text.startswith("["):
        if _FLOW_SEQUENCE.fullmatch(text) is None:
            raise _NotPlain
        return [_scalar(item.rstrip(" ")) for item in _FLOW_ITEMS.findall(text[1:-1])]
    if text[0] in "\"'":
        if (_DOUBLE_RE if text[0] == '"' else _SINGLE_RE).fullmatch(text) is None:
            raise _NotPlain
    elif _BLOCK_PLAIN.fullmatch(text) is None or ": " in text or text.endswith(":"):
        raise _NotPlain
    if spans is not None and key is not None:
        spans[key] = (start, start + len(text))
    return _scalar(text)


def _scalar(text: str) -> Any:
    """The value of one scalar already known to be in the subset (quoted or plain)."""
    if text[0] in "\"'":
        return text[1:-1]
    return _plain_value(text)


@lru_cache(maxsize=4096)
def _plain_value(text: str) -> Any:
    """A plain scalar resolved and constructed as the front-matter loader does.

    Cached: front matter repeats the same few values (``status: approved``, team ids,
    dates), and every value constructed here is immutable.
    """
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    if tag not in _PLAIN_TAGS:
        raise _NotPlain  # e.g. "=" (the value tag) or "<<" (merge): libyaml's path reports them
    return FrontMatterLoader.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text))


_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
