"""The term-link policy shared by the Markdown extension and ``smarthub stage``.

In each section of a page (what follows a level-one or level-two heading) the first
occurrence of each glossary term (any accepted form) links to the term's page, and the first
occurrence of each abbreviation gets a tooltip with its expansion and definition; later
mentions in the section stay plain text, so a page is not a wall of underlines. A term's own
page does not link to itself, and avoided forms are never linked.

A one-word form that is only part of a longer phrase the glossary does not define is not
linked: "decision" in "decision date", "decision-maker" or a quoted "no decision" is not
the journey stage. The phrase test: the next word follows after a single space or hyphen
and is not a function word, or a hyphen joins a word before it, or the form sits inside a
quotation of several words. Abbreviations are specific enough to link anywhere ("MQL
score"). A longer phrase the glossary does define is matched whole by the matcher first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from smarthub.matcher import Occurrence, TermMatcher
from smarthub.model import Term
from smarthub.site import paths

# Long enough for any one-paragraph definition: a tooltip cut at 240 characters stopped
# right before the answer ("4 business hours…"). Past this, a definition is not one paragraph.
TOOLTIP_LENGTH = 1_000
# Words that may follow a term without making a longer phrase of it.
_FUNCTION_WORDS = """a about after against an and any are as at be because been before being
between both but by can could did do does during each either for from had has have how if in
into is it its may might more most must no nor not of on once one only or other our over per
should since so some such than that the their them then there these they this those through
to too under until up was we were what when where whether which while who why will with
within without would you your stage stages"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
_NEXT_WORD = re.compile(r"[ \-]([^\W\d_][\w’']*)")
_QUOTES = {'"': '"', "“": "”", "‘": "’"}


def part_of_longer_phrase(text: str, start: int, end: int) -> bool:
    """Whether the one-word form at ``text[start:end]`` is only a piece of a longer phrase."""
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1).casefold() not in FUNCTION_WORDS:
        return True
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum():
        return True
    closing = text[end : end + 1]
    for opening, close in _QUOTES.items():
        if closing == close:
            at = text.rfind(opening, max(0, start - 60), start)
            if at != -1 and text[at + 1 : start].strip():
                return True
    return False


def tooltip(term: Term) -> str:
    """The hover text for a term: its expansion and definition (its first paragraph)."""
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
        self.own: set[str] = {own} if own in terms else set()
        self.linked: set[str] = set(self.own)
        self.hovered: set[str] = set()

    def new_section(self) -> None:
        """A new section starts: its first mentions are linked and explained again."""
        self.linked = set(self.own)
        self.hovered = set()

    def decide(self, text: str, *, may_link: bool = True) -> list[Decision]:
        """Decisions for the accepted-form occurrences in ``text`` (in order)."""
        decisions: list[Decision] = []
        for found in self.matcher.find(text):
            term = self.terms.get(found.form.term_id)
            if term is None or not found.form.accepted:
                continue
            abbreviation = found.form.kind == "abbreviation"
            one_word = not abbreviation and " " not in found.form.text.strip()
            if one_word and part_of_longer_phrase(text, found.start, found.end):
                continue
            link = None
            if may_link and term.id not in self.linked:
                self.linked.add(term.id)
                link = paths.term_page(term.id)
            hover = None
            if abbreviation and (link or found.form.text not in self.hovered):
                hover = tooltip(term)
                if may_link:  # a heading's tooltip does not stand for the section's text
                    self.hovered.add(found.form.text)
            if link or hover:
                decisions.append(Decision(found, term, link, hover))
        return decisions
