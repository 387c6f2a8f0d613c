"""Building the hub model from its files: every file is read once, problems are kept, not raised."""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from collections.abc import Collection
from pathlib import Path

from smarthub import kinds
from smarthub.config import HubConfig
from smarthub.load.files import Discovered, discover
from smarthub.load.frontmatter import decode, split_front_matter
from smarthub.load.markdown import parse_body, scalar_region
from smarthub.load.schema import validate
from smarthub.model import Hub, LoadProblem, SourceFile
from smarthub.model.contract import COMMON


def load_hub(config: HubConfig, selected: Collection[str] | None = None) -> Hub:
    """Load every glossary entry and persona, and the selected playbooks and docs files.

    ``selected`` holds hub-relative paths; ``None`` loads every playbook and docs file too.
    Nothing refers to a playbook, so a check limited to some files loads only those.
    """
    hub = Hub(config=config)
    ids_seen: dict[tuple[str, str], SourceFile] = {}
    for found in discover(config, selected):
        if selected is not None and kinds.get(found.kind).in_docs and found.rel not in selected:
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
        add_entry(source, ids_seen, hub)
    return source


def add_entry(source: SourceFile, ids_seen: dict[tuple[str, str], SourceFile], hub: Hub) -> None:
    """Build the entry of a read file into ``hub``, once its id is known to be its own."""
    _check_unique_id(source, ids_seen, hub)
    _load_entry(source, hub)


def _read(source: SourceFile, hub: Hub) -> bool:
    def refuse(message: str) -> bool:
        hub.problems.append(LoadProblem("LOAD001", source, 0, 0, message))
        return False

    try:
        raw = read_bytes(source.path)
    except IsADirectoryError:
        return refuse("is a folder named like a Markdown file: rename it without '.md'")
    except FileNotFoundError:
        return refuse("disappeared while the hub was being read: run the check again")
    except OSError as error:
        if isinstance(error, _NotRegular) or error.errno == errno.ENXIO:  # ENXIO: a socket
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


def _read_all(descriptor: int, size: int) -> bytes:
    """Every byte behind ``descriptor``: ``size`` (from ``fstat``) is a hint, as the file may grow.

    Plain ``os.read`` calls: a buffered file object per file cost more than the reading
    itself on a hub of small files.
    """
    first = os.read(descriptor, size + 1)
    if len(first) == size:  # all fstat promised and no byte more: the end of the file
        return first
    chunks = [first]
    while chunks[-1]:
        chunks.append(os.read(descriptor, max(size, 65536)))
    return b"".join(chunks)


class _NotRegular(OSError):
    """The path is a FIFO, socket or device: reading it could block forever."""


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, read with plain ``os.read`` calls.

    A FIFO swapped in after discovery never blocks (opened non-blocking) and, like a
    socket or device, is refused with ``_NotRegular``; a folder raises
    ``IsADirectoryError``. Every refusal is an ``OSError``, as ``Path.read_bytes`` raises.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        if not stat.S_ISREG(status.st_mode):
            raise _NotRegular
        return _read_all(descriptor, status.st_size)
    finally:
        os.close(descriptor)


def id_key(source: SourceFile) -> tuple[str, str] | None:
    """What must be unique across the hub: the id in its folder, ignoring case and Unicode form.

    ``None`` for kinds without an id (section pages).
    """
    kind = kinds.get(source.kind)
    if not kind.keyed:
        return None
    # One spelling per id: NFD (as macOS file names often are) and NFC are the same id.
    return (kind.family, unicodedata.normalize("NFC", source.id).casefold())


def _check_unique_id(
    source: SourceFile, ids_seen: dict[tuple[str, str], SourceFile], hub: Hub
) -> None:
    key = id_key(source)
    if key is None:
        return
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
    kind = kinds.get(source.kind)
    problems = split_front_matter(source, required=not kind.open_front_matter)
    hub.problems.extend(problems)
    if problems and source.body_start == 0 and source.text.startswith("---"):
        return  # never closed: the whole file would read as prose; the META001 says what to fix
    parsed = parse_body(source.text, source.body_start)
    source.regions.append(parsed.region)
    source.comments = parsed.comments
    if kind.front_matter_prose:
        for key, span in source.scalar_spans.items():
            source.regions.append(scalar_region(source.text, *span, heading=key == "title"))
    if problems:
        return  # the front matter could not be read: its keys cannot be checked either
    validated = validate(source, kind)
    hub.problems.extend(validated.problems)
    if not validated.usable:
        return
    values = {key: value for key, value in validated.values.items() if key not in _COMMON_KEYS}
    if kind.body_field:
        values[kind.body_field] = parsed.first_paragraph
    entry = kind.model(source=source, **values)
    for rule in kind.load_rules:
        hub.problems.extend(rule(entry))
    if kind.keyed:
        hub.entries_of(kind.name)[source.id] = entry
    else:
        hub.pages.append(entry)


_COMMON_KEYS = frozenset(field.name for field in COMMON)
