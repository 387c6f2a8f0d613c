"""The kinds of file a hub holds, one table row each: where they live, what they are, how they show.

A kind's row names its folder option, its model dataclass (whose fields are the kind's
front-matter contract: ``model/fields.py`` declares, ``model/contract.py`` derives), the field that titles it, where its page
lands in the site and which templates render and scaffold it. The loader, the schema,
REFS001, ``smarthub new``, ``smarthub schema`` and the site read this table instead of
switching on a kind's name, so adding a kind is one ``Kind(...)`` row plus its template.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smarthub.model import Asset, LoadProblem, Page, Persona, Playbook, Term
from smarthub.model.contract import fields_of
from smarthub.model.fields import SETTING_IDS

if TYPE_CHECKING:
    from smarthub.config import HubConfig
    from smarthub.model import Hub

DOCS_DIR = "docs_dir"  # MkDocs' own setting, not a smarthub option: the docs folder's kinds

LoadRule = Callable[[Any], Iterable[LoadProblem]]


@dataclass(frozen=True, eq=False)  # identity: a table row (no __eq__ to build)
class Kind:
    """One kind of file: its folder, model, title, page and templates.

    ``name`` is what ``SourceFile.kind`` holds, the key of ``Hub.entries`` and what a
    field's ``refers_to`` names. ``folder_option`` is the plugin option naming the folder
    (``docs_dir``: MkDocs' docs folder); kinds sharing a folder tell their files apart by
    ``file_name`` (section pages are the ``index.md`` files). A kind with a ``site_folder``
    gets a generated page ``<site_folder>/<id>.md`` from ``page_template`` (and an index
    page from ``index_template``, titled ``section`` in the navigation); a docs-folder kind
    is published where its file sits. ``template_folder`` holds the templates of a kind that
    does not ship with smarthub.
    """

    name: str
    model: type
    folder_option: str
    title_field: str
    noun: str
    default_folder: str = ""
    file_name: str | None = None
    keyed: bool = True  # has an id (its file name), unique within its folder
    open_front_matter: bool = False  # any key allowed, front matter optional (section pages)
    front_matter_prose: bool = True  # its texts are checked as prose (a term's are its forms)
    body_field: str | None = None  # the model field that gets the body's first paragraph
    load_rules: tuple[LoadRule, ...] = ()  # rules across keys, once the entry is built
    schema_conditions: tuple[dict[str, Any], ...] = ()  # the same rules as JSON Schema
    type_option: str | None = None  # `smarthub new --type` picks the `type` key from this option
    site_folder: str | None = None
    page_template: str | None = None
    index_template: str | None = None
    section: str | None = None
    nav_pages: bool = True  # list every page in the navigation, not only the index
    scaffold_template: str | None = None
    template_folder: Path | None = None

    @property
    def in_docs(self) -> bool:
        """Whether the files live in MkDocs' docs folder (and are published as they are)."""
        return self.folder_option == DOCS_DIR

    @property
    def family(self) -> str:
        """What ids are unique within: the folder (assets and section pages share docs)."""
        return self.folder_option

    def folder(self, config: HubConfig) -> str:
        """This hub's folder for the kind, relative to the hub's root."""
        return config.docs_dir if self.in_docs else config.folder(self.folder_option)

    def title(self, entry: Any) -> str:
        """The entry's title, as lists and links show it."""
        return str(getattr(entry, self.title_field) or "")

    def page(self, entry_id: str) -> str:
        """The docs-relative path of a generated page (kinds with a ``site_folder``)."""
        assert self.site_folder is not None, f"{self.name} pages are not generated"
        return f"{self.site_folder}/{entry_id}.md"

    @property
    def index_page(self) -> str | None:
        """The docs-relative path of the kind's generated index page, if it has one."""
        return f"{self.site_folder}/index.md" if self.index_template and self.site_folder else None


def _deprecated_needs_replacement(term: Term) -> Iterator[LoadProblem]:
    if term.status == "deprecated" and not term.replaced_by:
        source = term.source
        start, end = source.value_span("status") or (0, 3)
        yield LoadProblem(
            "META001",
            source,
            start,
            end,
            "a deprecated term needs 'replaced_by': the id of the term to use instead",
        )


def _needs_definition(term: Term) -> Iterator[LoadProblem]:
    if not term.definition:
        source = term.source
        yield LoadProblem(
            "META001",
            source,
            source.body_start,
            source.body_start,
            "glossary entry has no definition: write it as the first paragraph after the front matter",
        )


def _published_needs_audience(asset: Asset) -> Iterator[LoadProblem]:
    if asset.status != "published":
        return
    for key in ("personas", "stages"):
        if not getattr(asset, key):
            yield LoadProblem(
                "META001",
                asset.source,
                0,
                3,
                f"a published asset needs at least one entry in '{key}': add '{key}: [...]'",
            )


def _required_when(key: str, value: str, then: dict[str, Any]) -> dict[str, Any]:
    return {"if": {"properties": {key: {"const": value}}, "required": [key]}, "then": then}


_AT_LEAST_ONE = {"type": "array", "minItems": 1}

TERM = Kind(
    "term",
    Term,
    "glossary_dir",
    "term",
    "glossary entry",
    default_folder="glossary",
    front_matter_prose=False,
    body_field="definition",
    load_rules=(_deprecated_needs_replacement, _needs_definition),
    schema_conditions=(_required_when("status", "deprecated", {"required": ["replaced_by"]}),),
    site_folder="glossary",
    page_template="term.md.j2",
    index_template="glossary_index.md.j2",
    section="Glossary",
    nav_pages=False,  # dozens of term pages would bury every other section of the sidebar
    scaffold_template="term.md.j2",
)
PERSONA = Kind(
    "persona",
    Persona,
    "personas_dir",
    "name",
    "persona",
    default_folder="personas",
    site_folder="personas",
    page_template="persona.md.j2",
    index_template="personas_index.md.j2",
    section="Personas",
    scaffold_template="persona.md.j2",
)
PLAYBOOK = Kind(
    "playbook",
    Playbook,
    "playbooks_dir",
    "title",
    "playbook",
    default_folder="playbooks",
    site_folder="playbooks",
    page_template="playbook.md.j2",
    index_template="playbooks_index.md.j2",
    section="Playbooks",
    scaffold_template="playbook.md.j2",
)
ASSET = Kind(
    "asset",
    Asset,
    DOCS_DIR,
    "title",
    "asset",
    load_rules=(_published_needs_audience,),
    schema_conditions=(
        _required_when(
            "status",
            "published",
            {
                "required": ["personas", "stages"],
                "properties": {"personas": _AT_LEAST_ONE, "stages": _AT_LEAST_ONE},
            },
        ),
    ),
    type_option="asset_types",
    scaffold_template="asset.md.j2",
)
PAGE = Kind(
    "page",
    Page,
    DOCS_DIR,
    "title",
    "section page",
    file_name="index.md",
    keyed=False,
    open_front_matter=True,
)

_KINDS: dict[str, Kind] = {kind.name: kind for kind in (TERM, PERSONA, PLAYBOOK, ASSET, PAGE)}
BUILTIN: tuple[Kind, ...] = tuple(_KINDS.values())


def all_kinds() -> tuple[Kind, ...]:
    """Every kind, in the order files are discovered and sections listed."""
    return tuple(_KINDS.values())


def get(name: str) -> Kind:
    """The kind called ``name`` (``KeyError`` if there is none)."""
    return _KINDS[name]


def row_problems(kind: Kind) -> list[str]:
    """What is inconsistent in a kind's row (a title that is no key, a page without a folder...)."""
    keys = {field.name: field for field in fields_of(kind.model)}
    attributes = {field.name for field in dataclasses.fields(kind.model)}
    problems = []
    if kind.title_field not in keys:
        problems.append(f"title_field {kind.title_field!r} is not a key of {kind.model.__name__}")
    if kind.body_field and kind.body_field not in attributes:
        problems.append(f"body_field {kind.body_field!r} is not a field of {kind.model.__name__}")
    if (kind.page_template or kind.index_template) and not kind.site_folder:
        problems.append("a page or index template needs a site_folder to put the pages in")
    if kind.site_folder and not kind.page_template:
        problems.append("a site_folder needs a page_template to render its pages")
    if kind.keyed and not isinstance(getattr(kind.model, "id", None), property):
        problems.append(f"{kind.model.__name__} needs an 'id' property (its file name)")
    if not kind.in_docs and not kind.default_folder:
        problems.append(f"{kind.folder_option} needs a default_folder")
    return problems


def register(kind: Kind) -> Kind:
    """Add a kind to the table (after the built-in ones); its name must be new, its row whole."""
    if kind.name in _KINDS:
        raise ValueError(f"a kind named {kind.name!r} exists already")
    problems = row_problems(kind)
    if problems:
        raise ValueError(f"kind {kind.name!r}: " + "; ".join(problems))
    _KINDS[kind.name] = kind
    referenced.cache_clear()
    return kind


def unregister(name: str) -> None:
    """Remove a kind added with ``register`` (built-in kinds stay)."""
    if any(kind.name == name for kind in BUILTIN):
        raise ValueError(f"{name!r} is a built-in kind")
    _KINDS.pop(name, None)
    referenced.cache_clear()


@functools.cache
def referenced() -> frozenset[str]:
    """Names of the kinds some front-matter key refers to (cached until the table changes)."""
    return frozenset(
        field.refers_to
        for kind in _KINDS.values()
        for field in fields_of(kind.model)
        if field.refers_to in _KINDS
    )


def always_loaded(kind: Kind) -> bool:
    """Whether every file of the kind is loaded even when a check reports on a few files.

    Kinds other entries refer to (terms, personas) are: checking one asset needs them all.
    """
    return kind.name in referenced()


def of_file(kinds_in_folder: Iterable[Kind], file_name: str) -> Kind:
    """Which of the kinds sharing a folder a file belongs to (``index.md``: a section page)."""
    return file_kinds(kinds_in_folder)(file_name)


def file_kinds(kinds_in_folder: Iterable[Kind]) -> Callable[[str], Kind]:
    """``of_file`` for one folder as a table, for a walk that asks once per file.

    The first kind naming the file takes it; any other name goes to the first kind that
    names no file.
    """
    kinds = list(kinds_in_folder)
    named = {kind.file_name: kind for kind in reversed(kinds) if kind.file_name}
    default = next((kind for kind in kinds if kind.file_name is None), None)

    def kind_of(file_name: str) -> Kind:
        found = named.get(file_name, default)
        if found is None:  # no kind takes this name here
            return next(kind for kind in kinds if kind.file_name is None)  # raises, as ever
        return found

    return kind_of


def by_folder(config: HubConfig) -> list[tuple[str, list[Kind]]]:
    """``[(folder, kinds), ...]``: each source folder once, in table order."""
    folders: dict[str, list[Kind]] = {}
    for kind in _KINDS.values():
        folders.setdefault(kind.folder(config), []).append(kind)
    return list(folders.items())


def source_folders(config: HubConfig) -> list[str]:
    """The hub's source folders (docs, glossary, personas, ...), each once."""
    return [folder for folder, _ in by_folder(config)]


def reference_targets(hub: Hub) -> dict[str, set[str]]:
    """What each ``refers_to`` may name in this hub: teams, stages, asset types, entry ids."""
    known = {name: set(getattr(hub.config, option)) for name, option in SETTING_IDS.items()}
    for kind in _KINDS.values():
        if kind.keyed:
            known[kind.name] = set(hub.entries_of(kind.name))
    return known


def folder_defaults() -> dict[str, str]:
    """``{folder option: default folder}`` of the kinds with a folder option of their own."""
    return {kind.folder_option: kind.default_folder for kind in _KINDS.values() if not kind.in_docs}


def with_keys(*names: str) -> list[Kind]:
    """The kinds whose front matter has every one of these keys (``owner``, ``reviewed``...)."""
    return [
        kind
        for kind in _KINDS.values()
        if set(names) <= {field.name for field in fields_of(kind.model)}
    ]


def generated() -> list[Kind]:
    """The kinds whose pages the site generates (those with a ``site_folder``)."""
    return [kind for kind in _KINDS.values() if kind.site_folder]
