"""The entries of a hub: terms, personas, playbooks, assets, and the hub that links them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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


@dataclass
class Term:
    """A glossary entry: one agreed term with its accepted and forbidden forms."""

    source: SourceFile
    term: str
    owner: str
    definition: str = ""
    abbreviation: str | None = None
    aliases: list[str] = field(default_factory=list)
    avoid: list[AvoidForm] = field(default_factory=list)
    casing: str = "any"
    status: str = "approved"
    replaced_by: str | None = None
    approved_by: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    reviewed: dt.date | None = None

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


@dataclass
class Persona:
    """A buyer persona."""

    source: SourceFile
    name: str
    role: str
    owner: str
    segment: str | None = None
    goals: list[str] = field(default_factory=list)
    pains: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    reviewed: dt.date | None = None

    @property
    def id(self) -> str:
        """The persona's id: its file name without ``.md``."""
        return self.source.id


@dataclass
class Playbook:
    """A shared way of working between the teams."""

    source: SourceFile
    title: str
    owner: str
    reviewed: dt.date | None = None
    audience: list[str] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    summary: str | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The playbook's id: its file name without ``.md``."""
        return self.source.id


@dataclass
class Asset:
    """A sales-enablement asset under the docs folder (battlecard, case study, ...)."""

    source: SourceFile
    title: str
    type: str
    owner: str
    status: str
    reviewed: dt.date | None = None
    personas: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    summary: str | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The asset's id: its file name without ``.md``."""
        return self.source.id


@dataclass
class Page:
    """A plain page under the docs folder (an ``index.md``): checked for language only."""

    source: SourceFile
    title: str | None = None


@dataclass
class Hub:
    """The loaded, cross-linked whole: every entry by id, and the problems met on the way."""

    config: HubConfig
    terms: dict[str, Term] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    playbooks: dict[str, Playbook] = field(default_factory=dict)
    assets: dict[str, Asset] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    sources: list[SourceFile] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)

    def entry_for(self, source: SourceFile) -> Term | Persona | Playbook | Asset | Page | None:
        """The entry loaded from a source file, if it loaded."""
        table = {
            "term": self.terms,
            "persona": self.personas,
            "playbook": self.playbooks,
            "asset": self.assets,
        }
        if source.kind in table:
            entry = table[source.kind].get(source.id)
            return entry if entry is not None and entry.source is source else None
        return next((page for page in self.pages if page.source is source), None)
