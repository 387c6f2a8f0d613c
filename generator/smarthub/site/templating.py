"""The Jinja2 environment for generated pages, with escaping for each place a value lands.

Autoescaping is on, so any value is HTML-escaped by default. In Markdown text, ``|md``
also escapes the characters Markdown would read as markup, so a persona named
``<script>alert(1)</script>`` or a definition with ``*``, ``|`` or quotes shows as written.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from smarthub import kinds
from smarthub.site import paths
from smarthub.wording import counted

_INLINE_MARKUP = re.compile(r"([\\`*_{}\[\]|])")
_BLOCK_MARKER = re.compile(r"^(\d+)([.)])|^([#+\-!])")


def markdown_text(value: Any) -> Markup:
    """``value`` as one line of literal text inside Markdown."""
    return _markdown_text(value if type(value) is str else str(value))


@lru_cache(maxsize=65_536)  # titles and labels recur on every persona, term and catalog page
def _markdown_text(value: str) -> Markup:
    text = " ".join(value.split())
    text = html.escape(text, quote=True)
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    text = _BLOCK_MARKER.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text
    )
    return Markup(text)


def front_matter_title(value: Any) -> Markup:
    """A page title for YAML front matter, HTML-escaped: themes put titles into HTML as they are."""
    return Markup(
        json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False)
    )


def status_badge(status: str) -> Markup:
    """A small coloured badge for a status (approved, proposed, deprecated, draft, retired)."""
    escaped = html.escape(status, quote=True)
    return Markup(f'<span class="smarthub-badge smarthub-badge--{escaped}">{escaped}</span>')


def label_text(identifier: Any) -> Markup:
    """An id shown as a label (``case-study`` -> ``Case study``), escaped as Markdown text.

    Owners, types, stages and teams are ids a contributor types: unescaped, ``[x](javascript:...)``
    would become a link and ``<img onerror=...>`` an element.
    """
    return _label_text(identifier if type(identifier) is str else str(identifier))


@lru_cache(maxsize=4_096)
def _label_text(identifier: str) -> Markup:
    return _markdown_text(paths.label(identifier))


def data_value(identifier: Any) -> str:
    """An id as a token for a ``data-`` attribute or a filter's ``value``, percent-encoded.

    Inline HTML in a Markdown table still has Markdown run over it, so ``[x](javascript:)``
    inside an attribute became a link; encoded, an id holds no Markdown or HTML character,
    and the catalog's filters compare the same encoding on both sides.
    """
    return quote(str(identifier), safe="").replace("_", "%5F")


def gap() -> Markup:
    """A visibly empty cell: no content for this combination yet."""
    return Markup('<span class="smarthub-gap" title="No content yet">gap</span>')


def environment() -> jinja2.Environment:
    """The environment that renders ``smarthub/templates/*.md.j2`` (shared: treat it as read-only)."""
    # Kinds that do not ship with smarthub bring their page templates in their own folder.
    folders = tuple(kind.template_folder for kind in kinds.all_kinds() if kind.template_folder)
    return _environment(folders)


@lru_cache(maxsize=8)  # compiled templates are kept: one compilation per set of template folders
def _environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.PackageLoader("smarthub", "templates"), jinja2.FileSystemLoader(list(folders))]
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = markdown_text
    env.filters["badge"] = status_badge
    env.filters["page_title"] = front_matter_title
    env.filters["label"] = label_text
    env.filters["counted"] = counted
    env.filters["data_value"] = data_value
    env.globals["gap"] = gap
    env.globals["stage_anchor"] = paths.stage_anchor
    env.globals["anchor"] = paths.anchor
    return env


def trusted_markdown(text: str) -> Markup:
    """Markdown written by the hub's authors (a page body), passed through as it is."""
    return Markup(text)
