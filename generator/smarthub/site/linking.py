"""The term-link policy shared by the Markdown extension and ``smarthub stage``.

On each page the first occurrence of each glossary term (any accepted form) links to the
term's page; every abbreviation gets a tooltip with its expansion and definition. A term's
own page does not link to itself, and avoided forms are never linked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from smarthub.matcher import Occurrence, TermMatcher
from smarthub.model import Term
from smarthub.site import paths

TOOLTIP_LENGTH = 240


def tooltip(term: Term) -> str:
    """The hover text for a term: its expansion and definition, shortened to one paragraph."""
    definition = " ".join(term.definition.split())
    if len(definition) > TOOLTIP_LENGTH:
        definition = definition[: TOOLTIP_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    if not definition:
        return term.term
    if definition.casefold().startswith(term.term.casefold()):
        return definition
    return f"{term.term}: {definition}"


_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def title_attribute(text: str) -> str:
    """``text`` as the value to give Python-Markdown for a ``title`` attribute.

    Material's ``content.tooltips`` copies a title into the page as HTML, so the browser's
    attribute value must be HTML-escaped text: no ``<``, and no literal ``&...;`` that would
    turn into markup. Python-Markdown's serializer leaves existing entities alone, so the
    value handed to it is escaped once more, making the serializer's own pass a no-op.
    """
    # The text comes from Markdown source, where `&lt;` already means "<": decode it first.
    as_html = _ENTITY_LIKE.sub("&amp;", html.unescape(text)).replace("<", "&lt;")
    return html.escape(as_html, quote=False)


@dataclass(frozen=True)
class Decision:
    """What to do with one occurrence: link it, give it a tooltip, or both."""

    occurrence: Occurrence
    term: Term
    link: str | None  # docs-relative page of the term, when this occurrence is linked
    tooltip: str | None  # hover text, for abbreviations


class PageLinker:
    """Decides, occurrence by occurrence and in page order, what each term mention becomes."""

    def __init__(self, terms: dict[str, Term], matcher: TermMatcher, page: str) -> None:
        self.terms = terms
        self.matcher = matcher
        self.page = page
        own = (
            page.removeprefix("glossary/").removesuffix(".md")
            if page.startswith("glossary/")
            else None
        )
        self.linked: set[str] = {own} if own in terms else set()

    def decide(self, text: str, *, may_link: bool = True) -> list[Decision]:
        """Decisions for the accepted-form occurrences in ``text`` (in order)."""
        decisions: list[Decision] = []
        for found in self.matcher.find(text):
            term = self.terms.get(found.form.term_id)
            if term is None or not found.form.accepted:
                continue
            link = None
            if may_link and term.id not in self.linked:
                self.linked.add(term.id)
                link = paths.term_page(term.id)
            hover = tooltip(term) if found.form.kind == "abbreviation" else None
            if link or hover:
                decisions.append(Decision(found, term, link, hover))
        return decisions
