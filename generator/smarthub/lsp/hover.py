"""What hovering shows: a glossary term's entry, or who an id in front matter names."""

from __future__ import annotations

from pathlib import Path

from smarthub import kinds
from smarthub.load.schema import schema
from smarthub.matcher import Form
from smarthub.model import Hub, Persona, Term

_STATUS = {
    "approved": "approved",
    "proposed": "proposed (not agreed yet)",
    "deprecated": "deprecated",
}


def term_markdown(hub: Hub, term: Term, form: Form | None = None) -> str:
    """The entry of a term as Markdown: the form hovered, definition, status, owner, link."""
    lines: list[str] = []
    if form is not None and form.kind == "avoid":
        why = f" ({form.reason})" if form.reason else ""
        lines.append(f"**Avoid '{form.text}'**{why}: write **{term.term}**.\n")
    heading = f"**{term.term}**"
    if term.abbreviation:
        heading += f" ({term.abbreviation})"
    lines.append(f"{heading} · {_STATUS.get(term.status, term.status)}")
    if term.status == "deprecated" and term.replaced_by:
        replacement = hub.terms.get(term.replaced_by)
        name = replacement.term if replacement else term.replaced_by
        lines.append(f"\nDeprecated: use **{name}** instead.")
    lines.append(f"\n{term.definition or '(no definition yet)'}")
    if term.aliases:
        lines.append(f"\nAlso written: {', '.join(term.aliases)}")
    if term.avoid:
        lines.append(f"\nDon't say: {', '.join(avoid.text for avoid in term.avoid)}")
    signed = ", ".join(term.approved_by) if term.approved_by else "nobody yet"
    lines.append(f"\nOwner: {term.owner} · signed off by {signed}")
    lines.append(f"\n[{_rel(term.source.path, hub)}]({term.source.path.as_uri()})")
    return "\n".join(lines)


def persona_markdown(hub: Hub, persona: Persona) -> str:
    """Who a persona is: name, role, segment, goals and pains, and a link to the file."""
    lines = [f"**{persona.name}** · {persona.role}"]
    if persona.segment:
        lines.append(f"\nSegment: {persona.segment}")
    for label, items in (("Goals", persona.goals), ("Pains", persona.pains)):
        if items:
            lines.append(f"\n{label}:\n" + "\n".join(f"- {item}" for item in items))
    lines.append(f"\nOwner: {persona.owner}")
    lines.append(f"\n[{_rel(persona.source.path, hub)}]({persona.source.path.as_uri()})")
    return "\n".join(lines)


def id_markdown(hub: Hub, key: str, word: str) -> str | None:
    """Hover text for an id written as the value of a front-matter key, if it names something."""
    config = hub.config
    names = {
        field.refers_to
        for kind in kinds.all_kinds()
        for field in schema(kind)
        if field.name == key and field.refers_to
    }
    if kinds.PERSONA.name in names and word in hub.personas:
        return persona_markdown(hub, hub.personas[word])
    if "stage" in names and word in config.journey:
        place = config.journey.index(word) + 1
        text = f"**{word}** · journey stage {place} of {len(config.journey)}: {' → '.join(config.journey)}"
        term = hub.terms.get(word)
        return text + (f"\n\n{term.definition}" if term and term.definition else "")
    if kinds.TERM.name in names and word in hub.terms:
        return term_markdown(hub, hub.terms[word])
    if "team" in names and word in config.teams:
        return f"**{word}** · a team of this hub ({', '.join(config.teams)})"
    if "asset type" in names and word in config.asset_types:
        return f"**{word}** · an asset type of this hub ({', '.join(config.asset_types)})"
    return None


def _rel(path: Path, hub: Hub) -> str:
    try:
        return path.relative_to(hub.config.root).as_posix()
    except ValueError:
        return path.name
