"""The glossary as TBX-Basic, for translation (CAT) and terminology (TMS) tools.

TBX is ISO 30042:2019 (namespace ``urn:iso:std:iso:30042:ed-2``); the file follows the
TBX-Basic dialect 1.0 in DCA style, whose RELAX NG and Schematron rules (LTAC Global) fix
which data categories may appear and where. The tests check those rules on the output.

One ``conceptEntry`` per term (its ``id`` is the term id), one ``langSec`` in the hub's
language, one ``termSec`` per form. The mapping, using only data categories the
TBX-Basic dialect allows:

==========================  ================================================================
glossary                    TBX-Basic
==========================  ================================================================
term / abbreviation / alias ``termSec`` with ``termNote type="termType"``: ``fullForm`` /
                            ``acronym`` (all capitals, as MQL) or ``abbreviation`` / ``variant``
status of each form         ``termNote type="administrativeStatus"``: preferred ->
                            ``preferredTerm-admn-sts``, admitted -> ``admittedTerm-admn-sts``,
                            forbidden (avoid) -> ``deprecatedTerm-admn-sts``, a deprecated
                            term's forms -> ``supersededTerm-admn-sts``
avoid reason                ``note`` in the form's ``termSec``
replaced_by                 ``ref type="crossReference"`` in each ``termSec`` of the deprecated term
related                     ``ref type="crossReference"`` on the ``conceptEntry``
definition                  ``descrip type="definition"`` on the ``langSec``
reviewed, owner             ``transacGrp``: ``transac`` modification, ``date``, ``transacNote``
                            responsibility
status, approved_by         ``note`` on the ``conceptEntry``
==========================  ================================================================

Cross-references only point at terms in the same file (TBX ``target`` is an IDREF).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from smarthub.export.forms import ADMITTED, DEPRECATED, FORBIDDEN, PREFERRED, FormRow, form_rows
from smarthub.model import Term

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGE = "en"
ADMINISTRATIVE_STATUS = {
    PREFERRED: "preferredTerm-admn-sts",
    ADMITTED: "admittedTerm-admn-sts",
    FORBIDDEN: "deprecatedTerm-admn-sts",
    DEPRECATED: "supersededTerm-admn-sts",
}
STATUS_OF_ADMINISTRATIVE_STATUS = {value: key for key, value in ADMINISTRATIVE_STATUS.items()}
_NCNAME = re.compile(r"[^\W\d][\w.-]*")
# Characters XML 1.0 does not allow in a document, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_tbx(terms: Iterable[Term], *, language: str = LANGUAGE) -> str:
    """A TBX-Basic document (UTF-8 XML text) with one concept entry per term, by id."""
    ordered = sorted(terms, key=lambda term: term.id)
    concept_ids = concept_ids_for(term.id for term in ordered)
    rows_by_term: dict[str, list[FormRow]] = {}
    for row in form_rows(ordered):
        rows_by_term.setdefault(row.term.id, []).append(row)

    ET.register_namespace("", NAMESPACE)
    root = _element("tbx", type="TBX-Basic", style="dca")
    root.set(XML_LANG, language)
    header = _sub(_sub(root, "tbxHeader"), "fileDesc")
    _sub(_sub(header, "sourceDesc"), "p", "Glossary exported by smarthub from the hub's glossary.")
    body = _sub(_sub(root, "text"), "body")
    by_id = {term.id: term for term in ordered}
    for term in ordered:
        _concept(body, term, rows_by_term.get(term.id, []), concept_ids, by_id, language)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def concept_ids_for(term_ids: Iterable[str]) -> dict[str, str]:
    """A valid, unique XML id (NCName) per term id; the term id itself whenever it is one."""
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for term_id in term_ids:
        candidate = (
            term_id if _NCNAME.fullmatch(term_id) else "term-" + re.sub(r"[^\w.-]", "-", term_id)
        )
        unique, number = candidate, 2
        while unique in taken:
            unique, number = f"{candidate}-{number}", number + 1
        taken.add(unique)
        chosen[term_id] = unique
    return chosen


def term_type(row: FormRow) -> str | None:
    """The TBX-Basic termType of a form (none for avoided forms)."""
    kind = row.form.kind
    if kind == "term":
        return "fullForm"
    if kind == "abbreviation":
        letters = row.form.text.replace(".", "")
        return "acronym" if letters.isalpha() and letters.isupper() else "abbreviation"
    if kind == "alias":
        return "variant"
    return None


def _concept(
    body: ET.Element,
    term: Term,
    rows: list[FormRow],
    ids: dict[str, str],
    by_id: dict[str, Term],
    language: str,
) -> None:
    concept = _sub(body, "conceptEntry", id=ids[term.id])
    if term.reviewed is not None:
        transaction = _sub(concept, "transacGrp")
        _sub(transaction, "transac", "modification", type="transactionType")
        _sub(transaction, "date", term.reviewed.isoformat())
        _sub(transaction, "transacNote", term.owner, type="responsibility")
    note = f"Status: {term.status}. Owner: {term.owner}."
    if term.approved_by:
        note += f" Approved by: {', '.join(term.approved_by)}."
    _sub(concept, "note", note)
    for related in term.related:
        if related in by_id:
            _sub(concept, "ref", by_id[related].term, type="crossReference", target=ids[related])
    language_section = _sub(concept, "langSec")
    language_section.set(XML_LANG, language)
    if term.definition:
        _sub(language_section, "descrip", term.definition, type="definition")
    replacement = ids.get(term.replaced_by or "") if term.status == "deprecated" else None
    for row in rows:
        section = _sub(language_section, "termSec")
        _sub(section, "term", row.form.text)
        _sub(section, "termNote", ADMINISTRATIVE_STATUS[row.status], type="administrativeStatus")
        kind = term_type(row)
        if kind is not None:
            _sub(section, "termNote", kind, type="termType")
        if row.reason:
            _sub(section, "note", row.reason)
        if replacement is not None:
            _sub(section, "ref", row.suggestion, type="crossReference", target=replacement)


def _element(tag: str, **attributes: str) -> ET.Element:
    return ET.Element(f"{{{NAMESPACE}}}{tag}", attributes)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes)
    if text is not None:
        child.text = _NOT_XML.sub("", text)
    return child
