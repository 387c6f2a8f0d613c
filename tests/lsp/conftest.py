"""A small hub shared by the language-server tests, and clients connected to ``smarthub lsp``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.conftest import entry, write_hub

TODAY = "2026-11-23"
SERVER = [sys.executable, "-m", "smarthub", "lsp", "--today", TODAY]

GLOSSARY = {
    "glossary/email.md": entry(
        """
        term: email
        avoid:
          - text: e-mail
            reason: one word, no hyphen
        owner: marketing
        approved_by: [sales, marketing]
        """,
        "A message sent to an inbox.\n",
    ),
    "glossary/marketing-qualified-lead.md": entry(
        """
        term: Marketing Qualified Lead
        abbreviation: MQL
        aliases: [marketing-qualified lead]
        avoid: [hot lead, warm lead]
        owner: marketing
        approved_by: [sales, marketing]
        related: [hubspot]
        """,
        "A lead that marketing has scored as ready for sales to contact.\n",
    ),
    "glossary/hubspot.md": entry(
        """
        term: HubSpot
        casing: exact
        owner: marketing
        approved_by:
          - sales
          - marketing
        """,
        "The CRM our marketing team runs campaigns in.\n",
    ),
    "glossary/prospect.md": entry(
        """
        term: prospect
        status: deprecated
        replaced_by: marketing-qualified-lead
        owner: sales
        approved_by: [sales, marketing]
        """,
        "Anyone we might sell to.\n",
    ),
}
PERSONAS = {
    "personas/cfo.md": entry(
        "name: Dana, the CFO\nrole: Chief Financial Officer\nowner: marketing\ngoals: [A faster close]",
        "Dana signs the contract.\n",
    ),
    "personas/controller.md": entry(
        "name: Rachel, the controller\nrole: Corporate Controller\nowner: marketing",
        "Rachel runs the close.\n",
    ),
}


def asset(body: str, extra: str = "") -> str:
    """An asset file with valid front matter (plus the ``extra`` lines) and ``body``."""
    lines = [
        "title: Follow-up",
        "type: email-template",
        "owner: marketing",
        "status: draft",
        "reviewed: 2026-10-05",
    ]
    if extra:
        lines.append(extra)
    return "---\n" + "\n".join(lines) + "\n---\n" + body


@pytest.fixture(scope="module")
def lsp_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub on disk; tests open documents under ``content/`` with their own text."""
    root = tmp_path_factory.mktemp("lsp") / "hub"
    return write_hub(
        root, {**GLOSSARY, **PERSONAS, "content/emails/follow-up.md": asset("Hello.\n")}
    )


async def _session(client: LanguageClient, capabilities: types.ClientCapabilities, root: Path):
    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams) -> None:
        client.registrations = params.registrations  # the file watchers the server asked for

    client.initialize_result = await client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=root.as_uri())
    )


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, lsp_hub: Path):
    """A client like VS Code's (UTF-16 positions), connected to ``smarthub lsp``."""
    await _session(lsp_client, client_capabilities("visual-studio-code"), lsp_hub)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def utf8_client(lsp_client: LanguageClient, lsp_hub: Path):
    """A client that offers UTF-8 positions first, as Neovim does."""
    capabilities = client_capabilities("neovim")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]
    )
    await _session(lsp_client, capabilities, lsp_hub)
    yield
    await lsp_client.shutdown_session()
