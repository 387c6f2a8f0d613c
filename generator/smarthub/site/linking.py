"""The term-link policy shared by the Markdown extension and ``smarthub stage``.

Links are placed from the check's own occurrences (``page_mentions``): a word is linked
only where the check read it as prose, at the source offsets the check found it.

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
import posixpath
import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from smarthub.matcher import Occurrence, TermMatcher
from smarthub.model import SourceFile, Term, TextRegion
from smarthub.site import paths

if TYPE_CHECKING:
    from smarthub.checks.context import CheckContext

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
    return _tooltip(term.term, term.definition)


@lru_cache(maxsize=4096)  # a page explains the same few terms again and again
def _tooltip(name: str, definition: str) -> str:
    definition = " ".join(definition.split())
    if len(definition) > TOOLTIP_LENGTH:
        definition = definition[: TOOLTIP_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    if not definition:
        return name
    if definition.casefold().startswith(name.casefold()):
        return definition
    return f"{name}: {definition}"


_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


@lru_cache(maxsize=4096)
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


def relative_link(from_page: str, to_page: str, fragment: str | None = None) -> str:
    """``paths.link``, remembered by folder: the pages of one folder link to the same pages.

    Term pages all list the assets that use them, persona pages the same cards: tens of
    thousands of links a build, most of them already worked out for a neighbour page.
    """
    return _link_from(posixpath.dirname(from_page), to_page, fragment)


@lru_cache(maxsize=65_536)
def _link_from(folder: str, to_page: str, fragment: str | None) -> str:
    return paths.link(posixpath.join(folder, "page.md"), to_page, fragment)


class Mention(NamedTuple):  # a tuple: tens of thousands a build, made and read in hot loops
    """An accepted form the check found in a page's prose, at offsets of the page's body."""

    start: int
    end: int
    term_id: str
    form: str  # the form as the glossary writes it: an abbreviation is explained once per section
    abbreviation: bool


class Decision(NamedTuple):
    """What to do with one mention: link it, give it a tooltip, or both."""

    mention: Mention
    term: Term
    link: str | None  # docs-relative page of the term, when this mention is linked
    tooltip: str | None  # hover text, for abbreviations


# Whitespace and block-quote markers may sit inside a mention's source span (a term broken
# across lines of a list item or a quotation); anything else there is markup.
_LAYOUT = re.compile(r"[\s>]+")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\*?\[([^\]\n]+)\]:", re.MULTILINE)
_BRACKETED = re.compile(r"\[([^\]\n]+)\]")


def page_mentions(
    text: str,
    body_start: int,
    found: Iterable[tuple[TextRegion, list[Occurrence]]],
    terms: dict[str, Term],
    body_end: int | None = None,
) -> list[Mention]:
    """The mentions to consider for links in a file's body, from the check's occurrences.

    ``text`` is the file's text and ``found`` the occurrences the check found in each of its
    regions (``CheckContext.occurrences``). Kept: accepted forms of existing terms, inside
    ``[body_start, body_end)``, written as one piece of the source (no markup inside), not a
    one-word form inside a longer phrase, and not the label of a reference link or
    abbreviation definition (the label must stay as written to resolve). Offsets are
    relative to ``body_start``.
    """
    limit = len(text) if body_end is None else body_end
    labels = _label_spans(text, body_start) if body_end is None else []
    mentions: list[Mention] = []
    for region, occurrences in found:
        for occurrence in occurrences:
            form = occurrence.form
            if not form.accepted or form.term_id not in terms:
                continue
            abbreviation = form.kind == "abbreviation"
            one_word = not abbreviation and " " not in form.text.strip()
            if one_word and part_of_longer_phrase(region.text, occurrence.start, occurrence.end):
                continue
            start, end = region.file_span(occurrence.start, occurrence.end)
            if start < body_start or end > limit:
                continue  # another part of the file (the front matter, another value)
            written = text[start:end]
            if written != occurrence.text and _LAYOUT.sub("", written) != _LAYOUT.sub(
                "", occurrence.text
            ):
                continue
            if labels and any(s < end and start < e for s, e in labels):
                continue
            mentions.append(
                Mention(start - body_start, end - body_start, form.term_id, form.text, abbreviation)
            )
    mentions.sort(key=lambda mention: mention.start)
    kept: list[Mention] = []
    for mention in mentions:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _label_spans(text: str, body_start: int) -> list[tuple[int, int]]:
    """File offsets of bracketed labels that name a reference definition in the body."""
    labels = {
        " ".join(match.group(1).split()).casefold()
        for match in _REFERENCE_DEFINITION.finditer(text, body_start)
    }
    if not labels:
        return []
    return [
        match.span()
        for match in _BRACKETED.finditer(text, body_start)
        if " ".join(match.group(1).split()).casefold() in labels
    ]


class MentionFinder:
    """The mentions of the hub's files: from the check's occurrences when there was a check."""

    def __init__(
        self, terms: dict[str, Term], matcher: TermMatcher, context: CheckContext | None = None
    ) -> None:
        self.terms = terms
        self.matcher = matcher
        self.context = context
        self._values: dict[
            tuple[int, str, str], list[Mention]
        ] = {}  # a card is shown on many pages

    def _found(self, source: SourceFile) -> list[tuple[TextRegion, list[Occurrence]]]:
        if self.context is not None:
            return self.context.occurrences(source)
        return [(region, self.matcher.find(region.text)) for region in source.regions]

    def body(self, source: SourceFile) -> list[Mention]:
        """The mentions in the file's Markdown body (offsets from where the body starts)."""
        return page_mentions(source.text, source.body_start, self._found(source), self.terms)

    def value(self, source: SourceFile, key: str, value: str) -> list[Mention]:
        """The mentions in a checked front-matter value (``title``, ``summary``) as ``value``.

        Only where the YAML writes the value as it is (plain or quoted without escapes), so
        offsets in the file are offsets in the value.
        """
        span = source.scalar_spans.get(key)
        if span is None or not value:
            return []
        known = self._values.get((id(source), key, value))
        if known is not None:
            return known
        start, end = span
        raw = source.text[start:end]
        found: list[Mention] = []
        if raw == value or (
            len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0] and raw[1:-1] == value
        ):
            first = start + (raw != value)
            regions = [pair for pair in self._found(source) if pair[0].file_starts[0] == start]
            found = page_mentions(source.text, first, regions, self.terms, first + len(value))
        self._values[(id(source), key, value)] = found
        return found


class PageLinker:
    """Decides, mention by mention and in page order, what each term mention becomes."""

    def __init__(self, terms: dict[str, Term], page: str, mentions: list[Mention]) -> None:
        self.terms = terms
        self.page = page
        self.mentions = mentions
        own = (
            page.removeprefix("glossary/").removesuffix(".md")
            if page.startswith("glossary/")
            else None
        )
        self.own: set[str] = {own} if own in terms else set()
        self.linked: set[str] = set(self.own)
        self.hovered: set[str] = set()
        self._hrefs: dict[str, str] = {}

    def href(self, to_page: str) -> str:
        """The relative link from this page to ``to_page`` (worked out once per target)."""
        found = self._hrefs.get(to_page)
        if found is None:
            found = self._hrefs[to_page] = relative_link(self.page, to_page)
        return found

    def new_section(self) -> None:
        """A new section starts: its first mentions are linked and explained again."""
        self.linked = set(self.own)
        self.hovered = set()

    def decide(self, mention: Mention, *, may_link: bool = True) -> Decision | None:
        """What ``mention`` becomes here, or ``None`` when it stays plain text."""
        term = self.terms.get(mention.term_id)
        if term is None:
            return None
        link = None
        if may_link and term.id not in self.linked:
            self.linked.add(term.id)
            link = paths.term_page(term.id)
        hover = None
        if mention.abbreviation and (link or mention.form not in self.hovered):
            hover = tooltip(term)
            if may_link:  # a heading's tooltip does not stand for the section's text
                self.hovered.add(mention.form)
        if link or hover:
            return Decision(mention, term, link, hover)
        return None


def mentions_in_copy(mentions: list[Mention], body: str, copy: str) -> list[Mention] | None:
    """``mentions`` of ``body`` moved to ``copy``, the same Markdown as another reader holds it.

    MkDocs reads a file with universal newlines and drops the blank lines after its front
    matter, so its copy can be shorter than the body. ``None`` when ``copy`` is not ``body``
    read that way (another plugin changed it): no offset can be trusted then.
    """
    if copy == body:
        return mentions
    normal = body.replace("\r\n", "\n").replace("\r", "\n") if "\r" in body else body
    if not normal.endswith(copy):
        return None
    dropped: list[int] = []  # body offsets of the "\r" of each "\r\n"
    if normal is not body:
        dropped = [match.start() for match in re.finditer("\r\n", body)]
    cut = len(normal) - len(copy)  # leading characters MkDocs dropped, counted in ``normal``

    def moved(offset: int) -> int:
        return offset - bisect_left(dropped, offset) - cut

    return [
        Mention(moved(m.start), moved(m.end), m.term_id, m.form, m.abbreviation)
        for m in mentions
        if moved(m.start) >= 0
    ]
