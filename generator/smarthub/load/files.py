"""Finding the hub's Markdown files and what kind each one is."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from smarthub.config import HubConfig


@dataclass(frozen=True)
class Discovered:
    """A Markdown file found in the hub, with its kind, or a path that cannot be loaded."""

    path: Path
    rel: str
    kind: str  # term | persona | playbook | asset | page
    refusal: str | None = None  # why the path is not read (a symlink leaving the hub, ...)


def discover(config: HubConfig) -> Iterator[Discovered]:
    """Every Markdown file of the hub, in a stable order: glossary, personas, playbooks, docs."""
    folders = (
        (config.glossary_dir, "term"),
        (config.personas_dir, "persona"),
        (config.playbooks_dir, "playbook"),
        (config.docs_dir, "asset"),
    )
    for folder, kind in folders:
        base = config.root / folder
        if not base.is_dir():
            continue
        for path in _markdown_files(base):
            rel = path.relative_to(config.root).as_posix()
            if kind == "asset" and path.name == "index.md":
                yield Discovered(path, rel, "page")
            elif path.is_symlink():
                yield Discovered(path, rel, kind, _symlink_refusal(path, config.root))
            else:
                yield Discovered(path, rel, kind)


def _markdown_files(base: Path) -> list[Path]:
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(
        base
    ):  # os.walk never follows symlinked folders
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                found.append(Path(directory) / name)
    return sorted(found)


def _symlink_refusal(path: Path, root: Path) -> str | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "is a symbolic link to nothing: remove it or point it at a file in the hub"
    if not target.is_relative_to(root):
        return "is a symbolic link to a file outside the hub, which is not read: copy the file into the hub"
    return None
