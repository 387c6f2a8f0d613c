"""Where each entry lands in the site, as docs-relative Markdown paths, and links between them.

Generated pages and the glossary, persona and playbook files (which live outside the docs
folder) get fixed places. Links are written to the ``.md`` file, relative to the page that
links, so MkDocs resolves them for any ``use_directory_urls`` setting and validates them.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from smarthub import kinds
from smarthub.config import HubConfig
from smarthub.model import Asset

HOME = "index.md"


def _index_of(kind: kinds.Kind) -> str:
    page = kind.index_page
    assert page is not None, f"{kind.name} has no index page"
    return page


# The generated kinds' index pages, named by the kind table (<site_folder>/index.md).
GLOSSARY_INDEX = _index_of(kinds.TERM)
PERSONAS_INDEX = _index_of(kinds.PERSONA)
PLAYBOOKS_INDEX = _index_of(kinds.PLAYBOOK)
JOURNEY = "journey/index.md"
CATALOG_BY_TYPE = "catalog/index.md"
CATALOG_BY_PERSONA = "catalog/by-persona.md"
CATALOG_BY_STAGE = "catalog/by-stage.md"
VOICE = "voice/index.md"  # the brand-voice rules, generated from the voice options
STYLESHEET = "assets/smarthub/smarthub.css"
SEARCH_SCRIPT = "assets/smarthub/search.js"  # the Pagefind search box (search: pagefind)
ANSWERS_SCRIPT = "assets/smarthub/answers.js"  # search answers and result labels
ANSWERS_DATA = "assets/smarthub/answers-data.js"  # their table, loaded on the first search
SITE_SCRIPT = "assets/smarthub/smarthub.js"  # copy buttons, catalog filters, tooltips on touch
NEEDS_REVIEW = "review/index.md"


def term_page(term_id: str) -> str:
    """The page of a glossary entry."""
    return kinds.TERM.page(term_id)


def persona_page(persona_id: str) -> str:
    """The page of a persona."""
    return kinds.PERSONA.page(persona_id)


def playbook_page(playbook_id: str) -> str:
    """The page of a playbook."""
    return kinds.PLAYBOOK.page(playbook_id)


def docs_path(config: HubConfig, path: Path) -> str:
    """The docs-relative path of a file under the docs folder."""
    return path.resolve().relative_to((config.root / config.docs_dir).resolve()).as_posix()


def asset_page(config: HubConfig, asset: Asset) -> str:
    """The page of an asset: where its file sits in the docs folder."""
    return docs_path(config, asset.source.path)


def entry_page(config: HubConfig, entry: Any) -> str:
    """The page of any entry: its kind's generated page, or where its file sits in docs."""
    kind = kinds.get(entry.source.kind)
    return kind.page(entry.id) if kind.site_folder else docs_path(config, entry.source.path)


def link(from_page: str, to_page: str, fragment: str | None = None) -> str:
    """A relative link from one docs-relative page to another (optionally to an anchor)."""
    target = _relative(to_page, posixpath.dirname(from_page))
    url = quote(target, safe="/.-_~")
    return f"{url}#{quote(fragment, safe='-_')}" if fragment else url


def _relative(to_page: str, start: str) -> str:
    """``posixpath.relpath(to_page, start)``, without its system calls for plain paths.

    Persona and catalog pages hold thousands of links: relpath asks for the working
    directory each time. Paths with empty, ``.`` or ``..`` parts still go through it.
    """
    to_parts = to_page.split("/")
    start_parts = start.split("/") if start else []
    if any(part in ("", ".", "..") for part in to_parts) or any(
        part in ("", ".", "..") for part in start_parts
    ):
        return posixpath.relpath(to_page, start or ".")
    common = 0
    for ours, theirs in zip(start_parts, to_parts, strict=False):
        if ours != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + to_parts[common:]) or "."


_ANCHOR_SAFE = re.compile(r"[A-Za-z0-9_-]+")


def anchor(prefix: str, identifier: str) -> str:
    """An element id for ``identifier``: letters, digits, ``-`` and ``_`` only.

    Ids land in attribute lists (``{: #id }``) and URLs, where a space, quote or brace
    would add attributes of its own; any other id keeps its ASCII letters and gets a short
    hash of the whole, so distinct ids stay distinct anchors.
    """
    head = f"{prefix}-" if prefix else ""
    if _ANCHOR_SAFE.fullmatch(identifier):
        return head + identifier
    kept = "-".join(_ANCHOR_SAFE.findall(identifier.encode("ascii", "ignore").decode()))
    digest = hashlib.sha1(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{head}{kept[:40]}-{digest}" if kept else f"{head}{digest}"


def stage_anchor(stage: str) -> str:
    """The anchor of a journey stage's section on persona and catalog pages."""
    return anchor("stage", stage)


def label(identifier: str) -> str:
    """A readable label for an id: ``case-study`` becomes ``Case study``."""
    words = identifier.replace("_", "-").split("-")
    text = " ".join(word for word in words if word)
    return text[:1].upper() + text[1:]
