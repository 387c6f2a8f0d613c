"""``smarthub new``: a new glossary entry, persona, playbook or asset with valid front matter.

The file comes from a Jinja2 template in ``templates/new/``. Everything smarthub can know is
filled in (id from the title, owner, today's date as ``reviewed``, the asset type); what only
a person can write is marked with a ``smarthub:`` comment. A new term is ``proposed`` (so
GLOS002 waits for sign-off) and has no definition yet, which ``smarthub check`` reports
until someone writes it; a new persona likewise waits for its ``role``. A new asset is a
``draft``, so it needs no personas or stages yet.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from smarthub import kinds
from smarthub.atomic import write_atomic
from smarthub.config import ConfigError, HubConfig
from smarthub.load.files import discover

MAX_SLUG = 80
_TEMPLATES = Path(__file__).parent / "templates" / "new"
# Letters that Unicode does not decompose into an ASCII base letter.
_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L"}
    | {"đ": "d", "Đ": "D", "þ": "th", "Þ": "Th"}
)


def scaffolded() -> tuple[str, ...]:
    """The names of the kinds ``smarthub new`` can create (those with a scaffold template)."""
    return tuple(kind.name for kind in kinds.all_kinds() if kind.scaffold_template)


@dataclass(frozen=True)
class NewFile:
    """A file ``smarthub new`` is about to write: where, and what."""

    kind: str
    id: str
    path: Path
    rel: str  # relative to the hub root, with /
    text: str


def slugify(title: str) -> str:
    """The id for a title: ASCII, lowercase, words joined by hyphens (``""`` if none is left).

    Accents are dropped (``Café`` -> ``cafe``, ``Straße`` -> ``strasse``), ``&`` reads
    ``and``, apostrophes vanish (``Buyer's`` -> ``buyers``), and a long id is cut at a
    hyphen before 80 characters.
    """
    text = unicodedata.normalize("NFKD", title.replace("&", " and ").translate(_LETTERS))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['`]", "", text)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0]
    return slug


def plural_folder(asset_type: str) -> str:
    """The default folder of an asset type: ``battlecard`` -> ``battlecards``, ``case-study`` -> ``case-studies``."""
    if re.search(r"[^aeiou]y$", asset_type):
        return asset_type[:-1] + "ies"
    if asset_type.endswith(("s", "x", "ch", "sh")):
        return asset_type + "es"
    return asset_type + "s"


def plan(
    config: HubConfig,
    kind: str,
    title: str,
    *,
    asset_type: str | None = None,
    subfolder: str | None = None,
    owner: str | None = None,
    today: dt.date | None = None,
) -> NewFile:
    """Decide the new file's path and text; raise ``ConfigError`` (one line each) when it cannot be made."""
    title = title.strip()
    if kind not in scaffolded():
        raise ConfigError([f"cannot create a {kind!r}: choose one of {', '.join(scaffolded())}"])
    row = kinds.get(kind)
    if not title:
        raise ConfigError(
            ["give a title, for example: smarthub new term 'Marketing-qualified lead'"]
        )
    if "\n" in title or "\r" in title:
        raise ConfigError(["the title must be one line"])
    slug = slugify(title)
    if not slug:
        raise ConfigError(
            [f"cannot make an id from {title!r}: use a title with Latin letters or digits"]
        )
    typed = [other.name for other in kinds.all_kinds() if other.type_option]
    if row.type_option is None and asset_type is not None:
        raise ConfigError([f"--type is for {' and '.join(typed)}s only; a {kind} has no type"])
    if row.type_option is not None:
        choices = getattr(config, row.type_option)
        asset_type = _checked_choice(asset_type, choices, f"{kind} type", "--type", kind)
    if row.in_docs and slug == "index":
        raise ConfigError(
            [
                f"{_article(kind)} {kind} cannot have the id 'index': index.md files are section pages"
            ]
        )
    if not config.teams:
        raise ConfigError(["the hub lists no teams: add 'teams: [...]' to the smarthub options"])
    owner = _checked_choice(owner or config.teams[0], config.teams, "team", "--owner")
    base = row.folder(config)
    default = plural_folder(asset_type) if asset_type else None
    folder = _folder(config, base, subfolder if subfolder is not None else default)
    path = folder / f"{slug}.md"
    _refuse_taken(config, kind, slug, path)
    context = {
        "title": title,
        "id": slug,
        "owner": owner,
        "asset_type": asset_type,
        "today": (today or dt.date.today()).isoformat(),
        "teams": list(config.teams),
        "required_approvals": list(config.required_approvals),
        "stages": list(config.journey),
        "personas": _ids(config, kinds.PERSONA.name),
    }
    assert row.scaffold_template is not None  # scaffolded() said so
    text = _render(row, context)
    _verify(text, row.title_field, title)
    return NewFile(kind, slug, path, path.relative_to(config.root).as_posix(), text)


def create(new_file: NewFile) -> Path:
    """Write the file atomically; refuse to replace anything already there."""
    try:
        new_file.path.parent.mkdir(parents=True, exist_ok=True)
        return write_atomic(new_file.path, new_file.text, overwrite=False)
    except FileExistsError:
        raise ConfigError(
            [f"{new_file.rel} already exists: smarthub new never overwrites a file"]
        ) from None
    except OSError as error:
        raise ConfigError(
            [f"{new_file.rel}: cannot write it ({error.strerror or error})"]
        ) from None


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _checked_choice(
    value: str | None, choices: tuple[str, ...], what: str, option: str, kind: str = "asset"
) -> str:
    if value is None:
        raise ConfigError([f"{_article(kind)} {kind} needs {option}: one of {', '.join(choices)}"])
    if value in choices:
        return value
    close = difflib.get_close_matches(value, choices, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"choose one of {', '.join(choices)}"
    raise ConfigError([f"{option} {value!r} is not one of this hub's {what}s: {hint}"])


def _folder(config: HubConfig, base: str, subfolder: str | None) -> Path:
    """The folder to write into, refused when it leaves ``base`` or hides from discovery."""
    root = config.root.resolve()
    base_path = (root / base).resolve()
    if not subfolder:
        if subfolder == "":
            raise ConfigError(["--dir is empty: give a folder name or leave the option out"])
        return base_path
    relative = Path(subfolder)
    target = (base_path / relative).resolve()
    if (
        relative.is_absolute()
        or not target.is_relative_to(base_path)
        or not target.is_relative_to(root)
    ):
        raise ConfigError(
            [f"--dir {subfolder!r} leaves {base}/: give a folder inside it, for example --dir 2026"]
        )
    if any(part.startswith(".") for part in target.relative_to(base_path).parts):
        raise ConfigError(
            [f"--dir {subfolder!r}: folders starting with '.' are not read by smarthub"]
        )
    if target.exists() and not target.is_dir():
        raise ConfigError([f"--dir {subfolder!r} is a file, not a folder"])
    return target


def _refuse_taken(config: HubConfig, kind: str, slug: str, path: Path) -> None:
    """Refuse an id already used in the same family (ids compare ignoring case)."""
    if path.exists() or path.is_symlink():
        rel = path.relative_to(config.root.resolve()).as_posix()
        raise ConfigError([f"{rel} already exists: smarthub new never overwrites a file"])
    for found in discover(config):
        if found.kind == kind and found.path.name[: -len(".md")].casefold() == slug:
            raise ConfigError(
                [f"the id '{slug}' is already used by {found.rel}: choose another title"]
            )


def _ids(config: HubConfig, kind: str) -> list[str]:
    return sorted(
        {found.path.name[: -len(".md")] for found in discover(config) if found.kind == kind}
    )


def _render(kind: kinds.Kind, context: dict[str, Any]) -> str:
    import jinja2

    folders = [kind.template_folder / "new"] if kind.template_folder else []
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, _TEMPLATES]),
        autoescape=False,  # the output is YAML and Markdown, not HTML
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["yaml"] = yaml_scalar
    assert kind.scaffold_template is not None
    return environment.get_template(kind.scaffold_template).render(context)


def yaml_scalar(value: str) -> str:
    """``value`` as a one-line YAML scalar that reads back as the same string."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True)
    dumped = dumped.removesuffix("\n").removesuffix("\n...").strip()
    if "\n" in dumped or yaml.safe_load(dumped) != value:
        dumped = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return dumped


def _verify(text: str, key: str, title: str) -> None:
    """The rendered front matter must read back with the title intact (a template guard)."""
    front = text.split("\n---\n", 1)[0].removeprefix("---\n")
    meta = yaml.safe_load(front)
    if not isinstance(meta, dict) or meta.get(key) != title:
        raise ConfigError(
            [f"cannot write the title {title!r} into front matter: please report this"]
        )


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working folder when inside it."""
    try:
        return (
            Path(os.path.relpath(path)).as_posix() if path.is_relative_to(Path.cwd()) else str(path)
        )
    except ValueError:
        return str(path)
