"""Decoding files and splitting YAML front matter, reporting problems at their exact line."""

from __future__ import annotations

import re
from typing import Any

import yaml

from smarthub.model.source import LoadProblem, SourceFile
from smarthub.plainyaml import load_plain
from smarthub.yamlsafe import DuplicateKey, child_node, compose_and_construct

MAX_FILE_BYTES = 8 * 1024 * 1024
CHECKED_SCALARS = ("title", "summary")  # front-matter values checked like prose
_OPENING = re.compile(r"---[ \t]*\r?(?:\n|$)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def decode(source: SourceFile, raw: bytes) -> LoadProblem | None:
    """Decode ``raw`` into ``source.text``; return a LOAD001 problem when it is not UTF-8 text."""
    if len(raw) > MAX_FILE_BYTES:
        return LoadProblem(
            "LOAD001",
            source,
            0,
            0,
            f"file is {len(raw) / 1024 / 1024:.1f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB a "
            "hub page may have: split it into smaller pages",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return LoadProblem("LOAD001", source, 0, 0, "file is UTF-16: save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        source.encoding_bom = True
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul != -1:
        _set_text_up_to(source, raw, nul)
        offset = len(source.text)
        return LoadProblem(
            "LOAD001",
            source,
            offset,
            offset,
            "file contains a NUL byte, so it is binary, not Markdown: remove it or move the file out of the hub",
        )
    try:
        source.text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        _set_text_up_to(source, raw, error.start)
        offset = len(source.text)
        byte = raw[error.start : error.start + 1].hex()
        return LoadProblem(
            "LOAD001",
            source,
            offset,
            offset + 1,
            f"file is not valid UTF-8 (byte 0x{byte}): save it with UTF-8 encoding",
        )
    return None


def _set_text_up_to(source: SourceFile, raw: bytes, stop: int) -> None:
    # Keep the readable part so the problem's line and column point at the bad byte.
    source.text = raw[:stop].decode("utf-8", errors="replace")


def split_front_matter(source: SourceFile, *, required: bool) -> list[LoadProblem]:
    """Parse the front matter of ``source`` into ``meta``; set ``body_start``."""
    text = source.text
    opening = _OPENING.match(text)
    if not opening:
        if required:
            return [
                LoadProblem(
                    "META001",
                    source,
                    0,
                    0,
                    "no front matter: start the file with a '---' line, the YAML keys, and a closing '---' line",
                )
            ]
        return []
    yaml_start = opening.end()
    closing = _CLOSING.search(text, yaml_start)
    if closing is None:
        return [
            LoadProblem(
                "META001",
                source,
                0,
                3,
                "front matter is never closed: add a '---' line after the last key",
            )
        ]
    source.has_front_matter = True
    source.meta_line = 1
    newline = text.find("\n", closing.end())
    source.body_start = len(text) if newline == -1 else newline + 1
    yaml_text = text[yaml_start : closing.start()]
    plain = load_plain(yaml_text)
    if plain is not None:
        # Nearly every file: plain YAML read without libyaml (same values, same spans).
        data, spans = plain
        source.meta, source.meta_yaml = data, (yaml_start, closing.start())
        source.meta_plain = True
        for key in CHECKED_SCALARS:
            if key in spans and isinstance(data[key], str):
                start, end = spans[key]
                source.scalar_spans[key] = (yaml_start + start, yaml_start + end)
        return []
    try:
        data, node = compose_and_construct(yaml_text)
    except DuplicateKey as duplicate:
        start, end = source.node_span(duplicate.second)
        first_line = source.meta_line + duplicate.first.start_mark.line + 1
        return [
            LoadProblem(
                "META001",
                source,
                start,
                end,
                f"key '{duplicate.key}' appears twice (first on line {first_line}): keep one",
            )
        ]
    except yaml.YAMLError as error:
        return [_yaml_problem(source, error)]
    except RecursionError:
        return [LoadProblem("META001", source, 0, 3, "front matter is nested too deeply to read")]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        start, end = source.node_span(node)
        return [
            LoadProblem(
                "META001",
                source,
                start,
                end,
                f"front matter is a {_yaml_kind(data)}, not a mapping: write it as 'key: value' lines",
            )
        ]
    source.meta, source.meta_yaml = data, (yaml_start, closing.start())
    for key in CHECKED_SCALARS:  # their positions are needed for every file, so take them now
        value = child_node(node, key)
        if isinstance(value, yaml.ScalarNode) and isinstance(data.get(key), str):
            source.scalar_spans[key] = source.node_span(value)
    return []


def _yaml_problem(source: SourceFile, error: yaml.YAMLError) -> LoadProblem:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or "cannot be read"
    if isinstance(error, yaml.constructor.ConstructorError):
        problem = f"{problem}: only plain YAML values are allowed (no '!!' tags)"
    if mark is None:
        return LoadProblem("META001", source, 0, 3, f"front matter is not valid YAML: {problem}")
    line_index = min(source.meta_line + mark.line, len(source.line_starts) - 1)
    offset = min(source.line_starts[line_index] + mark.column, len(source.text))
    return LoadProblem(
        "META001",
        source,
        offset,
        offset + 1,
        f"front matter is not valid YAML: {problem} (check quotes, colons and indentation)",
    )


def _yaml_kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__
