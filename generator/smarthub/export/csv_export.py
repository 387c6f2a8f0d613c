"""The glossary as CSV: one row per form, for spreadsheets and translation-memory tools."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from smarthub.export.forms import form_rows
from smarthub.model import Term

COLUMNS = ("id", "form", "kind", "status", "suggestion", "reason", "definition")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """``value`` safe to open in a spreadsheet: a leading ``=``, ``+``, ``-`` or ``@`` gets a ``'``.

    Excel, LibreOffice and Google Sheets run a cell starting with these as a formula (OWASP's
    CSV injection); the apostrophe makes it text, and spreadsheets do not show it.
    """
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def render_csv(terms: Iterable[Term]) -> str:
    """A header row, then one row per form (RFC 4180 quoting, ``\\n`` line ends, no BOM).

    ``kind`` is term, alias, abbreviation or avoid; ``status`` is preferred, admitted,
    forbidden or deprecated; ``suggestion`` is the form to write instead (empty for
    preferred and admitted forms); the term's definition is repeated on each of its rows so
    every row stands on its own when imported. Cells that a spreadsheet would run as a
    formula are neutralised (see ``cell``).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in form_rows(terms):
        values = (
            row.term.id,
            row.form.text,
            row.form.kind,
            row.status,
            row.suggestion,
            row.reason,
            row.term.definition,
        )
        writer.writerow([cell(value or "") for value in values])
    return buffer.getvalue()
