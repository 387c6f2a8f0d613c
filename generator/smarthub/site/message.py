"""Ready-to-send messages: the section under a ``Message`` heading, set apart for copying.

The file contract: in any page, a heading whose text is ``Message`` (or ``Message: <which
one>``) starts the text a rep sends or says as written; it runs to the next heading of the
same or a higher level. The site wraps that section in a box with a copy button
(``smarthub.js`` copies it as plain text, and as rich text where the browser allows, links
reduced to their text), lists its placeholders (``{{ first_name }}``) and marks them, keeps
its line breaks (a signature stays on its lines), and links no term inside it (tooltips
stay). The body is still ordinary Markdown, so the check reads it as it reads any prose.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from smarthub.site.extension import NO_LINK_CLASS, NO_TERMS
from smarthub.site.extension import PRIORITY as TERM_LINK_PRIORITY

MESSAGE_HEADING = re.compile(r"^\s*message\s*(?:[:—–-]\s*\S.*)?$", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}")
HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Before the term links, so they see the box's no-link class.
PRIORITY = TERM_LINK_PRIORITY + 3


def placeholders(text: str) -> list[str]:
    """The placeholder names in ``text``, each once, in order of first use."""
    return list(dict.fromkeys(match.group(1) for match in PLACEHOLDER.finditer(text)))


def _text_of(element: etree.Element) -> str:
    return "".join(element.itertext())


class MessageTreeprocessor(Treeprocessor):
    """Wraps each ``Message`` section in its copy box."""

    def run(self, root: etree.Element) -> None:
        self._wrap_sections(root)

    def _wrap_sections(self, parent: etree.Element) -> None:
        children = list(parent)
        index = 0
        while index < len(children):
            child = children[index]
            level = HEADINGS.get(child.tag)
            if level is None or not MESSAGE_HEADING.match(_text_of(child)):
                index += 1
                continue
            end = index + 1
            while end < len(children) and HEADINGS.get(children[end].tag, 7) > level:
                end += 1
            section = children[index + 1 : end]
            if section:
                self._wrap(parent, child, section)
            index = end

    def _wrap(self, parent: etree.Element, heading: etree.Element, section: list) -> None:
        box = etree.Element("div", {"class": f"smarthub-message {NO_LINK_CLASS}"})
        body = etree.SubElement(box, "div", {"class": "smarthub-message-body"})
        for element in section:
            parent.remove(element)
            body.append(element)
        names = placeholders("".join(_text_of(element) for element in section))
        bar = etree.Element("div", {"class": "smarthub-message-bar"})
        if names:
            fill = etree.SubElement(bar, "span", {"class": "smarthub-fill-in"})
            fill.text = "Fill in: " + ", ".join(names)
        button = etree.SubElement(
            bar, "button", {"type": "button", "class": "smarthub-copy md-button"}
        )
        button.text = "Copy message"
        box.insert(0, bar)
        parent.insert(list(parent).index(heading) + 1, box)
        _keep_lines_and_mark(body)


def _keep_lines_and_mark(element: etree.Element) -> None:
    """Soft line breaks become ``<br>``; placeholders become ``<mark>`` (not in code)."""
    if element.text and not isinstance(element.text, AtomicString):
        element.text, nodes = _split(element.text)
        for offset, node in enumerate(nodes):
            element.insert(offset, node)
    for child in list(element):
        if child.tag not in NO_TERMS:
            _keep_lines_and_mark(child)
        if child.tail and not isinstance(child.tail, AtomicString):
            child.tail, nodes = _split(child.tail)
            at = list(element).index(child) + 1
            for offset, node in enumerate(nodes):
                element.insert(at + offset, node)


_PIECE = re.compile(r"\n|" + PLACEHOLDER.pattern)


def _split(text: str) -> tuple[str, list[etree.Element]]:
    nodes: list[etree.Element] = []
    head: str | None = None
    position = 0
    for found in _PIECE.finditer(text.rstrip("\n") if text.endswith("\n") else text):
        before = text[position : found.start()]
        if nodes:
            nodes[-1].tail = (nodes[-1].tail or "") + before
        else:
            head = before
        if found.group() == "\n":
            nodes.append(etree.Element("br"))
        else:
            mark = etree.Element("mark", {"class": "smarthub-placeholder"})
            mark.text = AtomicString(found.group())
            nodes.append(mark)
        position = found.end()
    if not nodes:
        return text, []
    nodes[-1].tail = text[position:]
    return head or "", nodes


class MessageExtension(Extension):
    """Registers the ``Message`` section processor."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(MessageTreeprocessor(md), "smarthub_messages", PRIORITY)
