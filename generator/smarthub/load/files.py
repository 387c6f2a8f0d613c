"""Finding the hub's Markdown files and what kind each one is."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
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


def discover(config: HubConfig, only: Collection[str] | None = None) -> Iterator[Discovered]:
    """Every Markdown file of the hub, in a stable order: glossary, personas, playbooks, docs.

    With ``only`` (hub-relative paths), playbooks and docs files are limited to those paths,
    classified directly instead of found by walking their folders: checking the one file a
    pull request changed must not cost a walk over ten thousand others.
    """
    for folder, kind in _folders(config):
        base = config.root / folder
        if not base.is_dir():
            continue
        if only is not None and kind in ("playbook", "asset"):
            paths = sorted(
                config.root / rel for rel in only if _inside(rel, folder) and rel.endswith(".md")
            )
            paths = [  # a dangling symlink is listed too: it gets its LOAD001 finding
                path
                for path in paths
                if not _hidden(path.relative_to(base)) and (path.is_file() or path.is_symlink())
            ]
        else:
            paths = _markdown_files(base)
        for path in paths:
            yield _classified(path, path.relative_to(config.root).as_posix(), kind, config.root)


def hub_markdown(config: HubConfig, rel: str) -> bool:
    """Whether a hub-relative path is a Markdown file that ``discover`` would find."""
    return rel.endswith(".md") and any(
        _inside(rel, folder) and not _hidden(Path(rel).relative_to(folder))
        for folder, _ in _folders(config)
    )


def _folders(config: HubConfig) -> tuple[tuple[str, str], ...]:
    return (
        (config.glossary_dir, "term"),
        (config.personas_dir, "persona"),
        (config.playbooks_dir, "playbook"),
        (config.docs_dir, "asset"),
    )


def _inside(rel: str, folder: str) -> bool:
    return rel.startswith(folder.rstrip("/") + "/")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _classified(path: Path, rel: str, kind: str, root: Path) -> Discovered:
    if kind == "asset" and path.name == "index.md":
        return Discovered(path, rel, "page")
    if path.is_symlink():
        return Discovered(path, rel, kind, _symlink_refusal(path, root))
    return Discovered(path, rel, kind)


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
