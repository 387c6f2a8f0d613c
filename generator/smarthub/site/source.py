"""A "source" link on each page: where its file is in the repository (``repo_url``/``edit_uri``).

MkDocs knows the edit address of pages inside the docs folder only; glossary entries,
personas and playbooks live next to it, so their address is derived from the same
``edit_uri`` with the docs folder taken off its end (``edit/main/content/`` gives
``edit/main/glossary/...``). Without ``repo_url`` and ``edit_uri`` there is no link.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from smarthub import kinds
from smarthub.site.index import HubIndex


def sources_of_pages(index: HubIndex) -> dict[str, str]:
    """The hub-relative source file of each generated entry page (terms, personas, ...)."""
    root = index.config.root.resolve()
    return {
        kind.page(entry.id): _relative(entry.source.path, root)
        for kind in kinds.generated()
        for entry in index.hub.entries_of(kind.name).values()
    }


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def source_url(
    repo_url: str | None, edit_uri: str | None, docs_dir: str, source: str
) -> str | None:
    """The repository address of the hub-relative file ``source``, or None when unknown."""
    if not repo_url or not edit_uri:
        return None
    base = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    docs = docs_dir.strip("/") + "/"
    if source.startswith(docs):
        prefix, rest = base, source[len(docs) :]
    elif base.endswith("/" + docs) or base == docs:
        prefix, rest = base[: len(base) - len(docs)], source
    else:
        return None
    if "://" not in prefix:  # relative to repo_url, as MkDocs reads edit_uri
        prefix = repo_url.rstrip("/") + "/" + prefix.lstrip("/")
    return prefix + quote(rest)


def source_link(url: str, source: str) -> str:
    """The link's HTML, at the end of the page's content."""
    return (
        f'<p class="smarthub-source"><a href="{html.escape(url, quote=True)}">'
        f"Source: {html.escape(source)}</a></p>\n"
    )
