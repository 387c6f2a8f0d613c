"""What every check gets: the loaded hub, today's date, and shared, computed-once lookups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from smarthub.findings import Edit, Finding
from smarthub.matcher import Form, Occurrence, TermMatcher, forms_of
from smarthub.model import Hub, SourceFile, TextRegion

if TYPE_CHECKING:
    from smarthub.checks.registry import Rule

_T = TypeVar("_T")


@dataclass
class CheckContext:
    """The hub under check and the files to report on."""

    hub: Hub
    today: dt.date
    reported: set[str] | None = None  # hub-relative paths to report on; None: all
    _occurrences: dict[int, list[tuple[TextRegion, list[Occurrence]]]] = field(default_factory=dict)
    _shared: dict[str, Any] = field(default_factory=dict)
    _of_glossary: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, build: Callable[[], _T]) -> _T:
        """A value built once per run and shared by the rules that ask for ``key``."""
        if key not in self._shared:
            self._shared[key] = build()
        return self._shared[key]

    def of_glossary(self, key: str, build: Callable[[], _T]) -> _T:
        """A value that depends only on the hub's settings and glossary, built once.

        Unlike ``shared`` values, it is kept by the contexts ``for_files`` makes for the
        later batches of a streamed check, which share the settings and the glossary.
        """
        if key not in self._of_glossary:
            self._of_glossary[key] = build()
        return self._of_glossary[key]

    @property
    def glossary_forms(self) -> dict[str, list[Form]]:
        """Every glossary entry's forms (``forms_of``) by its id, built once: the matcher,
        TERM004's vocabulary and GLOS001 all read them."""
        return self.of_glossary(
            "forms", lambda: {term_id: forms_of(term) for term_id, term in self.hub.terms.items()}
        )

    @cached_property
    def matcher(self) -> TermMatcher:
        """One matcher for the whole glossary, built on first use."""
        return TermMatcher.of_forms(
            form for forms in self.glossary_forms.values() for form in forms
        )

    def for_files(self, reported: set[str] | None) -> CheckContext:
        """A context for other files of the same hub, sharing the compiled matcher."""
        context = CheckContext(
            hub=self.hub, today=self.today, reported=reported, _of_glossary=self._of_glossary
        )
        return self._with_matcher(context)

    def after_edit(self, hub: Hub, edited: SourceFile | None) -> CheckContext:
        """A context for ``hub``: this one's hub with the file ``edited`` read again.

        The glossary is the same, so the matcher is shared; so are the term occurrences of
        every other file, keyed by the source objects the new hub shares with this one.
        """
        kept = {
            key: found
            for key, found in self._occurrences.items()
            if edited is None or key != id(edited)
        }
        return self._with_matcher(CheckContext(hub=hub, today=self.today, _occurrences=kept))

    def _with_matcher(self, context: CheckContext) -> CheckContext:
        if "matcher" in self.__dict__:  # built already: the glossary has not changed
            context.__dict__["matcher"] = self.__dict__["matcher"]
        return context

    def sources(self) -> Iterator[SourceFile]:
        """The loaded files whose findings are reported."""
        for source in self.hub.sources:
            if self.reported is None or source.rel in self.reported:
                yield source

    def occurrences(self, source: SourceFile) -> list[tuple[TextRegion, list[Occurrence]]]:
        """Term occurrences in each checked region of a file (found once, shared by all rules)."""
        key = id(source)
        if key not in self._occurrences:
            self._occurrences[key] = [
                (region, self.matcher.find(region.text)) for region in source.regions
            ]
        return self._occurrences[key]

    def finding(
        self,
        rule: Rule,
        source: SourceFile,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        edit: Edit | None = None,
    ) -> Finding:
        """A finding of ``rule`` at file offsets ``[start, end)`` of ``source``."""
        line, column = source.position(start)
        end = max(end, start)
        end_line, end_column = source.position(end) if end > start else (line, column)
        return Finding(
            path=source.rel,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=message,
            match=source.text[start:end],
            suggestion=suggestion,
            edit=edit,
        )

    def region_finding(
        self,
        rule: Rule,
        source: SourceFile,
        region: TextRegion,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        *,
        fixable: bool = False,
    ) -> Finding:
        """A finding at text offsets ``[start, end)`` of a region of ``source``.

        With ``fixable`` (the check judged the suggestion safe), the suggestion becomes an
        automatic fix, but only for a rule declared ``fixable`` and only where the span is
        one unbroken piece of the file's text (no markup, quote marker or skipped content
        inside it), so a fix can never damage the Markdown around it.
        """
        file_start, file_end = region.file_span(start, end)
        edit = None
        if (
            fixable
            and rule.fixable
            and suggestion is not None
            and source.text[file_start:file_end] == region.text[start:end]
        ):
            edit = Edit(file_start, file_end, suggestion)
        return self.finding(rule, source, file_start, file_end, message, suggestion, edit)
