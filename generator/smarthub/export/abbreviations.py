"""The glossary's abbreviations as Python-Markdown ``abbr`` definitions, for an MkDocs snippet.

Each line reads ``*[MQL]: Marketing-qualified lead — first sentence of the definition``.
Appended to every page (for example with ``pymdownx.snippets``' ``auto_append``), it gives
each abbreviation a tooltip. The title is escaped for Material's ``content.tooltips``, which
shows it as HTML (see ``smarthub.site.linking.title_attribute``). Deprecated terms are left out: nobody should need their
tooltip in new content.

Python-Markdown reads the abbreviation up to the first ``]`` that is followed by ``:``
and refuses any backslash in it, so a ``]`` needs no escaping (a backslash would break the
line); an abbreviation with a backslash or ``]:`` cannot be written and is skipped with a
warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from smarthub.model import Term
from smarthub.site.linking import title_attribute

SHORT_DEFINITION = 160
_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(?=\s|$)")
_UNWRITABLE = re.compile(r"\\|\] ?:|[\r\n]")


def short_definition(definition: str, limit: int = SHORT_DEFINITION) -> str:
    """The first sentence of a definition, cut at a word before ``limit`` characters."""
    text = " ".join(definition.split())
    found = _FIRST_SENTENCE.match(text)
    sentence = found.group(1) if found else text
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence


def abbreviation_line(abbreviation: str, term: Term) -> str:
    """``*[ABBR]: Term — short definition`` (without the definition when there is none)."""
    title = term.term
    definition = short_definition(term.definition)
    if definition:
        title += f" — {definition}"
    return f"*[{abbreviation}]: {title_attribute(title)}"


def render_abbreviations(terms: Iterable[Term]) -> tuple[str, list[str]]:
    """The snippet text, sorted by abbreviation, and a warning per abbreviation left out.

    When two terms share an abbreviation (a GLOS001 error), the first by id is kept.
    """
    lines: dict[str, str] = {}
    warnings: list[str] = []
    for term in sorted(terms, key=lambda term: term.id):
        abbreviation = (term.abbreviation or "").strip()
        if not abbreviation or term.status == "deprecated":
            continue
        if _UNWRITABLE.search(abbreviation):
            warnings.append(
                f"{term.source.rel}: abbreviation {abbreviation!r} cannot be written as a "
                "Markdown abbreviation (it holds a backslash or ']:'): left out"
            )
            continue
        lines.setdefault(abbreviation, abbreviation_line(abbreviation, term))
    ordered = sorted(lines, key=lambda abbreviation: (abbreviation.casefold(), abbreviation))
    return "".join(f"{lines[abbreviation]}\n" for abbreviation in ordered), warnings
