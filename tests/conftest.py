"""Shared fixtures: small hubs written to a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

BASE_OPTIONS: dict[str, Any] = {
    "teams": ["sales", "marketing"],
    "journey": ["awareness", "consideration", "decision", "onboarding", "expansion"],
    "asset_types": ["battlecard", "case-study", "email-template", "one-pager", "talk-track"],
    "required_approvals": ["sales", "marketing"],
    "acronyms": {"allow": ["CEO", "PDF"]},
}


def write_hub(
    root: Path, files: dict[str, str | bytes], options: dict[str, Any] | None = None
) -> Path:
    """Write a hub: ``mkdocs.yml`` with the smarthub options, then each file verbatim."""
    root.mkdir(parents=True, exist_ok=True)
    if "mkdocs.yml" not in files:
        config = {
            "site_name": "Test hub",
            "docs_dir": "content",
            "theme": {"name": "material", "font": False},
            "plugins": ["search", {"smarthub": {**BASE_OPTIONS, **(options or {})}}],
        }
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    (root / "content").mkdir(exist_ok=True)
    return root


def entry(front_matter: str, body: str = "") -> str:
    """A Markdown file from dedented front matter and body."""
    return f"---\n{textwrap.dedent(front_matter).strip()}\n---\n{textwrap.dedent(body)}"


@pytest.fixture
def hub(tmp_path: Path) -> Callable[..., Path]:
    """``hub(files={...}, options={...})`` writes a small hub and returns its root."""

    def make(
        files: dict[str, str | bytes] | None = None, options: dict[str, Any] | None = None
    ) -> Path:
        return write_hub(tmp_path / "hub", files or {}, options)

    return make
