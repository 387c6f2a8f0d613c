"""Where each entry lands in the site, as docs-relative Markdown paths, and links between them.

Generated pages and the glossary, persona and playbook files (which live outside the docs
folder) get fixed places. Links are written to the ``.md`` file, relative to the page that
links, so MkDocs resolves them for any ``use_directory_urls`` setting and validates them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import quote

from smarthub.config import HubConfig
from smarthub.model import Asset

HOME = "index.md"
GLOSSARY_INDEX = "glossary/index.md"
PERSONAS_INDEX = "personas/index.md"
PLAYBOOKS_INDEX = "playbooks/index.md"
JOURNEY = "journey/index.md"
CATALOG_BY_TYPE = "catalog/index.md"
CATALOG_BY_PERSONA = "catalog/by-persona.md"
CATALOG_BY_STAGE = "catalog/by-stage.md"
VOICE = "voice/index.md"  # the brand-voice rules, generated from the voice options
STYLESHEET = "assets/smarthub/smarthub.css"
SEARCH_SCRIPT = "assets/smarthub/search.js"  # the Pagefind search box (search: pagefind)


def term_page(term_id: str) -> str:
    """The page of a glossary entry."""
    return f"glossary/{term_id}.md"


def persona_page(persona_id: str) -> str:
    """The page of a persona."""
    return f"personas/{persona_id}.md"


def playbook_page(playbook_id: str) -> str:
    """The page of a playbook."""
    return f"playbooks/{playbook_id}.md"


def docs_path(config: HubConfig, path: Path) -> str:
    """The docs-relative path of a file under the docs folder."""
    return path.resolve().relative_to((config.root / config.docs_dir).resolve()).as_posix()


def asset_page(config: HubConfig, asset: Asset) -> str:
    """The page of an asset: where its file sits in the docs folder."""
    return docs_path(config, asset.source.path)


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link from one docs-relative page to another (optionally to an anchor)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    url = quote(target, safe="/.-_~")
    return f"{url}#{anchor}" if anchor else url


def stage_anchor(stage: str) -> str:
    """The anchor of a journey stage's section on persona and catalog pages."""
    return f"stage-{stage}"


def label(identifier: str) -> str:
    """A readable label for an id: ``case-study`` becomes ``Case study``."""
    words = identifier.replace("_", "-").split("-")
    text = " ".join(word for word in words if word)
    return text[:1].upper() + text[1:]
