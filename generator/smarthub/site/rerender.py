"""Rendering single pages of a built MkDocs site again, as MkDocs' build renders them.

``smarthub serve`` (``site/live.py``) keeps MkDocs' files, nav and templates from a whole
build and renders only the pages a save changes; these are MkDocs' ``_populate_page`` and
``_build_page`` without the ``--dirty`` shortcut, writing each page through a temporary
file, and the search plugins' in-memory index kept free of the pages rendered twice.
"""

from __future__ import annotations

import contextlib
import os
import tempfile

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def populate(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read and render a page's Markdown with the plugins' events (MkDocs' ``_populate_page``)."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        page.render(config, files)
        assert page.content is not None
        page.content = config.plugins.on_page_content(
            page.content, page=page, config=config, files=files
        )
    finally:
        config._current_page = None


def render(
    page: Page,
    config: MkDocsConfig,
    doc_files: list[File],
    nav: Navigation,
    env: jinja2.Environment,
    inclusion: InclusionLevel,
) -> bytes:
    """A populated page's HTML, as MkDocs' ``_build_page`` renders it."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        if inclusion.is_excluded():
            page.content = (
                '<div class="mkdocs-draft-marker" title="This page will not be included into '
                'the built site.">DRAFT</div>' + (page.content or "")
            )
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
        return output.encode("utf-8", errors="xmlcharrefreplace")
    finally:
        page.active = False
        config._current_page = None


def forget_search_entries(config: MkDocsConfig, urls: set[str]) -> None:
    """Take the pages at ``urls`` out of the lunr index, which the rebuild adds them to again.

    MkDocs' and Material's search plugins keep one index for the whole site in memory and
    write it after each build; a page rendered twice would be listed twice.
    """
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        for name in ("entries", "_entries"):  # Material's, MkDocs' own
            entries = getattr(index, name, None)
            if isinstance(entries, list):
                entries[:] = [
                    entry for entry in entries if not _of_page(str(entry.get("location", "")), urls)
                ]


def _of_page(location: str, urls: set[str]) -> bool:
    return location.split("#", 1)[0] in urls


def write_replacing(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a reader sees old or new."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".smarthub-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
