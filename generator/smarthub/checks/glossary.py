"""Glossary rules: forms that clash between entries, and terms nobody signed off."""

from __future__ import annotations

from collections.abc import Iterator

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity
from smarthub.matcher import Form, normal_spelling
from smarthub.model import Term

_KEY_OF_KIND = {
    "term": "term",
    "alias": "aliases",
    "abbreviation": "abbreviation",
    "avoid": "avoid",
}


def _form_span(term: Term, form: Form) -> tuple[int, int]:
    """File offsets of a form's value in the entry's front matter."""
    source = term.source
    key = _KEY_OF_KIND[form.kind]
    if form.kind in ("alias", "avoid"):
        texts = term.aliases if form.kind == "alias" else [avoid.text for avoid in term.avoid]
        if form.text in texts:
            index = texts.index(form.text)
            span = source.value_span(key, index, "text") or source.value_span(key, index)
            if span is not None:
                return span
    return source.value_span(key) or (0, 3)


def _same_spelling(
    claimed: dict[tuple[bool, str], tuple[Term, Form]], exact: bool, spelling: str
) -> tuple[Term, Form] | None:
    """A form of the other exactness written exactly like ``spelling``: the same form.

    An exact-case form and a case-insensitive one clash only when spelled identically
    (``Sales Force`` avoided exactly beside the term ``sales force`` is the point of
    ``case: exact``; beside the term ``Sales Force`` it is a contradiction).
    """
    other = claimed.get((not exact, spelling.casefold() if exact else spelling))
    if other is not None and normal_spelling(other[1].text) == spelling:
        return other
    return None


@register(
    "GLOS001",
    "glossary.conflict",
    Severity.ERROR,
    "Two glossary entries share a form, or a form is both accepted and avoided.",
    """
What it does: compares every form of every glossary entry (canonical term, aliases,
abbreviation, avoided forms; case-insensitively, abbreviations and `case: exact` avoided
forms exactly; NFC and NFD spellings alike) and flags a form
that two entries claim, or that one entry accepts while another (or the same one) avoids it.
The later entry, in path order, is flagged.

Why: a form that means two things cannot be checked: the linter would have to guess which
definition the writer meant.

Example that fails (`glossary/sql.md` and `glossary/structured-query.md` both):

    abbreviation: SQL

Example that passes: one entry keeps the abbreviation, the other spells itself out.
""",
)
def check_conflicts(ctx: CheckContext) -> Iterator[Finding]:
    reported = ctx.reported
    if reported is not None and not any(t.source.rel in reported for t in ctx.hub.terms.values()):
        return  # a batch of content files: no glossary entry to report on
    claimed: dict[tuple[bool, str], tuple[Term, Form]] = {}
    forms_by_id = ctx.glossary_forms
    terms = sorted(ctx.hub.terms.items(), key=lambda item: item[1].source.rel)
    for term_id, term in terms:
        seen_in_entry: set[tuple[bool, str]] = set()
        for form in forms_by_id[term_id]:
            exact = form.case_sensitive  # an abbreviation, or an avoided form with case: exact
            spelling = normal_spelling(form.text)
            key = (exact, spelling if exact else spelling.casefold())
            if key in seen_in_entry and form.kind != "avoid":
                continue  # the same entry repeating an accepted form is harmless
            seen_in_entry.add(key)
            first = claimed.get(key) or _same_spelling(claimed, exact, spelling)
            if first is None:
                claimed[key] = (term, form)
                continue
            other_term, other_form = first
            if other_form.accepted == form.accepted and other_term is term:
                continue
            if ctx.reported is not None and term.source.rel not in ctx.reported:
                continue
            if other_form.accepted != form.accepted:
                accepted_by = other_term if other_form.accepted else term
                avoided_by = term if other_form.accepted else other_term
                message = (
                    f"'{form.text}' is accepted by '{accepted_by.id}' but avoided by '{avoided_by.id}': "
                    "decide which, and remove it from the other"
                )
            else:
                message = (
                    f"'{form.text}' is already a form of '{other_term.id}' ({other_term.source.rel}): "
                    "a form may belong to one entry only"
                )
            start, end = _form_span(term, form)
            yield ctx.finding(check_conflicts, term.source, start, end, message)


@register(
    "GLOS002",
    "glossary.unapproved",
    Severity.ERROR,
    "An approved term lacks sign-off from a team in required_approvals.",
    """
What it does: for every glossary entry whose `status` is `approved` (the default), checks
that `approved_by` lists every team named in `required_approvals`.

Why: the glossary is a contract between the teams. A definition only one side agreed to
is a proposal; mark it `status: proposed` until the other side signs it off.

Example that fails (`required_approvals: [sales, marketing]`):

    status: approved
    approved_by: [marketing]

Example that passes:

    status: approved
    approved_by: [marketing, sales]
""",
)
def check_approvals(ctx: CheckContext) -> Iterator[Finding]:
    required = ctx.hub.config.required_approvals
    for term in ctx.hub.terms.values():
        if term.status != "approved" or (
            ctx.reported is not None and term.source.rel not in ctx.reported
        ):
            continue
        missing = [team for team in required if team not in term.approved_by]
        if not missing:
            continue
        source = term.source
        start, end = source.value_span("approved_by") or source.value_span("term") or (0, 3)
        teams = " and ".join(missing)
        yield ctx.finding(
            check_approvals,
            source,
            start,
            end,
            f"'{term.term}' is approved but not signed off by {teams}: add {teams} to approved_by "
            "once they agree, or set status: proposed",
        )
