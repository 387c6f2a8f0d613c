"""Completion: this hub's ids in front matter, and glossary forms in prose."""

from __future__ import annotations

from lsprotocol import types

from smarthub import kinds
from smarthub.load.schema import schema
from smarthub.lsp.document import Document
from smarthub.lsp.hover import TEAM_KEYS, TERM_KEYS, persona_markdown, term_markdown

MIN_PREFIX = 3  # letters typed before glossary forms are offered in prose


def completions(document: Document, offset: int) -> list[types.CompletionItem]:
    """What may be written at ``offset``: ids for a front-matter key, or glossary forms."""
    key_value = document.key_value_at(offset)
    if key_value is not None:
        typed = document.text[key_value.start : offset]
        replace = document.lines.range(key_value.start, key_value.end)
        return [
            item
            for item in _id_items(document, key_value.key, replace)
            if item.label.startswith(typed)
        ]
    if not document.in_body(offset):
        return []
    start, typed = document.word_before(offset)
    if len(typed) < MIN_PREFIX:
        return []
    return _form_items(document, typed.casefold(), document.lines.range(start, offset))


def _id_items(document: Document, key: str, replace: types.Range) -> list[types.CompletionItem]:
    hub = document.checked.hub
    config = hub.config
    kind = document.checked.source.kind
    choices: list[tuple[str, str, str | None]] = []  # id, detail, documentation
    if key == "personas":
        choices = [
            (id_, persona.name, persona_markdown(hub, persona))
            for id_, persona in sorted(hub.personas.items())
        ]
    elif key == "stages":
        choices = [
            (stage, f"journey stage {place}", None) for place, stage in enumerate(config.journey, 1)
        ]
    elif key == "type" and kind == "asset":
        choices = [(name, "asset type", None) for name in config.asset_types]
    elif key in TEAM_KEYS:
        choices = [(team, "team", None) for team in config.teams]
    elif key in TERM_KEYS:
        choices = [
            (id_, term.term, term_markdown(hub, term))
            for id_, term in sorted(hub.terms.items())
            if id_ != document.checked.source.id
        ]
    else:
        field = next((field for field in schema(kinds.get(kind)) if field.name == key), None)
        if field is not None and field.choices:
            choices = [(choice, key, None) for choice in field.choices]
    return [
        types.CompletionItem(
            label=id_,
            kind=types.CompletionItemKind.EnumMember,
            detail=detail,
            documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=doc)
            if doc
            else None,
            text_edit=types.TextEdit(range=replace, new_text=id_),
        )
        for id_, detail, doc in choices
    ]


def _form_items(document: Document, typed: str, replace: types.Range) -> list[types.CompletionItem]:
    hub = document.checked.hub
    items: list[types.CompletionItem] = []
    for term in sorted(hub.terms.values(), key=lambda term: term.term.casefold()):
        if term.status == "deprecated":
            continue
        forms = [*term.accepted_forms, *([term.abbreviation] if term.abbreviation else [])]
        for form in dict.fromkeys(forms):
            if form.casefold().startswith(typed) and form.casefold() != typed:
                items.append(
                    types.CompletionItem(
                        label=form,
                        kind=types.CompletionItemKind.Text,
                        detail=term.term if form != term.term else "glossary term",
                        documentation=types.MarkupContent(
                            kind=types.MarkupKind.Markdown, value=term_markdown(hub, term)
                        ),
                        text_edit=types.TextEdit(range=replace, new_text=form),
                    )
                )
    return items
