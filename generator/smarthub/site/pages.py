"""Every generated page as Markdown, rendered from the templates shipped in the package.

``generate_pages`` is a function of the collected hub alone, so MkDocs (through the plugin)
and ``smarthub stage`` (for any other engine) publish the same pages.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from smarthub import kinds
from smarthub.model import Asset, Persona, Playbook, SourceFile, Term
from smarthub.site import paths
from smarthub.site.freshness import DUE_SOON_DAYS, needs_review
from smarthub.site.index import HubIndex
from smarthub.site.linking import relative_link
from smarthub.site.templating import environment, trusted_markdown

# (docs-relative page, its authored Markdown, the file it comes from) -> the Markdown to publish
BodyFilter = Callable[[str, str, "SourceFile | None"], str]
# (docs-relative page, the file, the front-matter key, its value) -> the text to show
ValueFilter = Callable[[str, "SourceFile", str, str], str]
_LEADING_H1 = re.compile(r"\A\s*#[ \t][^\n]*(?:\n|\Z)|\A\s*[^\n]+\n=+[ \t]*(?:\n|\Z)")


class _TemplatePaths:
    """``smarthub.site.paths`` as templates see it: each asset's page worked out once.

    An asset's page resolves its file on disk; persona and catalog pages list the same
    assets again and again.
    """

    def __init__(self) -> None:
        self._asset_pages: dict[int, str] = {}  # id of an asset of this build -> its page

    def __getattr__(self, name: str) -> Any:
        return getattr(paths, name)

    def asset_page(self, config: Any, asset: Asset) -> str:
        """The page of an asset (``paths.asset_page``)."""
        page = self._asset_pages.get(id(asset))
        if page is None:
            page = self._asset_pages[id(asset)] = paths.asset_page(config, asset)
        return page


class PageRenderer:
    """Renders templates for one collected hub, with links relative to each page."""

    def __init__(
        self,
        index: HubIndex,
        body_filter: BodyFilter | None = None,
        value_filter: ValueFilter | None = None,
    ) -> None:
        self.index = index
        self.env = environment()
        self.paths = _TemplatePaths()
        # Applied to authored Markdown before it goes into a page: term links are placed here.
        self.body_filter: BodyFilter = body_filter or (lambda page, body, source: body)
        # Applied to a checked front-matter value (title, summary) shown as text in a page.
        self.value_filter: ValueFilter = value_filter or (lambda page, source, key, value: value)

    def body(self, page: str, source: SourceFile) -> Any:
        """The authored Markdown body of a glossary, persona or playbook file."""
        return trusted_markdown(self.body_filter(page, source.text[source.body_start :], source))

    def render(self, template: str, page: str, **context: Any) -> str:
        """Render ``template`` as the page at docs-relative path ``page``."""

        def href(to_page: str, anchor: str | None = None) -> str:
            return relative_link(page, to_page, anchor)

        def prose(entry: Any, key: str) -> str:
            return self.value_filter(page, entry.source, key, getattr(entry, key))

        return self.env.get_template(template).render(
            page=page,
            href=href,
            prose=prose,
            site=self.index,
            hub=self.index.hub,
            paths=self.paths,
            **context,
        )

    def term(self, term: Term) -> str:
        """A glossary entry's page."""
        page = paths.term_page(term.id)
        return self.render(
            "term.md.j2",
            page,
            term=term,
            body=self.body(page, term.source),
            replacement=self.index.hub.terms.get(term.replaced_by or ""),
            used_in=self.index.usage.get(term.id, []),
            review=self.index.review(term),
        )

    def persona(self, persona: Persona) -> str:
        """A persona's page, with its content grouped by journey stage."""
        page = paths.persona_page(persona.id)
        by_stage = [
            (
                stage,
                self.index.assets_for(persona.id, stage),
                self.index.playbooks_for(persona.id, stage),
            )
            for stage in self.index.stages()
        ]
        return self.render(
            "persona.md.j2",
            page,
            persona=persona,
            body=self.body(page, persona.source),
            by_stage=by_stage,
            any_stage=self.index.playbooks_for(persona.id, None),
            review=self.index.review(persona),
        )

    def playbook(self, playbook: Playbook) -> str:
        """A playbook's page: who it is for, then its body."""
        return self.entry(kinds.PLAYBOOK, playbook)

    def entry(self, kind: kinds.Kind, entry: Any) -> str:
        """An entry's page from its kind's template: the entry (as ``entry`` and under the
        kind's name), its body, whether the body has its own title, and its review state."""
        assert kind.page_template is not None, f"{kind.name} pages are not generated"
        page = kind.page(entry.id)
        body = self.body(page, entry.source)
        reviewed = hasattr(entry, "reviewed")
        return self.render(
            kind.page_template,
            page,
            **{kind.name: entry},
            entry=entry,
            kind=kind,
            body=body,
            has_title=bool(_LEADING_H1.match(body)),
            review=self.index.review(entry) if reviewed else None,
        )

    def asset_header(self, asset: Asset) -> str:
        """The header shown on top of an asset: type, personas, stages, owner, review state."""
        page = self.paths.asset_page(self.index.config, asset)
        return self.render(
            "asset_header.md.j2",
            page,
            asset=asset,
            review=self.index.review(asset),
        )

    def home(self, body: str | None, source: SourceFile | None = None) -> str:
        """The home page: the site's own index body (from ``source``) with the hub's entrance on top."""
        block = self.render("home.md.j2", paths.HOME, built=dt.date.today())
        return (
            _insert_after_title(self.body_filter(paths.HOME, body, source), block)
            if body is not None
            else block
        )


def starts_with_title(markdown: str) -> bool:
    """Whether the Markdown opens with a level-one heading."""
    return bool(_LEADING_H1.match(markdown))


def generate_pages(index: HubIndex, renderer: PageRenderer | None = None) -> dict[str, str]:
    """``{docs-relative path: Markdown}`` for every page the hub generates (not the home page).

    Authored bodies (terms, personas, playbooks) go through ``renderer``'s body filter.
    """
    renderer = renderer or PageRenderer(index)
    pages = {
        kind.index_page: renderer.render(kind.index_template, kind.index_page, kind=kind)
        for kind in kinds.generated()
        if kind.index_page and kind.index_template
    }
    pages |= {
        paths.JOURNEY: renderer.render("journey.md.j2", paths.JOURNEY),
        paths.CATALOG_BY_TYPE: renderer.render(
            "catalog_by_type.md.j2", paths.CATALOG_BY_TYPE, filters=catalog_filters(index)
        ),
        paths.CATALOG_BY_PERSONA: renderer.render(
            "catalog_by_persona.md.j2", paths.CATALOG_BY_PERSONA
        ),
        paths.CATALOG_BY_STAGE: renderer.render("catalog_by_stage.md.j2", paths.CATALOG_BY_STAGE),
        paths.NEEDS_REVIEW: renderer.render(
            "needs_review.md.j2",
            paths.NEEDS_REVIEW,
            owners=needs_review(index),
            within=DUE_SOON_DAYS,
            built=dt.date.today(),
        ),
    }
    if index.config.voice.configured:
        pages[paths.VOICE] = renderer.render("voice.md.j2", paths.VOICE)
    # Terms and personas gather more than their own entry (usage, content by stage).
    special = {kinds.TERM.name: renderer.term, kinds.PERSONA.name: renderer.persona}
    for kind in kinds.generated():
        render = special.get(kind.name) or functools.partial(renderer.entry, kind)
        for entry in index.hub.entries_of(kind.name).values():
            pages[kind.page(entry.id)] = render(entry)
    return pages


def catalog_filters(index: HubIndex) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The catalog's filters: ``(name, label, [(value, text), ...])`` for values in use."""
    assets = index.assets
    personas = {p for asset in assets for p in asset.personas}
    stages = {s for asset in assets for s in asset.stages}
    names = {persona.id: persona.name for persona in index.hub.personas.values()}
    return [
        (
            "persona",
            "Persona",
            sorted(((p, names.get(p, paths.label(p))) for p in personas), key=lambda c: c[1]),
        ),
        ("stage", "Stage", [(s, paths.label(s)) for s in index.stages() if s in stages]),
        (
            "type",
            "Type",
            [(t, paths.label(t)) for t in index.asset_types() if index.assets_of_type(t)],
        ),
        ("owner", "Owner", [(o, paths.label(o)) for o in sorted({a.owner for a in assets})]),
    ]


def asset_markdown(renderer: PageRenderer, asset: Asset, body: str) -> str:
    """An asset's Markdown body with its header inserted after the title (if it has one)."""
    page = renderer.paths.asset_page(renderer.index.config, asset)
    return _insert_after_title(
        renderer.body_filter(page, body, asset.source), renderer.asset_header(asset)
    )


def _insert_after_title(body: str, block: str) -> str:
    title = _LEADING_H1.match(body)
    cut = title.end() if title else 0
    head = body[:cut]
    if head and not head.endswith("\n"):
        head += "\n"
    return f"{head}\n{block}\n{body[cut:]}" if head else f"{block}\n{body}"
