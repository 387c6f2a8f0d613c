"""Code actions: the safe fix of a finding, every safe fix at once, suppressing a finding on
its line, and accepting a flagged spelling as an alias in the glossary entry."""

from __future__ import annotations

import json
import re

import yaml
from lsprotocol import types

from smarthub.findings import Finding
from smarthub.lsp.document import Document
from smarthub.lsp.positions import LineIndex
from smarthub.model import Term

SOURCE = "smarthub"
FIX_ALL = types.CodeActionKind.SourceFixAll.value + ".smarthub"
_FIX_PASSES = 10  # a bound: fixes settle in one pass, two when spans overlapped
# A line after which a new block starts anyway: heading, fence, HTML block, setext underline.
_BLOCK_BOUNDARY = re.compile(r"\s*(#{1,6}(\s|$)|```|~~~|<|=+\s*$|-{2,}\s*$)")
_TABLE_LINE = re.compile(r"\s*\||.*\|\s*$|\s*:?-+:?\s*\|")
_PLAIN_YAML = re.compile(r"[A-Za-z0-9][\w .’'/&+-]*[\w.’'&+]|[A-Za-z0-9]")


def finding_offsets(document: Document, finding: Finding) -> tuple[int, int]:
    """Character offsets of a finding in the document's text."""
    starts = document.checked.source.line_starts
    start = starts[min(finding.line, len(starts)) - 1] + finding.column - 1
    end = starts[min(finding.end_line, len(starts)) - 1] + finding.end_column - 1
    return start, max(start, end)


def diagnostic(document: Document, finding: Finding) -> types.Diagnostic:
    """A finding as an LSP diagnostic: same code, message and span as ``smarthub check``."""
    start, end = finding_offsets(document, finding)
    severity = (
        types.DiagnosticSeverity.Error
        if finding.severity.value == "error"
        else types.DiagnosticSeverity.Warning
    )
    return types.Diagnostic(
        range=document.lines.range(start, end),
        message=f"{finding.message} [{finding.name}]",
        severity=severity,
        code=finding.code,
        source=SOURCE,
    )


def code_actions(document: Document, wanted: types.Range) -> list[types.CodeAction]:
    """The actions for the findings that touch ``wanted``, then "fix all" when there is a fix."""
    low, high = document.lines.offset(wanted.start), document.lines.offset(wanted.end)
    actions: list[types.CodeAction] = []
    for finding in document.checked.findings:
        start, end = finding_offsets(document, finding)
        if end < low or start > high:
            continue
        shown = diagnostic(document, finding)
        if finding.edit is not None:
            edit = finding.edit
            actions.append(
                types.CodeAction(
                    title=f"Replace '{' '.join(finding.match.split())}' with '{edit.replacement}' ({finding.code})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    is_preferred=True,
                    edit=_edit(
                        document.uri,
                        [_text_edit(document.lines, edit.start, edit.end, edit.replacement)],
                    ),
                )
            )
        alias = _alias_action(document, finding, start)
        if alias is not None:
            alias.diagnostics = [shown]
            actions.append(alias)
        suppress = _suppress_action(document, finding, shown) if document.in_body(start) else None
        if suppress is not None:
            actions.append(suppress)
    fix_all = fix_all_action(document)
    if fix_all is not None:
        actions.append(fix_all)
    return actions


def fix_all_action(document: Document) -> types.CodeAction | None:
    """Every safe fix in the document at once: what ``smarthub check --fix`` writes.

    Fixes whose spans overlap one taken already wait for the next pass, and passes repeat
    on the fixed text until nothing is left to fix, as ``--fix`` does. Worked out once per
    version of the document: editors ask for code actions at every cursor move.
    """
    if "fix_all" not in document.memo:
        document.memo["fix_all"] = _fix_all(document)
    return document.memo["fix_all"]


def _fix_all(document: Document) -> types.CodeAction | None:
    first = _safe_edits(document.checked.findings)
    if not first:
        return None
    text, fixed, edits = document.text, 0, first
    for _ in range(_FIX_PASSES):
        if not edits:
            break
        fixed += len(edits)
        for start, end, replacement in reversed(edits):
            text = text[:start] + replacement + text[end:]
        checked = document.snapshot.check(document.rel, text, today=document.today)
        edits = _safe_edits(checked.findings) if checked else []
    if fixed == len(first):  # one pass: one edit per fix, so the cursor stays put
        changes = [_text_edit(document.lines, *edit) for edit in first]
    else:
        changes = [_changed_stretch(document.lines, document.text, text)]
    return types.CodeAction(
        title=f"Fix all smarthub findings with a safe fix ({fixed})",
        kind=FIX_ALL,
        edit=_edit(document.uri, changes),
    )


def _safe_edits(findings: list[Finding]) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    reached = -1
    fixable = [finding.edit for finding in findings if finding.edit is not None]
    for edit in sorted(fixable, key=lambda edit: edit.start):
        if edit.start >= reached:
            edits.append((edit.start, edit.end, edit.replacement))
            reached = edit.end
    return edits


def _changed_stretch(lines: LineIndex, old: str, new: str) -> types.TextEdit:
    """One edit from the first to the last character that differs (linear time)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return _text_edit(lines, prefix, len(old) - suffix, new[prefix : len(new) - suffix])


def _suppress_action(
    document: Document, finding: Finding, shown: types.Diagnostic
) -> types.CodeAction | None:
    """A ``smarthub-disable-next-line`` comment for the finding's line, placed so that the
    page renders as before: on a line of its own above a block's first line, but at the
    end of the line above within a paragraph or list (a comment line there would split
    the paragraph). None inside a table, where neither place is safe."""
    text = document.text
    source = document.checked.source
    directive = f"<!-- smarthub-disable-next-line {finding.code} -->"
    line_start = source.line_starts[finding.line - 1]
    previous = source.line_text(finding.line - 1) if finding.line > 1 else ""
    if line_start > source.body_start and previous.strip():
        if _TABLE_LINE.match(previous):
            return None
        if not _BLOCK_BOUNDARY.match(previous):
            previous_start = source.line_starts[finding.line - 2]
            at = previous_start + len(previous.rstrip())  # before a hard break's two spaces
            insertion = (at, f" {directive}")
        else:
            insertion = None
    else:
        insertion = None
    if insertion is None:
        indent = len(text[line_start:]) - len(text[line_start:].lstrip(" \t"))
        newline = "\r\n" if "\r\n" in text else "\n"
        insertion = (line_start, f"{text[line_start : line_start + indent]}{directive}{newline}")
    at, new_text = insertion
    return types.CodeAction(
        title=f"Suppress {finding.code} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[shown],
        edit=_edit(document.uri, [_text_edit(document.lines, at, at, new_text)]),
    )


def _alias_action(document: Document, finding: Finding, start: int) -> types.CodeAction | None:
    """For TERM001 and TERM003: make the spelling written here an accepted alias of its term."""
    if finding.code not in ("TERM001", "TERM003"):
        return None
    span = document.term_at(start)
    if span is None:
        return None
    form = span.occurrence.form
    term = document.checked.hub.terms.get(form.term_id)
    if term is None or term.source.rel == document.rel:
        return None
    if finding.code == "TERM001":
        alias = form.text
        avoided = [avoid.text for avoid in term.avoid].index(alias)
    else:
        alias, avoided = span.occurrence.stem, None
    edits = alias_edits(term, alias, avoided)
    if edits is None:
        return None
    entry = term.source
    lines = LineIndex(entry.text, document.encoding)
    return types.CodeAction(
        title=f"Accept '{alias}' as an alias of '{term.term}' (edits {entry.rel})",
        kind=types.CodeActionKind.QuickFix,
        edit=_edit(
            entry.path.as_uri(),
            [_text_edit(lines, start_, end_, new) for start_, end_, new in edits],
        ),
    )


def alias_edits(term: Term, alias: str, avoided: int | None) -> list[tuple[int, int, str]] | None:
    """Offsets and texts that add ``alias`` to a glossary entry's ``aliases`` (and remove the
    ``avoided``-th ``avoid`` form, which would otherwise conflict with it), keeping the rest
    of the file as written. None when the front matter is laid out in a way not handled."""
    source = term.source
    text = source.text
    newline = "\r\n" if "\r\n" in text else "\n"
    value = _yaml_scalar(alias)
    edits: list[tuple[int, int, str]] = []
    span = source.value_span("aliases")
    if span is not None and term.aliases:
        start, end = span
        if text[start] == "[":
            closing = text.rfind("]", start, end)
            edits.append((closing, closing, f", {value}"))
        else:
            last_start, last_end = source.value_span("aliases", len(term.aliases) - 1) or span
            line_start = text.rfind("\n", 0, last_start) + 1
            line_end = _line_end(text, last_end)
            edits.append((line_end, line_end, f"{newline}{text[line_start:last_start]}{value}"))
    else:
        line = f"aliases: [{value}]{newline}"
        empty = source.key_span("aliases")  # `aliases:` or `aliases: []`: replace that line
        key = empty or source.key_span("term")
        if key is None:
            return None
        line_start = text.rfind("\n", 0, key[0]) + 1
        line_end = text.find("\n", key[0])
        if line_end == -1:
            return None
        edits.append(
            (line_start, line_end + 1, line) if empty else (line_end + 1, line_end + 1, line)
        )
    if avoided is not None:
        removal = _list_item_removal(source, "avoid", avoided, len(term.avoid))
        if removal is None:
            return None
        edits.append(removal)
    return sorted(edits)


def _list_item_removal(source, key: str, index: int, count: int) -> tuple[int, int, str] | None:
    text = source.text
    span = source.value_span(key)
    item = source.value_span(key, index)
    if span is None or item is None:
        return None
    start, end = item
    if text[span[0]] == "[":  # flow list: take the item and one comma next to it
        if index + 1 < count:
            following = source.value_span(key, index + 1)
            return (start, following[0], "") if following else None
        if index > 0:
            previous = source.value_span(key, index - 1)
            return (previous[1], end, "") if previous else None
        return start, end, ""
    dash = text.rfind("-", 0, start)
    line_start = text.rfind("\n", 0, dash) + 1
    if text[line_start:dash].strip():
        return None
    end = _line_end(text, end - 1 if text[end - 1 : end] == "\n" else end)
    return line_start, min(len(text), end + (2 if text[end : end + 2] == "\r\n" else 1)), ""


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    end = len(text) if end == -1 else end
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _yaml_scalar(text: str) -> str:
    """``text`` as a YAML value in a flow list: plain when safe, double-quoted otherwise."""
    if _PLAIN_YAML.fullmatch(text):
        try:
            if yaml.safe_load(f"[{text}]") == [text]:  # not a number, date or yes/no
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _text_edit(lines: LineIndex, start: int, end: int, new_text: str) -> types.TextEdit:
    return types.TextEdit(range=lines.range(start, end), new_text=new_text)


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})
