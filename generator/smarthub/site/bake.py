"""Term links and abbreviation tooltips written into Markdown source, for ``smarthub stage``.

Any engine can then build the staged pages without our plugin: the first mention of each
term becomes a Markdown link to its glossary page, and each abbreviation used on the page
gets an ``*[ABBR]: expansion`` definition (Python-Markdown's ``abbr`` extension turns these
into tooltips). Only plain prose is linked: pulldown-cmark parses the page with byte ranges,
and text inside code, HTML, links, images and headings is masked out, keeping offsets.
Indented Python-Markdown containers (admonitions, tabs) are read as the checker reads
them, so their prose is linked too.
"""

from __future__ import annotations

from dataclasses import replace

from smarthub.load.markdown import PARSER, blank_templates, byte_to_char, open_containers
from smarthub.matcher import TermMatcher
from smarthub.model import Term
from smarthub.site import paths
from smarthub.site.linking import Decision, PageLinker, title_attribute, tooltip

_UNLINKED = frozenset({"Link", "Image", "Heading", "CodeBlock", "HtmlBlock", "MetadataBlock"})
_MASK = "\x00"
_SECTION_LEVELS = frozenset({"H1", "H2"})


def linkable_prose(markdown: str) -> str:
    """``markdown`` with everything but linkable prose replaced by NUL (same length)."""
    return _prose_and_sections(markdown)[0]


def _prose_and_sections(markdown: str) -> tuple[str, list[int]]:
    """The linkable prose, and where each section starts (level-one and level-two headings)."""
    prepared, _ = open_containers(blank_templates(markdown))
    to_char = byte_to_char(prepared)
    kept = [_MASK] * len(markdown)
    sections: list[int] = []
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
        if kind == "Start" and tag == "Heading" and value["Heading"]["level"] in _SECTION_LEVELS:
            sections.append(to_char(span["start"]))
        if kind == "Start" and tag in _UNLINKED:
            depth += 1
        elif kind == "End" and tag in _UNLINKED:
            depth = max(depth - 1, 0)
        elif kind == "Text" and not depth:
            start, end = to_char(span["start"]), to_char(span["end"])
            kept[start:end] = markdown[start:end]
    # Line breaks inside a paragraph join the words of a multi-word term.
    prose = "".join(
        char if char != _MASK or markdown[i] != "\n" else "\n" for i, char in enumerate(kept)
    )
    return prose, sections


def bake_links(markdown: str, linker: PageLinker) -> str:
    """``markdown`` with the first mention of each term turned into a link to its page."""
    pieces: list[str] = []
    position = 0
    prose, sections = _prose_and_sections(markdown)
    decisions: list[Decision] = []
    # Each section links its terms again, as the Markdown extension does on the site.
    for start, end in zip([0, *sections], [*sections, len(prose)], strict=True):
        if start > 0:
            linker.new_section()
        for decision in linker.decide(prose[start:end]):
            found = decision.occurrence
            moved = replace(
                found,
                start=found.start + start,
                stem_end=found.stem_end + start,
                end=found.end + start,
            )
            decisions.append(replace(decision, occurrence=moved))
    for decision in decisions:
        if decision.link is None:
            continue
        found = decision.occurrence
        text = markdown[found.start : found.end]
        pieces += [
            markdown[position : found.start],
            f"[{text}]({paths.link(linker.page, decision.link)})",
        ]
        position = found.end
    pieces.append(markdown[position:])
    return "".join(pieces)


def writable_abbreviation(abbreviation: str) -> bool:
    """Whether ``*[ABBR]: ...`` can name ``abbreviation`` (no ``]``, backslash or line break)."""
    return not any(char in abbreviation for char in "]\\\r\n")


def abbreviation_definitions(markdown: str, terms: dict[str, Term], matcher: TermMatcher) -> str:
    """``*[ABBR]: ...`` lines for the abbreviations that appear in ``markdown`` (or ``""``)."""
    lines: dict[str, str] = {}
    for found in matcher.find(markdown):
        term = terms.get(found.form.term_id)
        abbreviation = found.form.text
        if (
            term is None
            or found.form.kind != "abbreviation"
            or not writable_abbreviation(abbreviation)
        ):
            continue
        lines.setdefault(abbreviation, f"*[{abbreviation}]: {title_attribute(tooltip(term))}")
    return "\n".join(lines[key] for key in sorted(lines))
