"""The glossary as CSV: one row per form, for spreadsheets and translation-memory tools."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from smarthub.export.forms import form_rows
from smarthub.model import Term

COLUMNS = ("id", "form", "kind", "status", "suggestion", "reason", "definition")


def render_csv(terms: Iterable[Term]) -> str:
    """A header row, then one row per form (RFC 4180 quoting, ``\\n`` line ends, no BOM).

    ``kind`` is term, alias, abbreviation or avoid; ``status`` is preferred, admitted,
    forbidden or deprecated; ``suggestion`` is the form to write instead (empty for
    preferred and admitted forms); the term's definition is repeated on each of its rows so
    every row stands on its own when imported.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in form_rows(terms):
        writer.writerow(
            (
                row.term.id,
                row.form.text,
                row.form.kind,
                row.status,
                row.suggestion,
                row.reason,
                row.term.definition,
            )
        )
    return buffer.getvalue()
