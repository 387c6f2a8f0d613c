"""The site's navigation, when ``mkdocs.yml`` does not set one: the hub's sections first.

Home, Glossary (the A–Z index), Personas, Buyer journey, Playbooks and Catalog (with the
folders that hold assets inside it), then any other docs folder and loose page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from smarthub import kinds
from smarthub.site import paths
from smarthub.site.index import HubIndex

NavItem = str | dict[str, Any]
# A folder with more assets than this is one entry (its index page, if any): listing every
# asset made each page of a 10,000-asset site carry thousands of links. The catalog pages
# and search lead to them instead.
NAV_SECTION_LIMIT = 50


def build_nav(
    index: HubIndex, docs_pages: Iterable[str], generated: Iterable[str]
) -> list[NavItem]:
    """A MkDocs ``nav`` for the pages of this build (docs-relative Markdown paths)."""
    config = index.config
    generated = set(generated)
    nav: list[NavItem] = [{"Home": paths.HOME}]
    for kind in kinds.generated():
        nav.append(_section(index, kind))
        if kind is kinds.PERSONA:  # the journey is read persona by persona
            nav.append({"Buyer journey": paths.JOURNEY})
    if paths.VOICE in generated:
        nav.append({"Brand voice rules": paths.VOICE})
    catalog: list[NavItem] = [
        {"By type": paths.CATALOG_BY_TYPE},
        {"By persona": paths.CATALOG_BY_PERSONA},
        {"By stage": paths.CATALOG_BY_STAGE},
    ]
    nav.append({"Catalog": catalog})
    nav.append({"Needs review": paths.NEEDS_REVIEW})

    asset_titles = {paths.asset_page(config, asset): asset.title for asset in index.assets}
    page_titles = {
        paths.docs_path(config, page.source.path): page.title for page in index.hub.pages
    }
    skip = set(generated) | {paths.HOME}
    folders: dict[str, list[str]] = {}
    for page in sorted(docs_pages):
        if page in skip:
            continue
        folder, _, rest = page.partition("/")
        if not rest:
            nav.append(page)
        else:
            folders.setdefault(folder, []).append(page)
    for folder, pages in folders.items():
        index_page = f"{folder}/index.md"
        ordered = sorted(
            pages,
            key=lambda page: (page != index_page, (asset_titles.get(page) or page).casefold()),
        )
        title = html.escape(page_titles.get(index_page) or paths.label(folder))
        if len(ordered) > NAV_SECTION_LIMIT:
            ordered = [index_page] if index_page in pages else []
            if not ordered:
                continue
        section = {title: ordered}
        (catalog if any(page in asset_titles for page in pages) else nav).append(section)
    return nav


def _section(index: HubIndex, kind: kinds.Kind) -> NavItem:
    """A generated kind's section: its index page, then its pages unless the kind says not."""
    title = kind.section or paths.label(kind.site_folder or kind.name)
    pages = (
        [kind.page(entry.id) for entry in index.entries(kind)]
        if kind.nav_pages or kind.index_page is None
        else []
    )
    listed = [kind.index_page, *pages] if kind.index_page else pages
    # A kind without pages of its own in the nav (the glossary) is its index page alone.
    return {title: listed[0] if len(listed) == 1 and not kind.nav_pages else listed}
