"""Term links and abbreviation tooltips as a Python-Markdown extension.

Where the terms are is not decided here: the plugin marks each mention the check found
(``mark``: the page's Markdown gets invisible markers around it, at its source offsets)
and a tree processor turns the marked text into elements after inline parsing. The tree
only says what surrounds a mention: nothing in code, preformatted text or raw HTML is
linked (markers left there are removed from the page), no term is linked inside a link or
a heading, and attribute escaping is left to the serializer, so a definition with quotes
is a safe ``title``. Links point at the term's ``.md`` page relative to the current page;
MkDocs' own link processor (which runs later) turns them into URLs and validates them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from smarthub.site.linking import Decision, Mention, PageLinker, title_attribute, tooltip

NO_TERMS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "abbr", "math", "svg"})
NO_LINKS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "dt"})
SECTION_HEADINGS = frozenset({"h1", "h2"})  # each starts a section: terms are linked again
NO_LINK_CLASS = "smarthub-nolink"  # generated lists of links: tooltips only
PRIORITY = (
    12  # after inline parsing (20) and before attr_list (8), abbr (7), toc (5), MkDocs' links (0)
)

# Private-use characters: Markdown gives them no meaning, so they pass through inline
# parsing as text. A mention is OPEN + its number + SHUT + its text + CLOSE.
OPEN, SHUT, CLOSE = "\ue000", "\ue001", "\ue002"
_MARKED = re.compile(f"{OPEN}(\\d+){SHUT}([^{OPEN}{SHUT}{CLOSE}]*){CLOSE}")
_MARKER = re.compile(f"{OPEN}\\d*{SHUT}?|[{SHUT}{CLOSE}]")


def mark(body: str, mentions: list[Mention], first: int = 0) -> str:
    """``body`` with each mention (in order, not overlapping) wrapped in markers numbered from ``first``."""
    if not mentions:
        return body
    pieces: list[str] = []
    position = 0
    for number, mention in enumerate(mentions, first):
        pieces += [
            body[position : mention.start],
            f"{OPEN}{number}{SHUT}",
            body[mention.start : mention.end],
            CLOSE,
        ]
        position = mention.end
    pieces.append(body[position:])
    return "".join(pieces)


def unmark(text: str) -> str:
    """``text`` without any marker (where a mention could not become an element)."""
    return _MARKER.sub("", text) if OPEN in text or CLOSE in text else text


class TermLinkTreeprocessor(Treeprocessor):
    """Links the first mention of each term and wraps every abbreviation in ``<abbr>``."""

    def __init__(self, md: Markdown, linker_for_page: Callable[[], PageLinker | None]) -> None:
        super().__init__(md)
        self.linker_for_page = linker_for_page

    def run(self, root: etree.Element) -> None:
        linker = self.linker_for_page()
        if linker is not None and linker.mentions:
            self._walk(root, linker, may_link=True)

    def _walk(self, element: etree.Element, linker: PageLinker, *, may_link: bool) -> None:
        if element.tag in SECTION_HEADINGS:
            linker.new_section()
        text = element.text
        if text and OPEN in text and not isinstance(text, AtomicString):
            element.text, nodes = _split(text, linker, may_link=may_link)
            for offset, node in enumerate(nodes):
                element.insert(offset, node)
        for child in list(element):
            if child.tag not in NO_TERMS:
                no_link = (
                    child.tag in NO_LINKS or NO_LINK_CLASS in (child.get("class") or "").split()
                )
                self._walk(child, linker, may_link=may_link and not no_link)
            tail = child.tail
            if tail and OPEN in tail and not isinstance(tail, AtomicString):
                child.tail, nodes = _split(tail, linker, may_link=may_link)
                index = list(element).index(child) + 1
                for offset, node in enumerate(nodes):
                    element.insert(index + offset, node)


def _split(text: str, linker: PageLinker, *, may_link: bool) -> tuple[str, list[etree.Element]]:
    """The plain text before the first element, and the new elements (each with its tail)."""
    head: list[str] = []
    nodes: list[etree.Element] = []
    tail = head
    position = 0
    for found in _MARKED.finditer(text):
        tail.append(unmark(text[position : found.start()]))
        position = found.end()
        number, shown = int(found.group(1)), found.group(2)
        decision = (
            linker.decide(linker.mentions[number], may_link=may_link)
            if number < len(linker.mentions)
            else None
        )
        if decision is None:
            tail.append(shown)
            continue
        if nodes:
            nodes[-1].tail = "".join(tail)
        node = _element_for(decision, shown, linker)
        nodes.append(node)
        tail = []
    tail.append(unmark(text[position:]))
    if nodes:
        nodes[-1].tail = "".join(tail)
    return "".join(head), nodes


def _element_for(decision: Decision, text: str, linker: PageLinker) -> etree.Element:
    inner: etree.Element | None = None
    if decision.tooltip:
        inner = etree.Element("abbr", {"title": title_attribute(decision.tooltip)})
        inner.text = AtomicString(text)
    if decision.link is None:
        assert inner is not None
        return inner
    anchor = etree.Element("a", {"href": linker.href(decision.link), "class": "smarthub-term"})
    if inner is None:
        anchor.set("title", title_attribute(tooltip(decision.term)))
        anchor.text = AtomicString(text)
    else:
        anchor.append(inner)
    return anchor


class UnmarkPostprocessor(Postprocessor):
    """Removes markers left where no element could go: code, raw HTML, attributes."""

    def run(self, text: str) -> str:
        return unmark(text)


class TermLinkExtension(Extension):
    """Registers the tree processor; ``linker_for_page`` says how the current page links."""

    def __init__(self, linker_for_page: Callable[[], PageLinker | None]) -> None:
        super().__init__()
        self.linker_for_page = linker_for_page

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(
            TermLinkTreeprocessor(md, self.linker_for_page), "smarthub_terms", PRIORITY
        )
        md.postprocessors.register(UnmarkPostprocessor(md), "smarthub_unmark", 0)
