"""What this hub's site is, whichever way it is built: decided once for the MkDocs plugin and
for ``smarthub stage``.

The Markdown extensions the generated pages need, how an authored page's front matter is
rewritten for the theme (escaped, trimmed), the home page, and the set of generated pages.
The plugin applies the plan event by event; ``stage`` writes it out as files.
"""

from __future__ import annotations

import html
from typing import Any

from smarthub.site import paths
from smarthub.site.index import HubIndex
from smarthub.site.pages import PageRenderer, generate_pages, starts_with_title
from smarthub.yamlsafe import expands_beyond

# Generated pages use ids on headings, Markdown inside HTML blocks, notices and tables.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "tables", "toc")
# A staged site has no term-link extension: its tooltips are ``*[ABBR]:`` definitions.
STAGED_EXTENSIONS = ("abbr", *REQUIRED_EXTENSIONS)


def rewrite_front_matter(meta: dict[str, Any], *, asset: bool) -> list[str]:
    """Rewrite an authored page's front matter in place as the site shows it.

    Values that expand beyond anything the theme could render (YAML alias bombs) are left
    out and their keys returned, so the caller can say so. An asset's ``status`` goes too:
    Material would show it as a page-status icon, and the asset header already says it.
    Titles and tags are HTML-escaped: MkDocs and Material print them without escaping
    (``<title>``, the nav, the search index, tag lists), so markup there would run.
    """
    dropped = [key for key, value in meta.items() if expands_beyond(value)]
    for key in dropped:
        del meta[key]
    if asset:
        meta.pop("status", None)
    if isinstance(meta.get("title"), str):
        meta["title"] = html.escape(meta["title"])
    if isinstance(meta.get("tags"), list):
        meta["tags"] = [html.escape(tag) if isinstance(tag, str) else tag for tag in meta["tags"]]
    return dropped


def home_page(
    renderer: PageRenderer,
    body: str | None,
    *,
    site_name: str,
    title: str | None = None,
    source: Any = None,
) -> str:
    """The home page: the hub's own index body (``None``: it has none) with the entrance on top.

    The nav calls it "Home", so a body without a level-one heading gets one saying whose
    hub it is: the page's (already escaped) front-matter ``title``, else the site name.
    """
    if body is None:
        return renderer.home(f"# {html.escape(site_name)}\n")
    filtered = renderer.body_filter(paths.HOME, body, source)
    if not starts_with_title(body):
        filtered = f"# {title or html.escape(site_name)}\n\n{filtered}"
    return renderer.home(filtered)


def generated_pages(
    index: HubIndex, renderer: PageRenderer, *, site_name: str, with_home: bool
) -> dict[str, str]:
    """``{docs-relative path: Markdown}`` of every page smarthub generates; the home page too
    when the docs folder has none."""
    generated = generate_pages(index, renderer)
    if with_home:
        generated[paths.HOME] = home_page(renderer, None, site_name=site_name)
    return generated
