"""Term links and abbreviation tooltips written into Markdown source, for ``smarthub stage``.

Any engine can then build the staged pages without our plugin: the first mention of each
term becomes a Markdown link to its glossary page, and each abbreviation used on the page
gets an ``*[ABBR]: expansion`` definition (Python-Markdown's ``abbr`` extension turns these
into tooltips). The mentions are the check's own (``linking.MentionFinder``); this module
only asks where a Markdown link may go: pulldown-cmark parses the page with byte ranges,
and text inside code, HTML, links, images and headings is masked out, keeping offsets.
"""

from __future__ import annotations

from smarthub.load.markdown import PARSER, blank_templates, byte_to_char, open_containers
from smarthub.model import Term
from smarthub.site import paths
from smarthub.site.linking import Mention, PageLinker, title_attribute, tooltip
from smarthub.site.message import MESSAGE_HEADING

_UNLINKED = frozenset({"Link", "Image", "Heading", "CodeBlock", "HtmlBlock", "MetadataBlock"})
_MASK = "\x00"
_SECTION_LEVELS = frozenset({"H1", "H2"})


def _prose_and_sections(markdown: str) -> tuple[str, list[int]]:
    """The linkable prose, and where each section starts (level-one and level-two headings).

    A ready-to-send message (the section under a ``Message`` heading, ``site/message.py``)
    is not linkable: a rep sends it as written, so no hub link goes into it.
    """
    prepared, _ = open_containers(blank_templates(markdown))
    to_char = byte_to_char(prepared)
    kept = [_MASK] * len(markdown)
    sections: list[int] = []
    messages: list[tuple[int, int]] = []
    heading: list[str] | None = None  # the text of the heading being read
    message: tuple[int, int] | None = None  # (level, start) of the open message section
    depth = 0
    for event, span in PARSER.events_with_range(prepared):
        if isinstance(event, str):  # SoftBreak, HardBreak, Rule
            continue
        ((kind, value),) = event.items()
        tag = (
            value
            if isinstance(value, str)
            else next(iter(value))
            if isinstance(value, dict)
            else None
        )
        if kind == "Start" and tag == "Heading":
            level = int(value["Heading"]["level"][1:])
            if message is not None and level <= message[0]:
                messages.append((message[1], to_char(span["start"])))
                message = None
            if value["Heading"]["level"] in _SECTION_LEVELS:
                sections.append(to_char(span["start"]))
            heading = []
        elif kind == "End" and tag == "Heading" and heading is not None:
            if message is None and MESSAGE_HEADING.match("".join(heading)):
                message = (level, to_char(span["end"]))
            heading = None
        if kind == "Start" and tag in _UNLINKED:
            depth += 1
        elif kind == "End" and tag in _UNLINKED:
            depth = max(depth - 1, 0)
        elif kind == "Text":
            start, end = to_char(span["start"]), to_char(span["end"])
            if heading is not None:
                heading.append(markdown[start:end])
            if not depth:
                kept[start:end] = markdown[start:end]
    if message is not None:
        messages.append((message[1], len(markdown)))
    for start, end in messages:
        kept[start:end] = [_MASK] * (end - start)
    # Line breaks inside a paragraph join the words of a multi-word term.
    prose = "".join(
        char if char != _MASK or markdown[i] != "\n" else "\n" for i, char in enumerate(kept)
    )
    return prose, sections


def bake_links(markdown: str, linker: PageLinker) -> str:
    """``markdown`` with the first mention of each term (``linker.mentions``) made a link.

    A mention is linked only where it is plain prose for Python-Markdown too (not in a
    heading, link, image, code or HTML); each level-one or level-two heading starts a
    section, whose terms are linked again, as on the plugin's site.
    """
    if not linker.mentions:
        return markdown
    prose, sections = _prose_and_sections(markdown)
    pieces: list[str] = []
    position = 0
    next_section = iter([*sections, len(markdown) + 1])
    section_end = next(next_section)
    for mention in linker.mentions:
        while mention.start >= section_end:
            linker.new_section()
            section_end = next(next_section)
        text = markdown[mention.start : mention.end]
        may_link = prose[mention.start : mention.end] == text
        decision = linker.decide(mention, may_link=may_link)
        if decision is None or decision.link is None:
            continue
        pieces += [
            markdown[position : mention.start],
            f"[{text}]({paths.link(linker.page, decision.link)})",
        ]
        position = mention.end
    pieces.append(markdown[position:])
    return "".join(pieces)


def writable_abbreviation(abbreviation: str) -> bool:
    """Whether ``*[ABBR]: ...`` can name ``abbreviation`` (no ``]``, backslash or line break)."""
    return not any(char in abbreviation for char in "]\\\r\n")


def abbreviation_definitions(mentions: list[Mention], terms: dict[str, Term]) -> str:
    """``*[ABBR]: ...`` lines for the abbreviations among ``mentions`` (or ``""``)."""
    lines: dict[str, str] = {}
    for mention in mentions:
        term = terms.get(mention.term_id)
        if term is None or not mention.abbreviation or not writable_abbreviation(mention.form):
            continue
        lines.setdefault(mention.form, f"*[{mention.form}]: {title_attribute(tooltip(term))}")
    return "\n".join(lines[key] for key in sorted(lines))
