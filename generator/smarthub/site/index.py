"""The collect phase: what the site shows and how entries point at each other.

Built once per build from the loaded hub, before any page is rendered, because glossary
backlinks ("used in") and the persona × stage matrix need every page to be known first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from smarthub import kinds
from smarthub.insights.usage import accepted_uses
from smarthub.matcher import TermMatcher
from smarthub.model import Asset, Hub, Persona, Playbook, SourceFile, Term
from smarthub.model.reviews import Reviewable, is_overdue, review_due
from smarthub.site import paths

if TYPE_CHECKING:
    from smarthub.checks.context import CheckContext
    from smarthub.config import HubConfig


@dataclass(frozen=True)
class SiteOptions:
    """Choices for one build: drafts shown, terms linked, glossary boosted in search."""

    drafts: bool = False
    link_terms: bool = True
    search_boost: bool = True
    today: dt.date = field(default_factory=dt.date.today)

    @classmethod
    def for_hub(cls, config: HubConfig, *, drafts: bool, today: dt.date) -> SiteOptions:
        """The hub's own choices (plugin options), with drafts forced on where asked."""
        return cls(
            drafts=drafts or config.drafts,
            link_terms=config.link_terms,
            search_boost=config.search_boost,
            today=today,
        )


@dataclass(frozen=True)
class PageRef:
    """A page of the site that another page links to."""

    title: str
    page: str  # docs-relative path
    kind: str  # the kind's name: term, persona, playbook, asset, page...


@dataclass(frozen=True)
class ReviewState:
    """When an entry was last verified and, if it is overdue, since when."""

    reviewed: dt.date | None
    due: dt.date | None
    overdue: bool


class HubIndex:
    """The loaded hub, seen as a site: visible assets, groupings and term usage."""

    def __init__(
        self, hub: Hub, options: SiteOptions | None = None, context: CheckContext | None = None
    ) -> None:
        self.hub = hub
        self.context = context  # the check's context: its term occurrences are reused
        self.config = hub.config
        self.options = options or SiteOptions()
        shown = [asset for asset in hub.assets.values() if self.is_shown(asset)]
        self.assets: list[Asset] = sorted(
            shown, key=lambda asset: (asset.title.casefold(), asset.id)
        )

    def is_shown(self, asset: Asset) -> bool:
        """Published assets always; drafts and retired ones only when drafts are asked for."""
        return asset.status == "published" or self.options.drafts

    @cached_property
    def matcher(self) -> TermMatcher:
        """The glossary's matcher: the check's when there was one, else compiled once."""
        if self.context is not None:
            return self.context.matcher
        return TermMatcher(self.hub.terms.values())

    @cached_property
    def hidden_pages(self) -> set[str]:
        """Docs-relative paths of assets left out of this build."""
        return {
            paths.asset_page(self.config, asset)
            for asset in self.hub.assets.values()
            if not self.is_shown(asset)
        }

    def entries(self, kind: kinds.Kind) -> list[Any]:
        """The entries of a kind this build publishes, in title order (section pages excepted)."""
        if kind is kinds.ASSET:
            return self.assets  # drafts and retired ones only when asked for
        return sorted(
            self.hub.entries_of(kind.name).values(),
            key=lambda entry: (kind.title(entry).casefold(), entry.id),
        )

    def terms_sorted(self) -> list[Term]:
        """Glossary entries in A–Z order of their names."""
        return sorted(self.hub.terms.values(), key=lambda term: (term.term.casefold(), term.id))

    def personas_sorted(self) -> list[Persona]:
        """Personas in order of their names."""
        return sorted(
            self.hub.personas.values(), key=lambda persona: (persona.name.casefold(), persona.id)
        )

    def playbooks_sorted(self) -> list[Playbook]:
        """Playbooks in order of their titles."""
        return sorted(
            self.hub.playbooks.values(),
            key=lambda playbook: (playbook.title.casefold(), playbook.id),
        )

    def stages(self) -> list[str]:
        """The journey's stages in order."""
        return list(self.config.journey)

    def asset_types(self) -> list[str]:
        """Asset types in configured order, then any unknown type the content uses."""
        known = list(self.config.asset_types)
        return known + sorted({asset.type for asset in self.assets} - set(known))

    def assets_of_type(self, asset_type: str) -> list[Asset]:
        """Visible assets of one type."""
        return [asset for asset in self.assets if asset.type == asset_type]

    def assets_for(self, persona: str | None = None, stage: str | None = None) -> list[Asset]:
        """Visible assets for a persona and/or a journey stage."""
        return [asset for asset in self.assets if asset.serves(persona, stage)]

    def playbooks_for(self, persona: str, stage: str | None) -> list[Playbook]:
        """Playbooks tagged with a persona at a stage (``None``: those tagged with no stage)."""
        return [
            playbook
            for playbook in self.playbooks_sorted()
            if persona in playbook.personas
            and (stage in playbook.stages if stage is not None else not playbook.stages)
        ]

    def review(self, entry: Reviewable) -> ReviewState:
        """The review state of an entry, computed as REVW001 computes it."""
        due = review_due(entry, self.config)
        return ReviewState(entry.reviewed, due, is_overdue(entry, self.config, self.options.today))

    @cached_property
    def usage(self) -> dict[str, list[PageRef]]:
        """Every page that uses each term (``accepted_uses``), in title order."""
        pages = self._pages_with_sources()
        page_of = {id(source): ref for ref, source in pages}
        used: dict[str, dict[str, PageRef]] = defaultdict(dict)
        visible = (source for _, source in pages)
        for source, term_id in accepted_uses(self.hub, self.context, visible, self.matcher):
            ref = page_of[id(source)]
            used[term_id][ref.page] = ref
        return {
            term_id: sorted(refs.values(), key=lambda ref: (ref.title.casefold(), ref.page))
            for term_id, refs in used.items()
        }

    def _pages_with_sources(self) -> list[tuple[PageRef, SourceFile]]:
        hub = self.hub
        found: list[tuple[PageRef, SourceFile]] = []
        for kind in kinds.all_kinds():
            if not kind.keyed:
                continue
            shown = self.assets if kind is kinds.ASSET else hub.entries_of(kind.name).values()
            for entry in shown:
                page = paths.entry_page(self.config, entry)
                found.append((PageRef(kind.title(entry), page, kind.name), entry.source))
        for page in hub.pages:
            docs_page = paths.docs_path(self.config, page.source.path)
            title = page.title or (
                "Home" if docs_page == paths.HOME else paths.label(page.source.path.parent.name)
            )
            found.append((PageRef(title, docs_page, "page"), page.source))
        return found
