"""The entries of a hub: terms, personas, playbooks, assets, and the hub that links them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smarthub.model.fields import key, not_a_key
from smarthub.model.source import LoadProblem, SourceFile

if TYPE_CHECKING:
    from smarthub.config import HubConfig


@dataclass(frozen=True)
class AvoidForm:
    """A form of a term that must not be used, with the reason shown to the writer.

    ``case`` is ``any`` (found in any case) or ``exact`` (found only written as listed, for
    forms that are also ordinary words: "Sales Force" but not "the sales force we hired").
    """

    text: str
    reason: str | None = None
    case: str = "any"


_OWNER = "The team that owns this entry."
_REVIEWED = "The date the entry was last verified, YYYY-MM-DD."
_TITLE = "The title shown in the site."
_PERSONAS = "Ids of the personas this is for."
_STAGES = "Journey stages this is for."
_SUMMARY = "One sentence shown in lists and search."
_TAGS = "Free tags."


# Fields are keyword-only so that they can follow the front matter's own order (the order
# of `smarthub schema` and of "allowed keys are ..."), required keys among optional ones.
@dataclass(kw_only=True, eq=False)  # identity: one per file (no __eq__ to build)
class Term:
    """A glossary entry: one agreed term with its accepted and forbidden forms."""

    source: SourceFile = not_a_key()
    term: str = key("The canonical (preferred) form of the term.")
    abbreviation: str | None = key("The abbreviation, matched in its exact case.", default=None)
    aliases: list[str] = key("Admitted forms, never flagged.", default_factory=list)
    avoid: list[AvoidForm] = key(
        "Forbidden forms, flagged as TERM001: a text or {text, reason, case}.", default_factory=list
    )
    casing: str = key(
        "any (default), exact, or sentence.", default="any", choices=("any", "exact", "sentence")
    )
    status: str = key(
        "The entry's status.", default="approved", choices=("approved", "proposed", "deprecated")
    )
    replaced_by: str | None = key(
        "The id of the term to use instead (required when deprecated).",
        default=None,
        refers_to="term",
    )
    owner: str = key(_OWNER, refers_to="team")
    approved_by: list[str] = key(
        "The teams that signed the definition off.", default_factory=list, refers_to="team"
    )
    related: list[str] = key(
        "Ids of related glossary terms.", default_factory=list, refers_to="term"
    )
    reviewed: dt.date | None = key(_REVIEWED, default=None)
    definition: str = not_a_key(default="")  # the body's first paragraph

    @property
    def id(self) -> str:
        """The term's id: its file name without ``.md``."""
        return self.source.id

    @property
    def accepted_forms(self) -> list[str]:
        """The canonical form first, then the aliases (the abbreviation is matched apart)."""
        return [self.term, *self.aliases]


@dataclass(frozen=True)
class Objection:
    """An objection a persona raises, with the agreed response."""

    objection: str
    response: str


@dataclass(kw_only=True, eq=False)  # identity: one per file (no __eq__ to build)
class Persona:
    """A buyer persona."""

    source: SourceFile = not_a_key()
    name: str = key("The persona's name.")
    role: str = key("The persona's job title.")
    owner: str = key(_OWNER, refers_to="team")
    segment: str | None = key(default=None)
    goals: list[str] = key(default_factory=list)
    pains: list[str] = key(default_factory=list)
    channels: list[str] = key(default_factory=list)
    objections: list[Objection] = key(
        "Objections the persona raises, each with the agreed response.", default_factory=list
    )
    reviewed: dt.date | None = key(_REVIEWED, default=None)

    @property
    def id(self) -> str:
        """The persona's id: its file name without ``.md``."""
        return self.source.id


@dataclass(kw_only=True, eq=False)  # identity: one per file (no __eq__ to build)
class Playbook:
    """A shared way of working between the teams."""

    source: SourceFile = not_a_key()
    title: str = key(_TITLE)
    owner: str = key(_OWNER, refers_to="team")
    reviewed: dt.date = key(_REVIEWED)
    audience: list[str] = key(
        "The teams this playbook is for.", default_factory=list, refers_to="team"
    )
    personas: list[str] = key(_PERSONAS, default_factory=list, refers_to="persona")
    stages: list[str] = key(_STAGES, default_factory=list, refers_to="stage")
    summary: str | None = key(_SUMMARY, default=None)
    tags: list[str] = key(_TAGS, default_factory=list)

    @property
    def id(self) -> str:
        """The playbook's id: its file name without ``.md``."""
        return self.source.id


@dataclass(kw_only=True, eq=False)  # identity: one per file (no __eq__ to build)
class Asset:
    """A sales-enablement asset under the docs folder (battlecard, case study, ...)."""

    source: SourceFile = not_a_key()
    title: str = key(_TITLE)
    type: str = key("The asset type (one of the hub's asset_types).", refers_to="asset type")
    owner: str = key(_OWNER, refers_to="team")
    status: str = key("The entry's status.", choices=("draft", "published", "retired"))
    reviewed: dt.date = key(_REVIEWED)
    personas: list[str] = key(_PERSONAS, default_factory=list, refers_to="persona")
    stages: list[str] = key(_STAGES, default_factory=list, refers_to="stage")
    summary: str | None = key(_SUMMARY, default=None)
    tags: list[str] = key(_TAGS, default_factory=list)

    @property
    def id(self) -> str:
        """The asset's id: its file name without ``.md``."""
        return self.source.id

    def serves(self, persona: str | None = None, stage: str | None = None) -> bool:
        """Whether the asset is for this persona (by id) at this journey stage (``None``: any).

        The one cell rule of the persona x stage matrix, for the site and ``smarthub report``.
        """
        return (persona is None or persona in self.personas) and (
            stage is None or stage in self.stages
        )


@dataclass(kw_only=True, eq=False)  # identity: one per file (no __eq__ to build)
class Page:
    """A plain page under the docs folder (an ``index.md``): checked for language only."""

    source: SourceFile = not_a_key()
    title: str | None = key(_TITLE, default=None)
    summary: str | None = key(_SUMMARY, default=None)


@dataclass(eq=False)  # identity: one per run (no __eq__ to build)
class Hub:
    """The loaded, cross-linked whole: every entry by id, and the problems met on the way.

    ``entries`` holds each kind's entries by id, under the kind's name (see
    ``smarthub.kinds``); ``terms``, ``personas``, ``playbooks`` and ``assets`` are views of it.
    Section pages (``index.md``) have no id of their own and are listed in ``pages``.
    """

    config: HubConfig
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    sources: list[SourceFile] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)

    def entries_of(self, kind: str) -> dict[str, Any]:
        """The entries of one kind by id (empty when none loaded)."""
        return self.entries.setdefault(kind, {})

    @property
    def terms(self) -> dict[str, Term]:
        """Glossary entries by id."""
        return self.entries_of("term")

    @property
    def personas(self) -> dict[str, Persona]:
        """Personas by id."""
        return self.entries_of("persona")

    @property
    def playbooks(self) -> dict[str, Playbook]:
        """Playbooks by id."""
        return self.entries_of("playbook")

    @property
    def assets(self) -> dict[str, Asset]:
        """Assets by id."""
        return self.entries_of("asset")

    def entry_for(self, source: SourceFile) -> Any:
        """The entry loaded from a source file, if it loaded."""
        table = self.entries.get(source.kind)
        if table is not None:
            entry = table.get(source.id)
            return entry if entry is not None and entry.source is source else None
        return next((page for page in self.pages if page.source is source), None)
