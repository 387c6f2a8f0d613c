"""HTML001: raw HTML in a Markdown body that would run script in the site (opt-in)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.load.markdown import PARSER, blank_templates, byte_to_char, open_containers
from smarthub.model import SourceFile

_TAG = re.compile(r"<[A-Za-z][^<>]*>?")
_SCRIPT_ELEMENTS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset"})
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc", "background"}
)
# What a browser ignores inside a URL's scheme (tabs, line breaks, controls, spaces).
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


@register(
    "HTML001",
    "body.unsafe-html",
    Severity.OFF,
    "Opt-in: raw HTML or a link in a body that runs script (script tags, on* handlers, javascript: URLs).",
    """
What it does: looks at the raw HTML and the link targets of every Markdown body (code is
skipped) and flags a `<script>`, `<iframe>`, `<object>` or `<embed>` element, an event-handler
attribute (`onclick=`, `onerror=`, ...), and a `javascript:`, `vbscript:` or `data:text/html`
URL in a Markdown link or an HTML attribute. Off by default: turn it on with
`severity: {HTML001: error}` under the smarthub plugin's options.

Why: Markdown bodies are rendered as written, raw HTML included (as in any MkDocs site), so a
body is trusted like code. In a hub many people edit through pull requests, this rule keeps
script out of what reps open, whoever wrote the page.

Example that fails:

    <img src="logo.png" onerror="alert(document.cookie)">
    [Pricing](javascript:alert(1))

Example that passes:

    <img src="logo.png" alt="Northwind logo">
    [Pricing](https://example.com/pricing)
""",
)
def check_unsafe_html(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.hub.config.severity.get("HTML001", "off") == "off":
        return  # opt-in: a rule whose default is "off" runs only when given a severity
    for source in ctx.sources():
        if not source.text:
            continue
        for start, end, message in unsafe_spans(source):
            yield ctx.finding(check_unsafe_html, source, start, end, message)


def unsafe_spans(source: SourceFile) -> Iterator[tuple[int, int, str]]:
    """``(start, end, message)`` file offsets of each script-running construct of the body."""
    body = source.text[source.body_start :]
    prepared, _ = open_containers(blank_templates(body))
    to_char = byte_to_char(prepared)
    offset = source.body_start
    block: tuple[int, list[str]] | None = None  # an HTML block, joined across its lines
    for event, span in PARSER.events_with_range(prepared):
        if isinstance(event, str):
            continue
        ((kind, value),) = event.items()
        start = to_char(span["start"])
        if kind == "Html":
            block = block or (start, [])
            block[1].append(value)
            continue
        if block is not None:
            yield from _in_html("".join(block[1]), offset + block[0])
            block = None
        if kind == "InlineHtml":
            yield from _in_html(value, offset + start)
        elif kind == "Start" and isinstance(value, dict):
            target = value.get("Link") or value.get("Image")
            if target and _runs_script(target.get("dest_url", "")):
                yield (
                    offset + start,
                    offset + to_char(span["end"]),
                    f"link to a {_scheme(target['dest_url'])} URL, which runs script when "
                    "clicked: link to an http(s) page instead",
                )
    if block is not None:
        yield from _in_html("".join(block[1]), offset + block[0])


def _in_html(html: str, offset: int) -> Iterator[tuple[int, int, str]]:
    for tag in _TAG.finditer(html):
        parsed = _read_start_tag(tag.group())
        if parsed is None:
            continue
        name, attributes = parsed
        start, end = offset + tag.start(), offset + tag.end()
        if name in _SCRIPT_ELEMENTS:
            yield start, end, f"<{name}> element: it runs code in every reader's browser; remove it"
            continue
        for attribute, value in attributes:
            if attribute.startswith("on"):
                yield (
                    start,
                    end,
                    f"event-handler attribute '{attribute}' runs script: remove it",
                )
            elif attribute in _URL_ATTRIBUTES and _runs_script(value or ""):
                yield (
                    start,
                    end,
                    f"'{attribute}' holds a {_scheme(value or '')} URL, which runs script: "
                    "use an http(s) address instead",
                )


def _runs_script(url: str) -> bool:
    return _IGNORED_IN_SCHEME.sub("", url).lower().startswith(_SCRIPT_SCHEMES)


def _scheme(url: str) -> str:
    return _IGNORED_IN_SCHEME.sub("", url).split(":", 1)[0].lower() + ":"


def _read_start_tag(text: str) -> tuple[str, list[tuple[str, str | None]]] | None:
    """The name and attributes of one start tag, read with the browser's rules for entities
    in attribute values."""
    parser = _start_tag_parser()()
    parser.feed(text if text.endswith(">") else text + ">")
    parser.close()
    return parser.found


@cache
def _start_tag_parser() -> type:
    """The parser class of ``_read_start_tag``, made on first use: the rule is opt-in, and
    importing ``html.parser`` (and compiling its expressions) cost every check 1.5 ms."""
    from html.parser import HTMLParser

    class StartTag(HTMLParser):
        """Keeps the one start tag it is fed."""

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: tuple[str, list[tuple[str, str | None]]] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found = (tag, attrs)

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found = (tag, attrs)

    return StartTag
