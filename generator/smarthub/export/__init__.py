"""``smarthub export``: the glossary in formats other tools read.

Every format is built from the loaded glossary (``hub.terms``) and the shared form table
(``export.forms``), so a form's status means the same thing in CSV, TBX and Vale. Output
goes to standard output, a file, or (for Vale) a folder, always written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from smarthub.atomic import write_atomic
from smarthub.config import ConfigError, HubConfig
from smarthub.load import load_hub
from smarthub.model import Term

FORMATS = ("json", "csv", "tbx", "vale", "abbreviations")


@dataclass
class Glossary:
    """The terms that loaded, by id, and the glossary files that did not (by hub path)."""

    terms: list[Term]
    skipped: list[str] = field(default_factory=list)


@dataclass
class Export:
    """What an export produces: one text, or files by path relative to the output folder."""

    text: str | None = None
    files: dict[PurePosixPath, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def load_glossary(config: HubConfig) -> Glossary:
    """Load the glossary (and nothing under the docs folder); note the entries that failed."""
    hub = load_hub(config, selected=())
    loaded = {id(term.source) for term in hub.terms.values()}
    skipped = [
        source.rel for source in hub.sources if source.kind == "term" and id(source) not in loaded
    ]
    return Glossary(sorted(hub.terms.values(), key=lambda term: term.id), skipped)


def render(output_format: str, glossary: Glossary, *, vocabulary: str | None = None) -> Export:
    """Build one format; raise ``ConfigError`` for an unknown format or vocabulary name."""
    terms = glossary.terms
    warnings = [
        f"{path}: not exported: the entry does not load ('smarthub check' says why)"
        for path in glossary.skipped
    ]
    if output_format == "json":
        from smarthub.export.json_export import render_json

        return Export(text=render_json(terms), warnings=warnings)
    if output_format == "csv":
        from smarthub.export.csv_export import render_csv

        return Export(text=render_csv(terms), warnings=warnings)
    if output_format == "tbx":
        from smarthub.export.tbx import render_tbx

        return Export(text=render_tbx(terms), warnings=warnings)
    if output_format == "abbreviations":
        from smarthub.export.abbreviations import render_abbreviations

        text, left_out = render_abbreviations(terms)
        return Export(text=text, warnings=warnings + left_out)
    if output_format == "vale":
        from smarthub.export.vale import DEFAULT_NAME, check_name, vale_files

        name = vocabulary or DEFAULT_NAME
        problem = check_name(name)
        if problem:
            raise ConfigError([problem])
        return Export(files=vale_files(terms, name), warnings=warnings)
    raise ConfigError([f"unknown export format '{output_format}': use one of {', '.join(FORMATS)}"])


def write_file(text: str, output: Path) -> Path:
    """Write a one-file export to ``output`` (its folder is created when missing)."""
    if output.is_dir():
        raise ConfigError([f"{output}: is a folder: give the name of the file to write"])
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        return write_atomic(output, text)
    except OSError as error:
        raise ConfigError([f"{output}: cannot write it ({error.strerror or error})"]) from None


def write_folder(files: dict[PurePosixPath, str], output: Path) -> list[Path]:
    """Write the files of a folder export under ``output``, never outside it.

    A symbolic link or a file where a folder of the layout should be is refused, so a link
    cannot redirect the export elsewhere.
    """
    if output.exists() and not output.is_dir():
        raise ConfigError([f"{output}: is a file: give the folder to write the export into"])
    written: list[Path] = []
    try:
        output.mkdir(parents=True, exist_ok=True)
        for relative, text in files.items():
            folder = output
            for part in relative.parent.parts:
                folder = folder / part
                if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                    raise ConfigError(
                        [f"{folder}: is not a plain folder: remove it or choose another -o folder"]
                    )
                folder.mkdir(exist_ok=True)
            written.append(write_atomic(folder / relative.name, text))
    except OSError as error:
        raise ConfigError(
            [f"{output}: cannot write the export ({error.strerror or error})"]
        ) from None
    return written
