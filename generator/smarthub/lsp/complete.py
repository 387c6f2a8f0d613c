"""Completion: this hub's ids in front matter, and glossary forms in prose."""

from __future__ import annotations

from lsprotocol import types

from smarthub import kinds
from smarthub.load.schema import schema
from smarthub.lsp.document import Document
from smarthub.lsp.hover import persona_markdown, term_markdown
from smarthub.model.contract import Field

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
    field = _field(kinds.get(document.checked.source.kind), key)
    refers_to = field.refers_to if field is not None else None
    choices: list[tuple[str, str, str | None]] = []  # id, detail, documentation
    if refers_to == kinds.PERSONA.name:
        choices = [
            (id_, persona.name, persona_markdown(hub, persona))
            for id_, persona in sorted(hub.personas.items())
        ]
    elif refers_to == "stage":
        choices = [
            (stage, f"journey stage {place}", None) for place, stage in enumerate(config.journey, 1)
        ]
    elif refers_to == "asset type":
        choices = [(name, "asset type", None) for name in config.asset_types]
    elif refers_to == "team":
        choices = [(team, "team", None) for team in config.teams]
    elif refers_to == kinds.TERM.name:
        choices = [
            (id_, term.term, term_markdown(hub, term))
            for id_, term in sorted(hub.terms.items())
            if id_ != document.checked.source.id
        ]
    elif refers_to in hub.entries:  # a kind added to the table
        row = kinds.get(refers_to)
        choices = [
            (id_, row.title(entry), None)
            for id_, entry in sorted(hub.entries_of(refers_to).items())
        ]
    elif field is not None and field.choices:
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


def _field(kind: kinds.Kind, key: str) -> Field | None:
    """The key's field in the kind's front matter; in a section page, which takes any key,
    a key naming ids in another kind (``personas``, ``owner``...)."""
    own = next((field for field in schema(kind) if field.name == key), None)
    if own is not None or not kind.open_front_matter:
        return own
    return next(
        (
            field
            for other in kinds.all_kinds()
            for field in schema(other)
            if field.name == key and field.refers_to
        ),
        None,
    )


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
