"""One HTML start tag read as a browser reads it (HTML001's reader of raw HTML).

Apart from ``checks.html`` so that ``html.parser`` is imported only when HTML001 runs.
"""

from __future__ import annotations

from html.parser import HTMLParser


def parse_start_tag(text: str) -> tuple[str, list[tuple[str, str | None]]] | None:
    """The tag name and attributes of a start tag (``<a href=...>``), or ``None`` if it is none."""
    return _StartTag.parse(text)


class _StartTag(HTMLParser):
    """Reads one start tag with the browser's rules for entities in attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: tuple[str, list[tuple[str, str | None]]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = (tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = (tag, attrs)

    @classmethod
    def parse(cls, text: str) -> tuple[str, list[tuple[str, str | None]]] | None:
        parser = cls()
        parser.feed(text if text.endswith(">") else text + ">")
        parser.close()
        return parser.found
