"""Where a command may write: never into the hub's sources, never over someone else's folder.

``smarthub build -d`` (MkDocs empties its site folder first) and ``smarthub stage`` write
folders; ``check -o`` and ``export -o`` write files. Each target is checked before anything
is written, and every refusal says what to do instead.
"""

from __future__ import annotations

import os
from pathlib import Path

from smarthub import kinds
from smarthub.config import ConfigError, HubConfig

MARKER = ".smarthub-output"  # written into every folder smarthub fills, so it knows its own
_MARKER_TEXT = "Written by smarthub. Its next build or stage may empty this folder.\n"


def source_folders(config: HubConfig) -> list[Path]:
    """The hub's source folders: docs, glossary, personas and playbooks (resolved)."""
    return [(config.root / folder).resolve() for folder in kinds.source_folders(config)]


def check_output_folder(config: HubConfig, folder: Path, option: str) -> Path:
    """The resolved ``folder`` if a build or stage may empty and fill it, else ``ConfigError``.

    Refused: a symbolic link, the hub itself or a folder holding it, a folder inside a source
    folder, a file, a non-empty folder without smarthub's marker, and a marked folder holding
    a symbolic link (MkDocs would write through it).
    """
    shown = f"{option} {folder}"
    if folder.is_symlink():
        raise ConfigError([f"{shown}: is a symbolic link: give the real folder instead"])
    resolved = folder.resolve()
    if config.root.is_relative_to(resolved):
        raise ConfigError(
            [
                f"{shown}: is the hub or holds it, and would be emptied: choose a folder such as {config.root / 'site'}"
            ]
        )
    for source in source_folders(config):
        if resolved.is_relative_to(source):
            raise ConfigError(
                [
                    f"{shown}: is inside the hub's source folder {source.name}/, whose files it "
                    f"would replace: choose a folder outside it, such as {config.root / 'site'}"
                ]
            )
    if not resolved.exists():
        return resolved
    if not resolved.is_dir():
        raise ConfigError([f"{shown}: is a file: give a folder"])
    if any(resolved.iterdir()) and not (resolved / MARKER).is_file():
        raise ConfigError(
            [
                f"{shown}: is not empty and was not written by smarthub, so its files would be "
                "deleted: choose a new or empty folder, or empty this one yourself"
            ]
        )
    for directory, subdirectories, files in os.walk(resolved):
        for name in (*subdirectories, *files):
            if os.path.islink(os.path.join(directory, name)):
                link = Path(directory, name)
                raise ConfigError(
                    [
                        f"{shown}: holds a symbolic link, {link}, that the build would write "
                        "through: remove it"
                    ]
                )
    return resolved


def mark_output_folder(folder: Path) -> None:
    """Leave the marker that lets the next build or stage recognise its own output."""
    from smarthub.atomic import write_atomic

    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / MARKER, _MARKER_TEXT)


def check_output_file(config: HubConfig, output: Path) -> None:
    """Refuse an output file that is a folder, the configuration, or inside a source folder."""
    shown = str(output)
    if output.is_dir():
        raise ConfigError([f"{shown}: is a folder: give the name of the file to write"])
    resolved = output.resolve()
    if resolved == config.config_file.resolve() or resolved == config.root:
        raise ConfigError(
            [f"{shown}: would replace the hub's {config.config_file.name}: write elsewhere"]
        )
    for source in source_folders(config):
        if resolved.is_relative_to(source):
            raise ConfigError(
                [
                    f"{shown}: is inside the hub's source folder {source.name}/, where it would "
                    "replace or add a source file: write it outside the hub's folders"
                ]
            )
