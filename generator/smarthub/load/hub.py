"""Building the hub model from its files: every file is read once, problems are kept, not raised."""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from collections.abc import Collection
from typing import Any

from smarthub.config import HubConfig
from smarthub.load.files import Discovered, discover
from smarthub.load.frontmatter import decode, split_front_matter
from smarthub.load.markdown import parse_body, scalar_region
from smarthub.load.schema import validate
from smarthub.model import (
    Asset,
    AvoidForm,
    Hub,
    LoadProblem,
    Objection,
    Page,
    Persona,
    Playbook,
    SourceFile,
    Term,
)


def load_hub(config: HubConfig, selected: Collection[str] | None = None) -> Hub:
    """Load every glossary entry and persona, and the selected playbooks and docs files.

    ``selected`` holds hub-relative paths; ``None`` loads every playbook and docs file too.
    Nothing refers to a playbook, so a check limited to some files loads only those.
    """
    hub = Hub(config=config)
    ids_seen: dict[tuple[str, str], SourceFile] = {}
    for found in discover(config, selected):
        if selected is not None and found.kind in ("asset", "page") and found.rel not in selected:
            continue
        load_file(hub, found, ids_seen)
    return hub


def load_file(
    hub: Hub, found: Discovered, ids_seen: dict[tuple[str, str], SourceFile]
) -> SourceFile:
    """Read one discovered file into ``hub``; ``ids_seen`` holds the ids loaded before it."""
    source = SourceFile(path=found.path, rel=found.rel, kind=found.kind)
    hub.sources.append(source)
    if found.refusal:
        hub.problems.append(
            LoadProblem("LOAD001", source, 0, 0, f"{found.path.name} {found.refusal}")
        )
        return source
    if _read(source, hub):
        _check_unique_id(source, ids_seen, hub)
        _load_entry(source, hub)
    return source


def _read(source: SourceFile, hub: Hub) -> bool:
    def refuse(message: str) -> bool:
        hub.problems.append(LoadProblem("LOAD001", source, 0, 0, message))
        return False

    try:
        raw = _read_regular_file(source)
    except IsADirectoryError:
        return refuse("is a folder named like a Markdown file: rename it without '.md'")
    except FileNotFoundError:
        return refuse("disappeared while the hub was being read: run the check again")
    except _NotRegular:
        return refuse(
            "is not a regular file (a pipe, socket or device), which is not read: "
            "remove it or rename it without '.md'"
        )
    except OSError as error:
        if error.errno == errno.ENXIO:  # opening a socket
            return refuse(
                "is not a regular file (a pipe, socket or device), which is not read: "
                "remove it or rename it without '.md'"
            )
        reason = error.strerror or str(error)
        return refuse(f"cannot be read ({reason}): check the file's permissions")
    problem = decode(source, raw)
    if problem:
        hub.problems.append(problem)
        return False
    return True


class _NotRegular(Exception):
    """The path is a FIFO, socket or device: reading it could block forever."""


def _read_regular_file(source: SourceFile) -> bytes:
    """The file's bytes; a FIFO swapped in after discovery never blocks (opened non-blocking)."""
    descriptor = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        if not stat.S_ISREG(mode):
            raise _NotRegular
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(descriptor)


def _check_unique_id(
    source: SourceFile, ids_seen: dict[tuple[str, str], SourceFile], hub: Hub
) -> None:
    family = "docs" if source.kind in ("asset", "page") else source.kind
    if source.kind == "page":
        return
    # One spelling per id: NFD (as macOS file names often are) and NFC are the same id.
    key = (family, unicodedata.normalize("NFC", source.id).casefold())
    other = ids_seen.get(key)
    if other is None:
        ids_seen[key] = source
        return
    same_letters = other.id == source.id and other.path.name != source.path.name
    how = (
        "the same name written with other Unicode characters (NFC and NFD)"
        if same_letters
        else "ids are file names, compared ignoring case"
    )
    hub.problems.append(
        LoadProblem(
            "META001",
            source,
            0,
            0,
            f"id '{source.id}' is already used by {other.rel} ({how}): rename one of the files",
        )
    )


def _load_entry(source: SourceFile, hub: Hub) -> None:
    required = source.kind != "page"
    problems = split_front_matter(source, required=required)
    hub.problems.extend(problems)
    if problems and source.body_start == 0 and source.text.startswith("---"):
        return  # never closed: the whole file would read as prose; the META001 says what to fix
    parsed = parse_body(source.text, source.body_start)
    source.regions.append(parsed.region)
    source.comments = parsed.comments
    if source.kind != "term":
        for key, span in source.scalar_spans.items():
            source.regions.append(scalar_region(source.text, *span, heading=key == "title"))
    if problems:
        return  # the front matter could not be read: its keys cannot be checked either
    validated = validate(source, source.kind)
    hub.problems.extend(validated.problems)
    if not validated.usable:
        return
    values = validated.values
    if source.kind == "term":
        _add_term(source, values, parsed.first_paragraph, hub)
    elif source.kind == "persona":
        objections = [Objection(*pair) for pair in values.pop("objections", [])]
        hub.personas[source.id] = Persona(source=source, objections=objections, **_fields(values))
    elif source.kind == "playbook":
        hub.playbooks[source.id] = Playbook(source=source, **_fields(values))
    elif source.kind == "asset":
        asset = Asset(source=source, **_fields(values))
        if asset.status == "published":
            for key in ("personas", "stages"):
                if not getattr(asset, key):
                    hub.problems.append(
                        LoadProblem(
                            "META001",
                            source,
                            0,
                            3,
                            f"a published asset needs at least one entry in '{key}': add '{key}: [...]'",
                        )
                    )
        hub.assets[source.id] = asset
    else:
        hub.pages.append(Page(source=source, title=values.get("title")))


def _add_term(source: SourceFile, values: dict[str, Any], definition: str, hub: Hub) -> None:
    avoid = [AvoidForm(*form) for form in values.pop("avoid", [])]
    term = Term(source=source, avoid=avoid, definition=definition, **_fields(values))
    if term.status == "deprecated" and not term.replaced_by:
        hub.problems.append(
            LoadProblem(
                "META001",
                source,
                *_span_of(source, "status"),
                "a deprecated term needs 'replaced_by': the id of the term to use instead",
            )
        )
    if not definition:
        hub.problems.append(
            LoadProblem(
                "META001",
                source,
                source.body_start,
                source.body_start,
                "glossary entry has no definition: write it as the first paragraph after the front matter",
            )
        )
    hub.terms[term.id] = term


def _span_of(source: SourceFile, key: str) -> tuple[int, int]:
    return source.value_span(key) or (0, 3)


def _fields(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key not in ("extra", "smarthub")}
