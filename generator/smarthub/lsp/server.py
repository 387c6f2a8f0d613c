"""The language server: wires LSP messages to the hub snapshot and the document lookups."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from smarthub import __version__, kinds
from smarthub.buffer import HubSnapshot, kind_of
from smarthub.config import ConfigError
from smarthub.lsp.actions import FIX_ALL, code_actions, diagnostic
from smarthub.lsp.complete import completions
from smarthub.lsp.document import Document
from smarthub.lsp.hover import id_markdown, term_markdown

DEBOUNCE_SECONDS = 0.25  # quiet time after a keystroke before the document is checked again
CONFIG_NAME = "mkdocs.yml"


class SmarthubServer(LanguageServer):
    """A language server over one or more hubs, found from each document's folder."""

    def __init__(self, config_file: Path | None = None, today: dt.date | None = None) -> None:
        super().__init__("smarthub", __version__)
        self.config_file = config_file.absolute() if config_file else None
        self.today = today
        self.snapshots: dict[Path, HubSnapshot] = {}
        self.documents: dict[str, Document] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.reported_config_errors: set[tuple[str, ...]] = set()

    # -- the hub and the documents --------------------------------------------------------

    def snapshot_for(self, path: Path) -> HubSnapshot | None:
        """The hub a file belongs to (its nearest mkdocs.yml), loaded once and kept fresh."""
        config_file = self.config_file or _find_config(path.parent)
        if config_file is None:
            return None
        snapshot = self.snapshots.get(config_file)
        try:
            if snapshot is None:
                snapshot = self.snapshots[config_file] = HubSnapshot(config_file)
            elif snapshot.refresh():
                self.documents.clear()
                self._publish_all_soon()
        except ConfigError as error:
            self.snapshots.pop(config_file, None)
            self._show_config_error(error)
            return None
        return snapshot

    def document(self, uri: str) -> Document | None:
        """The open document checked in its current text (checked now if it changed)."""
        text_document = self.workspace.get_text_document(uri)
        fs_path = to_fs_path(uri)
        if fs_path is None:
            return None
        path = Path(os.path.realpath(fs_path))
        snapshot = self.snapshot_for(path)
        if snapshot is None:
            return None
        cached = self.documents.get(uri)
        text = text_document.source
        if cached is not None and cached.buffer == text and cached.snapshot is snapshot:
            return cached
        root = snapshot.config.root
        if not path.is_relative_to(root):
            return None
        rel = path.relative_to(root).as_posix()
        if kind_of(snapshot.config, rel) is None:
            return None
        checked = snapshot.check(rel, text, today=self.today)
        if checked is None:
            return None
        document = Document(
            uri=uri,
            path=path,
            rel=rel,
            buffer=text,
            snapshot=snapshot,
            checked=checked,
            encoding=self.workspace.position_encoding or types.PositionEncodingKind.Utf16,
            today=self.today,
        )
        self.documents[uri] = document
        return document

    def publish(self, uri: str) -> None:
        """Check a document now and send its diagnostics."""
        self.pending.pop(uri, None)
        document = self.document(uri)
        diagnostics = (
            [diagnostic(document, finding) for finding in document.checked.findings]
            if document
            else []
        )
        version = self.workspace.get_text_document(uri).version
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def publish_later(self, uri: str) -> None:
        """Check a document once typing pauses for DEBOUNCE_SECONDS."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE_SECONDS, self.publish, uri)

    def _publish_all_soon(self) -> None:
        # The hub changed under every open document: check them again once this request
        # is answered (scheduled, so a hover is not held up by the other files).
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for uri in list(self.workspace.text_documents):
            loop.call_soon(self.publish, uri)

    def hub_files_changed(self) -> None:
        """Reload every hub from disk and check the open documents again."""
        for snapshot in list(self.snapshots.values()):
            try:
                snapshot.refresh(force=True)
            except ConfigError as error:
                self.snapshots = {
                    key: value for key, value in self.snapshots.items() if value is not snapshot
                }
                self._show_config_error(error)
        self.documents.clear()
        for uri in list(self.workspace.text_documents):
            self.publish(uri)

    def _show_config_error(self, error: ConfigError) -> None:
        key = tuple(error.messages)
        if key in self.reported_config_errors:
            return
        self.reported_config_errors.add(key)
        self.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Error,
                message="smarthub: " + "; ".join(error.messages),
            )
        )


def _find_config(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
    return None


def _shared(server: SmarthubServer, path: Path) -> bool:
    """Whether a saved file can change other files' findings (glossary, personas, config)."""
    for snapshot in server.snapshots.values():
        config = snapshot.config
        if path == snapshot.config_file:
            return True
        for kind in kinds.all_kinds():
            if not kind.in_docs and path.is_relative_to(config.root / kind.folder(config)):
                return True
    return False


def create_server(config_file: Path | None = None, today: dt.date | None = None) -> SmarthubServer:
    """The smarthub language server with every feature registered."""
    server = SmarthubServer(config_file, today)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SmarthubServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SmarthubServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.publish_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SmarthubServer, params: types.DidSaveTextDocumentParams) -> None:
        fs_path = to_fs_path(params.text_document.uri)
        if fs_path and _shared(ls, Path(os.path.realpath(fs_path))):
            ls.hub_files_changed()
        else:
            ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SmarthubServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.documents.pop(uri, None)
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: SmarthubServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        # Content files change nothing for other files; a checkout touching hundreds of
        # them must not reload the hub hundreds of times.
        paths = [to_fs_path(change.uri) for change in params.changes]
        if any(path and _shared(ls, Path(os.path.realpath(path))) for path in paths):
            ls.hub_files_changed()

    @server.feature(types.INITIALIZED)
    def initialized(ls: SmarthubServer, params: types.InitializedParams) -> None:
        watching = ls.client_capabilities.workspace
        dynamic = (
            watching is not None
            and watching.did_change_watched_files is not None
            and watching.did_change_watched_files.dynamic_registration
        )
        if dynamic:
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="smarthub-hub-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[
                                    types.FileSystemWatcher(glob_pattern="**/*.md"),
                                    types.FileSystemWatcher(glob_pattern=f"**/{CONFIG_NAME}"),
                                ]
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: SmarthubServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.document(params.text_document.uri)
        if document is None:
            return None
        offset = document.lines.offset(params.position)
        hub = document.checked.hub
        key_value = document.key_value_at(offset)
        text = None
        if key_value is not None and key_value.word:
            text = id_markdown(hub, key_value.key, key_value.word)
            start, end = key_value.start, key_value.end
        span = document.term_at(offset) if text is None else None
        if span is not None and span.occurrence.form.term_id in hub.terms:
            term = hub.terms[span.occurrence.form.term_id]
            text = term_markdown(hub, term, span.occurrence.form)
            start, end = span.start, span.end
        if text is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=document.lines.range(start, end),
        )

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: SmarthubServer, params: types.DefinitionParams) -> types.Location | None:
        document = ls.document(params.text_document.uri)
        if document is None:
            return None
        offset = document.lines.offset(params.position)
        hub = document.checked.hub
        key_value = document.key_value_at(offset)
        target = None
        if key_value is not None:
            if key_value.key == "personas":
                target = hub.personas.get(key_value.word)
            elif key_value.key in ("related", "replaced_by", "stages"):
                target = hub.terms.get(key_value.word)
        span = document.term_at(offset) if target is None else None
        if span is not None:
            target = hub.terms.get(span.occurrence.form.term_id)
        if target is None:
            return None
        start = types.Position(line=0, character=0)
        return types.Location(
            uri=target.source.path.as_uri(), range=types.Range(start=start, end=start)
        )

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["[", ",", " ", "-"]),
    )
    def completion(ls: SmarthubServer, params: types.CompletionParams) -> types.CompletionList:
        document = ls.document(params.text_document.uri)
        items = completions(document, document.lines.offset(params.position)) if document else []
        return types.CompletionList(is_incomplete=True, items=items)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL],
            resolve_provider=False,
        ),
    )
    def code_action(
        ls: SmarthubServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        document = ls.document(params.text_document.uri)
        if document is None:
            return None
        actions = code_actions(document, params.range)
        only = params.context.only
        if only:
            actions = [
                action
                for action in actions
                if any(str(action.kind).startswith(str(kind)) for kind in only)
            ]
        return actions

    return server


def serve(config_file: Path | None = None, today: dt.date | None = None) -> None:
    """Run the language server over standard input and output until the client exits."""
    create_server(config_file, today).start_io()
