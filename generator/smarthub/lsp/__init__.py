"""``smarthub lsp``: the glossary in the editor, as a Language Server over stdio."""

from __future__ import annotations

from smarthub.lsp.server import create_server, serve

__all__ = ["create_server", "serve"]
