"""Finding the hub's Markdown files and what kind each one is."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import NamedTuple

from smarthub import kinds
from smarthub.config import HubConfig


class Discovered(NamedTuple):
    """A Markdown file found in the hub, with its kind, or a path that cannot be loaded.

    A named tuple: a walk makes one per file, and a frozen dataclass cost twice as much.
    """

    path: Path
    rel: str
    kind: str  # a kind's name (see smarthub.kinds): term, persona, playbook, asset, page...
    refusal: str | None = None  # why the path is not read (a symlink leaving the hub, ...)


def discover(config: HubConfig, only: Collection[str] | None = None) -> Iterator[Discovered]:
    """Every Markdown file of the hub, in a stable order: the kinds' folders in table order.

    With ``only`` (hub-relative paths), the files of kinds nothing refers to (playbooks,
    docs files) are limited to those paths, classified directly instead of found by walking
    their folders: checking the one file a pull request changed must not cost a walk over
    ten thousand others.
    """
    for folder, folder_kinds in kinds.by_folder(config):
        base = config.root / folder
        if not base.is_dir():
            continue
        if only is not None and not any(kinds.always_loaded(kind) for kind in folder_kinds):
            paths = sorted(
                config.root / rel for rel in only if _inside(rel, folder) and rel.endswith(".md")
            )
            # As the walk finds them: dangling links, FIFOs and sockets too (each gets its
            # LOAD001 finding), folders named like Markdown files not.
            paths = [
                path
                for path in paths
                if not _hidden(path.relative_to(base))
                and (path.is_symlink() or (os.path.lexists(path) and not path.is_dir()))
            ]
            for path in paths:
                kind = kinds.of_file(folder_kinds, path.name).name
                rel = path.relative_to(config.root).as_posix()
                yield Discovered(path, rel, kind, refusal(path, config.root))
            continue
        folder_rel = base.relative_to(config.root).as_posix()
        prefix = "" if folder_rel == "." else folder_rel + "/"
        kind_of_name = kinds.file_kinds(folder_kinds)
        for inside, name, plain in _markdown_files(base):
            path = base / inside
            kind = kind_of_name(name).name
            # A regular file as the folder listing saw it needs no second look at its type;
            # if it is swapped for a FIFO before it is read, the reader refuses it.
            why = _name_refusal(name) if plain else refusal(path, config.root)
            yield Discovered(path, prefix + inside, kind, why)
    if only is None:
        yield from linked_outside(config)
        return
    # A worker's share of a parallel check may name links that are not Markdown files.
    others = {rel for rel in only if _inside(rel, config.docs_dir) and not rel.endswith(".md")}
    if others:
        yield from (found for found in linked_outside(config) if found.rel in others)


def hub_markdown(config: HubConfig, rel: str) -> bool:
    """Whether a hub-relative path is a Markdown file that ``discover`` would find."""
    return kind_of(config, rel) is not None


def kind_of(config: HubConfig, rel: str) -> str | None:
    """The kind of a hub-relative Markdown path (``term``, ``asset``...), or None outside the hub."""
    if not rel.endswith(".md"):
        return None
    for folder, folder_kinds in kinds.by_folder(config):
        if _inside(rel, folder) and not _hidden(Path(rel).relative_to(folder)):
            return kinds.of_file(folder_kinds, Path(rel).name).name
    return None


def _inside(rel: str, folder: str) -> bool:
    return rel.startswith(folder.rstrip("/") + "/")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


# Characters that would be markup where MkDocs prints a file name as a page title (it does not
# escape it), and control characters that would rewrite a terminal or an annotation.
_UNSAFE_NAME = re.compile(r'[<>"\x00-\x1f\x7f-\x9f]')


def refusal(path: Path, root: Path) -> str | None:
    """Why ``path`` is neither read nor published, or ``None`` when it may be.

    Refused: a symbolic link out of the hub or to nothing, a name with characters a web page
    or a terminal would read as markup, and anything but a regular file (a FIFO named
    ``*.md`` would block the reader forever; a socket cannot be read at all).
    """
    named = _name_refusal(path.name)
    if named:
        return named
    if path.is_symlink():
        leaving = _symlink_refusal(path, root)
        if leaving:
            return leaving
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # gone or unreadable: the reader says which
    if stat.S_ISDIR(mode):
        return None  # a folder named *.md: the reader says so
    if not stat.S_ISREG(mode):
        rename = " or rename it without '.md'" if path.name.endswith(".md") else ""
        return f"is not a regular file (a pipe, socket or device), which is not read: remove it{rename}"
    return None


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _name_refusal(name: str) -> str | None:
    if _UNSAFE_NAME.search(name):
        return (
            "has a name with a character that is markup in a web page or a control character "
            '(<, >, " or a control character): rename the file'
        )
    return None


def _markdown_files(base: Path) -> list[tuple[str, str, bool]]:
    """``(path inside base, file name, plain)`` of the visible Markdown files under ``base``.

    In path order, folder by folder (``a/b.md`` before ``a-b/c.md``, as paths compare).
    ``plain``: a regular file and no symbolic link, as the folder listing says, so no
    ``stat`` is needed. Symbolic links to folders are not followed. Built from
    ``os.scandir`` and strings: a ``Path`` per file and per comparison cost more than the
    walk on a hub of 10,000 files.
    """
    found: list[tuple[str, str, bool]] = []
    pending = [""]
    while pending:
        inside = pending.pop()
        try:
            with os.scandir(base / inside if inside else base) as entries:
                listed = list(entries)
        except OSError:
            continue  # unreadable or gone: as os.walk, skip it
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_folder(entry):  # a link to a folder too, as os.walk sorts them
                if not entry.is_symlink():
                    pending.append(inside + name + "/")
            elif name.endswith(".md"):
                found.append((inside + name, name, entry.is_file(follow_symlinks=False)))
    found.sort(key=lambda file: file[0].split("/"))
    return found


def linked_outside(config: HubConfig) -> Iterator[Discovered]:
    """Symbolic links in the docs folder that MkDocs would follow but the check does not read.

    A linked folder (its files are neither checked nor published) and any other file linked
    from outside the hub (MkDocs would copy ``/proc/self/environ`` into the site).
    """
    base = config.root / config.docs_dir
    if not base.is_dir():
        return
    root = config.root.resolve()
    for directory, subdirectories, files in os.walk(base):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for name in subdirectories:
            path = Path(directory) / name
            if path.is_symlink():
                yield Discovered(
                    path,
                    path.relative_to(config.root).as_posix(),
                    kinds.ASSET.name,
                    "is a symbolic link to a folder, whose files are neither checked nor "
                    "published: copy the folder into the hub instead",
                )
        for name in sorted(files):
            if name.endswith(".md") or name.startswith("."):
                continue
            path = Path(directory) / name
            if not path.is_symlink():
                continue
            leaving = _symlink_refusal(path, root)
            if leaving:
                yield Discovered(
                    path, path.relative_to(config.root).as_posix(), kinds.ASSET.name, leaving
                )


def _symlink_refusal(path: Path, root: Path) -> str | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "is a symbolic link to nothing: remove it or point it at a file in the hub"
    if not target.is_relative_to(root):
        return "is a symbolic link to a file outside the hub, which is not read: copy the file into the hub"
    return None
