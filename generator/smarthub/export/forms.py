"""Every form of every glossary term with its status: the one table all exports are built from.

Statuses (the CSV's words; TBX and Vale map them):

- ``preferred``: the canonical term and its abbreviation;
- ``admitted``: an alias;
- ``forbidden``: a form listed under ``avoid``;
- ``deprecated``: any form of a term whose status is ``deprecated``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from smarthub.matcher import Form, forms_of
from smarthub.model import Term

PREFERRED, ADMITTED, FORBIDDEN, DEPRECATED = "preferred", "admitted", "forbidden", "deprecated"
STATUSES = (PREFERRED, ADMITTED, FORBIDDEN, DEPRECATED)


@dataclass(frozen=True)
class FormRow:
    """One form of one term, as every export sees it."""

    term: Term
    form: Form
    status: str
    suggestion: str  # what to write instead ("" for preferred and admitted forms)

    @property
    def reason(self) -> str:
        """Why the form is avoided ("" when the glossary gives no reason)."""
        return self.form.reason or ""


def form_status(term: Term, form: Form) -> str:
    """The status of ``form`` of ``term``."""
    if term.status == "deprecated":
        return DEPRECATED
    if form.kind == "avoid":
        return FORBIDDEN
    if form.kind == "alias":
        return ADMITTED
    return PREFERRED


def form_rows(terms: Iterable[Term]) -> list[FormRow]:
    """Every form of every term, by term id, each term's forms in glossary order.

    Glossary order is: the term, its aliases, its abbreviation, then its avoided forms.
    """
    by_id = {term.id: term for term in terms}
    rows: list[FormRow] = []
    for term_id in sorted(by_id):
        term = by_id[term_id]
        for form in forms_of(term):
            if not form.text.strip():
                continue
            status = form_status(term, form)
            rows.append(FormRow(term, form, status, _suggestion(term, form, status, by_id)))
    return rows


def _suggestion(term: Term, form: Form, status: str, by_id: dict[str, Term]) -> str:
    """The form to write instead, as TERM001 and TERM002 suggest it."""
    if status == FORBIDDEN:
        return term.term
    if status != DEPRECATED:
        return ""
    replacement = by_id.get(term.replaced_by or "")
    if replacement is None:
        return term.replaced_by or ""
    if form.kind == "abbreviation" and replacement.abbreviation:
        return replacement.abbreviation
    return replacement.term
