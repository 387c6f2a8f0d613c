"""``smarthub lsp`` end to end: a real client talks to the server over stdio."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.conftest import TODAY, asset

pytestmark = pytest.mark.asyncio(loop_scope="module")

_versions: dict[str, int] = {}


async def diagnostics_after(
    client: LanguageClient, uri: str, version: int
) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for ``uri`` at ``version``."""
    while True:
        params = await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 10
        )
        if params.uri == uri and params.version == version:
            return list(params.diagnostics)


async def open_document(client: LanguageClient, path: Path, text: str) -> list[types.Diagnostic]:
    """Open ``path`` in the editor with ``text`` (not saved) and wait for its diagnostics."""
    uri = path.as_uri()
    version = _versions[uri] = _versions.get(uri, 0) + 1
    if version == 1:
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="markdown", version=version, text=text
                )
            )
        )
    else:
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    return await diagnostics_after(client, uri, version)


def summary(diagnostics: list[types.Diagnostic]) -> list[tuple[int, int, int, int, str]]:
    """Each diagnostic as (line, character, end line, end character, code), 0-based."""
    return [
        (
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            str(d.code),
        )
        for d in diagnostics
    ]


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions, ranges of the original text) as an editor does."""
    starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]

    def offset(position: types.Position) -> int:
        line_start = starts[position.line]
        units = 0
        index = line_start
        while units < position.character:
            units += 2 if ord(text[index]) > 0xFFFF else 1
            index += 1
        return index

    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def smarthub(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smarthub", *args, "--today", TODAY],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


PROSE = (
    "Send the e-mail to every hot lead today.\n\n- Log the Hubspot task and tell the prospect.\n"
)


async def test_diagnostics_are_those_of_smarthub_check(
    client: LanguageClient, lsp_hub: Path
) -> None:
    text = asset(PROSE)
    path = lsp_hub / "content" / "emails" / "same-as-check.md"
    diagnostics = await open_document(client, path, text)  # the buffer, never saved
    assert summary(diagnostics) == [
        (7, 9, 7, 15, "TERM001"),
        (7, 25, 7, 33, "TERM001"),
        (9, 10, 9, 17, "TERM003"),
        (9, 36, 9, 44, "TERM002"),
    ]
    assert (
        diagnostics[0].message
        == "'e-mail' is not our language (one word, no hyphen): use 'email' [term.avoided]"
    )
    assert diagnostics[0].severity == types.DiagnosticSeverity.Error
    assert diagnostics[3].severity == types.DiagnosticSeverity.Warning
    assert {d.source for d in diagnostics} == {"smarthub"}

    path.write_text(text, encoding="utf-8")
    try:
        done = smarthub(lsp_hub, "check", "--format", "json", str(path))
    finally:
        path.unlink()
    found = json.loads(done.stdout)["findings"]
    assert [
        (f["line"] - 1, f["column"] - 1, f["end_line"] - 1, f["end_column"] - 1, f["code"])
        for f in found
    ] == summary(diagnostics)


async def test_diagnostics_follow_typing(client: LanguageClient, lsp_hub: Path) -> None:
    path = lsp_hub / "content" / "emails" / "typed.md"
    assert await open_document(client, path, asset("Hello.\n")) == []
    typed = await open_document(client, path, asset("Hello, send the e-mail.\n"))
    assert summary(typed) == [(7, 16, 7, 22, "TERM001")]
    assert await open_document(client, path, asset("Hello, send the email.\n")) == []


async def test_fix_all_gives_the_text_of_check_fix(client: LanguageClient, lsp_hub: Path) -> None:
    text = asset(PROSE)
    path = lsp_hub / "content" / "emails" / "fix-all.md"
    diagnostics = await open_document(client, path, text)
    whole = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=99, character=0)
    )
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=whole,
            context=types.CodeActionContext(diagnostics=diagnostics),
        )
    )
    fix_all = [action for action in actions if action.kind == "source.fixAll.smarthub"]
    assert [action.title for action in fix_all] == ["Fix all smarthub findings with a safe fix (4)"]
    fixed_here = apply_edits(text, fix_all[0].edit.changes[path.as_uri()])

    path.write_text(text, encoding="utf-8")
    try:
        smarthub(lsp_hub, "check", "--fix", str(path))
        fixed_by_cli = path.read_text(encoding="utf-8")
    finally:
        path.unlink()
    assert fixed_here == fixed_by_cli
    assert "Send the email to every Marketing Qualified Lead today." in fixed_here


async def test_quick_fix_of_one_finding(client: LanguageClient, lsp_hub: Path) -> None:
    text = asset("Send the e-mail.\n")
    path = lsp_hub / "content" / "emails" / "one-fix.md"
    (diagnostic,) = await open_document(client, path, text)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    titles = [action.title for action in actions]
    assert titles == [
        "Replace 'e-mail' with 'email' (TERM001)",
        "Accept 'e-mail' as an alias of 'email' (edits glossary/email.md)",
        "Suppress TERM001 on this line",
        "Fix all smarthub findings with a safe fix (1)",
    ]
    replace = actions[0]
    assert replace.kind == types.CodeActionKind.QuickFix and replace.is_preferred
    fixed = apply_edits(text, replace.edit.changes[path.as_uri()])
    assert fixed == asset("Send the email.\n")

    suppressed = apply_edits(text, actions[2].edit.changes[path.as_uri()])
    assert suppressed == asset("<!-- smarthub-disable-next-line TERM001 -->\nSend the e-mail.\n")
    assert await open_document(client, path, suppressed) == []  # and no LINT001 either


async def test_accept_as_alias_edits_the_glossary_entry(
    client: LanguageClient, lsp_hub: Path
) -> None:
    path = lsp_hub / "content" / "emails" / "alias.md"
    diagnostics = await open_document(client, path, asset("Call every hot lead and Hubspot.\n"))
    entries = {}
    for diagnostic in diagnostics:
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic]),
            )
        )
        (alias,) = [action for action in actions if action.title.startswith("Accept")]
        ((uri, edits),) = alias.edit.changes.items()
        entry = Path(uri.removeprefix("file://"))
        entries[entry.name] = apply_edits(entry.read_text(encoding="utf-8"), edits)
    mql = yaml.safe_load(entries["marketing-qualified-lead.md"].split("---")[1])
    assert mql["aliases"] == ["marketing-qualified lead", "hot lead"]
    assert mql["avoid"] == ["warm lead"]
    hubspot = entries["hubspot.md"]
    assert "term: HubSpot\naliases: [Hubspot]\ncasing: exact\n" in hubspot


async def test_hover_shows_the_entry(client: LanguageClient, lsp_hub: Path) -> None:
    path = lsp_hub / "content" / "emails" / "hover.md"
    await open_document(
        client,
        path,
        asset(
            "Each MQL, or Marketing Qualified Lead, is a hot lead; ask the prospect.\n",
            "personas: [cfo]",
        ).replace("title: Follow-up", "title: Prospect follow-up"),
    )

    async def hover(line: int, character: int) -> str | None:
        found = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                position=types.Position(line=line, character=character),
            )
        )
        return found.contents.value if found else None

    definition = "A lead that marketing has scored as ready for sales to contact."
    abbreviation = await hover(8, 6)
    assert abbreviation.startswith("**Marketing Qualified Lead** (MQL) · approved\n")
    assert definition in abbreviation
    assert "Owner: marketing · signed off by sales, marketing" in abbreviation
    assert "(file://" in abbreviation and "glossary/marketing-qualified-lead.md" in abbreviation
    assert definition in await hover(8, 20)  # the term itself
    avoided = await hover(8, 44)
    assert avoided.startswith("**Avoid 'hot lead'**: write **Marketing Qualified Lead**.")
    assert definition in avoided
    deprecated = await hover(8, 65)
    assert "Deprecated: use **Marketing Qualified Lead** instead." in deprecated
    assert "Anyone we might sell to." in deprecated
    assert (await hover(6, 13)).startswith("**Dana, the CFO** · Chief Financial Officer")
    assert await hover(6, 3) is None  # on the key, not its value
    assert "Anyone we might sell to." in await hover(1, 9)  # a form in the title
    assert await hover(8, 1) is None  # "Each" is no term


async def test_go_to_definition_opens_the_glossary_file(
    client: LanguageClient, lsp_hub: Path
) -> None:
    path = lsp_hub / "content" / "emails" / "definition.md"
    await open_document(client, path, asset("Each MQL counts.\n"))
    location = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=7, character=6),
        )
    )
    assert location.uri == (lsp_hub / "glossary" / "marketing-qualified-lead.md").resolve().as_uri()


async def complete(client: LanguageClient, path: Path, line: int, character: int) -> list[str]:
    found = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=character),
        )
    )
    return [item.label for item in found.items]


async def test_completion_of_persona_ids_in_front_matter(
    client: LanguageClient, lsp_hub: Path
) -> None:
    path = lsp_hub / "content" / "emails" / "complete.md"
    await open_document(client, path, asset("Body.\n", "personas: [c"))
    assert await complete(client, path, 6, 12) == ["cfo", "controller"]
    await open_document(client, path, asset("Body.\n", "personas: [cfo, co"))
    assert await complete(client, path, 6, 18) == ["controller"]
    await open_document(client, path, asset("Body.\n", "owner: "))
    assert await complete(client, path, 6, 7) == ["sales", "marketing"]
    await open_document(client, path, asset("Body.\n", "stages:\n  - d"))
    assert await complete(client, path, 7, 5) == ["decision"]


async def test_completion_of_glossary_forms_in_prose(client: LanguageClient, lsp_hub: Path) -> None:
    path = lsp_hub / "content" / "emails" / "complete-prose.md"
    await open_document(client, path, asset("Call the mark\n"))
    assert await complete(client, path, 7, 13) == [
        "Marketing Qualified Lead",
        "marketing-qualified lead",
    ]
    await open_document(client, path, asset("Call the ma\n"))
    assert await complete(client, path, 7, 11) == []  # fewer than three letters


async def test_positions_count_utf16_units_after_emoji_and_crlf(
    client: LanguageClient, lsp_hub: Path
) -> None:
    path = lsp_hub / "content" / "emails" / "emoji.md"
    text = (
        asset("🚀 Launch day! 👋🏽 Send the e-mail.\r\n")
        .replace("\n", "\r\n")
        .replace("\r\r", "\r")
    )
    diagnostics = await open_document(client, path, text)
    # 🚀, 👋 and 🏽 are two UTF-16 units each: 'e-mail' is character 26 but unit 29.
    assert summary(diagnostics) == [(7, 29, 7, 35, "TERM001")]
    fixed = apply_edits(text, [types.TextEdit(range=diagnostics[0].range, new_text="email")])
    assert "👋🏽 Send the email.\r\n" in fixed


async def test_utf8_positions_when_the_client_offers_them(
    utf8_client: LanguageClient, lsp_hub: Path
) -> None:
    assert (
        utf8_client.initialize_result.capabilities.position_encoding
        == types.PositionEncodingKind.Utf8
    )
    path = lsp_hub / "content" / "emails" / "emoji-utf8.md"
    text = (
        asset("🚀 Launch day! 👋🏽 Send the e-mail.\r\n")
        .replace("\n", "\r\n")
        .replace("\r\r", "\r")
    )
    diagnostics = await open_document(utf8_client, path, text)
    # Four bytes each for 🚀, 👋 and 🏽: 'e-mail' starts at byte 35.
    assert summary(diagnostics) == [(7, 35, 7, 41, "TERM001")]
    hover = await utf8_client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=7, character=36),
        )
    )
    assert hover.contents.value.startswith("**Avoid 'e-mail'**")
    assert hover.range.start.character == 35


async def test_a_glossary_change_on_disk_is_picked_up(
    client: LanguageClient, lsp_hub: Path
) -> None:
    path = lsp_hub / "content" / "emails" / "fax.md"
    assert await open_document(client, path, asset("Send a fax.\n")) == []
    entry = lsp_hub / "glossary" / "fax.md"
    entry.write_text(
        "---\nterm: fax\navoid: [telefax]\nowner: sales\napproved_by: [sales, marketing]\n---\nA scanned page.\n",
        encoding="utf-8",
    )
    try:
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=entry.as_uri(), type=types.FileChangeType.Created)]
            )
        )
        assert summary(await open_document(client, path, asset("Send a telefax.\n"))) == [
            (7, 7, 7, 14, "TERM001")
        ]
    finally:
        entry.unlink()


async def test_a_new_unsaved_glossary_entry_is_checked(
    client: LanguageClient, lsp_hub: Path
) -> None:
    path = lsp_hub / "glossary" / "sales-qualified-lead.md"  # not on disk
    diagnostics = await open_document(
        client, path, "---\nterm: Sales Qualified Lead\n---\nA lead.\n"
    )
    assert [(d.code, d.message) for d in diagnostics] == [
        (
            "META001",
            "required key 'owner' is missing: add 'owner: ...' to the front matter [meta.invalid]",
        )
    ]


async def test_a_broken_configuration_is_one_message_not_a_crash(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("broken")
    (root / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - smarthub:\n      teams: sales\n", encoding="utf-8"
    )
    (root / "content").mkdir()
    path = root / "content" / "page.md"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="markdown", version=1, text="Send the e-mail.\n"
            )
        )
    )
    for _ in range(200):  # the message and the (empty) diagnostics, in that order
        if path.as_uri() in client.diagnostics:
            break
        await asyncio.sleep(0.05)
    assert list(client.diagnostics[path.as_uri()]) == []
    (shown,) = client.messages
    assert shown.type == types.MessageType.Error
    assert shown.message == (
        "smarthub: mkdocs.yml:4: plugins.smarthub.teams: expected a list of ids, "
        "for example [sales, marketing]"
    )


async def test_a_glossary_change_is_seen_without_any_notice(
    client: LanguageClient, lsp_hub: Path
) -> None:
    """No file watcher, no save: the next request notices the new modification times."""
    waiting = lsp_hub / "content" / "emails" / "telex.md"
    assert await open_document(client, waiting, asset("Send a telex.\n")) == []
    entry = lsp_hub / "glossary" / "telegram.md"
    entry.write_text(
        "---\nterm: telegram\navoid: [telex]\nowner: sales\napproved_by: [sales, marketing]\n---\nA wire.\n",
        encoding="utf-8",
    )
    try:
        await asyncio.sleep(1.1)  # the server looks at the files at most once a second
        other = lsp_hub / "content" / "emails" / "other.md"
        await open_document(client, other, asset("Hello.\n"))
        # The open document is checked again without being touched (polled: its diagnostics
        # may arrive before or after the other document's).
        for _ in range(200):
            if client.diagnostics.get(waiting.as_uri()):
                break
            await asyncio.sleep(0.05)
        assert summary(client.diagnostics[waiting.as_uri()]) == [(7, 7, 7, 12, "TERM001")]
    finally:
        entry.unlink()


async def test_hover_on_a_stage_and_a_team_in_front_matter(
    client: LanguageClient, lsp_hub: Path
) -> None:
    path = lsp_hub / "content" / "emails" / "stages.md"
    await open_document(client, path, asset("Body.\n", "stages: [awareness, decision]"))

    async def hover(line: int, character: int) -> str | None:
        found = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                position=types.Position(line=line, character=character),
            )
        )
        return found.contents.value if found else None

    assert await hover(6, 23) == (
        "**decision** · journey stage 3 of 5: "
        "awareness → consideration → decision → onboarding → expansion"
    )
    assert (await hover(3, 9)).startswith("**marketing** · a team of this hub")
    assert (await hover(2, 9)).startswith("**email-template** · an asset type of this hub")
