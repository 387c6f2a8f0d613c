"""Term links and abbreviation tooltips as a Python-Markdown extension.

A tree processor runs after inline parsing, on the element tree: it never touches code,
preformatted text or raw HTML (stashed, so not in the tree), links no term inside a link
or a heading, and leaves attribute escaping to the serializer, so a definition with quotes
is a safe ``title``. Links point at the term's ``.md`` page relative to the current page;
MkDocs' own link processor (which runs later) turns them into URLs and validates them.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from smarthub.site import paths
from smarthub.site.linking import Decision, PageLinker, title_attribute, tooltip

NO_TERMS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "abbr", "math", "svg"})
NO_LINKS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "dt"})
SECTION_HEADINGS = frozenset({"h1", "h2"})  # each starts a section: terms are linked again
NO_LINK_CLASS = "smarthub-nolink"  # generated lists of links: tooltips only
PRIORITY = (
    12  # after inline parsing (20) and before attr_list (8), abbr (7), toc (5), MkDocs' links (0)
)


class TermLinkTreeprocessor(Treeprocessor):
    """Links the first mention of each term and wraps every abbreviation in ``<abbr>``."""

    def __init__(self, md: Markdown, linker_for_page: Callable[[], PageLinker | None]) -> None:
        super().__init__(md)
        self.linker_for_page = linker_for_page

    def run(self, root: etree.Element) -> None:
        linker = self.linker_for_page()
        if linker is not None:
            self._walk(root, linker, may_link=True)

    def _walk(self, element: etree.Element, linker: PageLinker, *, may_link: bool) -> None:
        if element.tag in SECTION_HEADINGS:
            linker.new_section()
        if element.text and not isinstance(element.text, AtomicString):
            decisions = linker.decide(element.text, may_link=may_link)
            if decisions:
                element.text, nodes = self._split(element.text, decisions, linker.page)
                for offset, node in enumerate(nodes):
                    element.insert(offset, node)
        for child in list(element):
            if child.tag not in NO_TERMS:
                no_link = (
                    child.tag in NO_LINKS or NO_LINK_CLASS in (child.get("class") or "").split()
                )
                self._walk(child, linker, may_link=may_link and not no_link)
            if child.tail and not isinstance(child.tail, AtomicString):
                decisions = linker.decide(child.tail, may_link=may_link)
                if decisions:
                    child.tail, nodes = self._split(child.tail, decisions, linker.page)
                    index = list(element).index(child) + 1
                    for offset, node in enumerate(nodes):
                        element.insert(index + offset, node)

    @staticmethod
    def _split(text: str, decisions: list[Decision], page: str) -> tuple[str, list[etree.Element]]:
        """The text before the first mention, and the new nodes (each carrying the text after it)."""
        nodes: list[etree.Element] = []
        head = text[: decisions[0].occurrence.start]
        for index, decision in enumerate(decisions):
            found = decision.occurrence
            node = _element_for(decision, page)
            following = (
                decisions[index + 1].occurrence.start if index + 1 < len(decisions) else len(text)
            )
            node.tail = text[found.end : following]
            nodes.append(node)
        return head, nodes


def _element_for(decision: Decision, page: str) -> etree.Element:
    text = decision.occurrence.text
    inner: etree.Element | None = None
    if decision.tooltip:
        inner = etree.Element("abbr", {"title": title_attribute(decision.tooltip)})
        inner.text = AtomicString(text)
    if decision.link is None:
        assert inner is not None
        return inner
    anchor = etree.Element("a", {"href": paths.link(page, decision.link), "class": "smarthub-term"})
    if inner is None:
        anchor.set("title", title_attribute(tooltip(decision.term)))
        anchor.text = AtomicString(text)
    else:
        anchor.append(inner)
    return anchor


class TermLinkExtension(Extension):
    """Registers the tree processor; ``linker_for_page`` says how the current page links."""

    def __init__(self, linker_for_page: Callable[[], PageLinker | None]) -> None:
        super().__init__()
        self.linker_for_page = linker_for_page

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(
            TermLinkTreeprocessor(md, self.linker_for_page), "smarthub_terms", PRIORITY
        )
