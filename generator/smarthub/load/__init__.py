"""Loading a hub: discover files, decode them, split front matter, parse Markdown, build the model."""

from __future__ import annotations

from smarthub.load.hub import load_hub

__all__ = ["load_hub"]
