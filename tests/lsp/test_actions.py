"""Code actions on their variants: where a suppression goes, and how an alias is added.

These call the server's own action code on a real hub (no client round trip, so the many
layouts stay fast); ``test_lsp.py`` covers the same actions through a client over stdio.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from lsprotocol import types

from smarthub.buffer import HubSnapshot
from smarthub.lsp.actions import alias_edits, code_actions, diagnostic
from smarthub.lsp.document import Document
from tests.conftest import entry
from tests.lsp.conftest import GLOSSARY, asset
from tests.lsp.test_lsp import apply_edits

TODAY = dt.date(2026, 11, 23)
EVERYWHERE = types.Range(
    start=types.Position(line=0, character=0), end=types.Position(line=999, character=0)
)


def document(root: Path, rel: str, text: str) -> Document:
    """``text`` opened as the hub file ``rel``, checked as the server checks it."""
    snapshot = HubSnapshot(root / "mkdocs.yml")
    checked = snapshot.check(rel, text, today=TODAY)
    assert checked is not None
    path = root / rel
    return Document(path.as_uri(), path, rel, text, snapshot, checked, "utf-16", TODAY)


def actions_titled(doc: Document, prefix: str) -> list[types.CodeAction]:
    return [action for action in code_actions(doc, EVERYWHERE) if action.title.startswith(prefix)]


def suppressed(root: Path, body: str) -> str | None:
    """The file after "Suppress ..." on its only finding (None when not offered), re-checked clean."""
    text = asset(body)
    doc = document(root, "content/note.md", text)
    assert len(doc.checked.findings) == 1, doc.checked.findings
    actions = actions_titled(doc, "Suppress")
    if not actions:
        return None
    new_text = apply_edits(text, actions[0].edit.changes[doc.uri])
    assert document(root, "content/note.md", new_text).checked.findings == []  # no LINT001 either
    return new_text[len(asset("")) :]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Send the e-mail.\n",
            "<!-- smarthub-disable-next-line TERM001 -->\nSend the e-mail.\n",
            id="first-line-of-body",
        ),
        pytest.param(
            "Intro.\n\nSend the e-mail.\n",
            "Intro.\n\n<!-- smarthub-disable-next-line TERM001 -->\nSend the e-mail.\n",
            id="first-line-of-paragraph",
        ),
        pytest.param(
            "A long sentence\nthat ends with e-mail.\n",
            "A long sentence <!-- smarthub-disable-next-line TERM001 -->\nthat ends with e-mail.\n",
            id="inside-paragraph-keeps-one-paragraph",
        ),
        pytest.param(
            "A hard break  \nthen e-mail.\n",
            "A hard break <!-- smarthub-disable-next-line TERM001 -->  \nthen e-mail.\n",
            id="hard-break-kept",
        ),
        pytest.param(
            "- one\n- two e-mail\n",
            "- one <!-- smarthub-disable-next-line TERM001 -->\n- two e-mail\n",
            id="list-item-after-item",
        ),
        pytest.param(
            "- one\n\n  nested e-mail\n",
            "- one\n\n  <!-- smarthub-disable-next-line TERM001 -->\n  nested e-mail\n",
            id="indented-keeps-indent",
        ),
        pytest.param(
            "# Heading\nSend the e-mail.\n",
            "# Heading\n<!-- smarthub-disable-next-line TERM001 -->\nSend the e-mail.\n",
            id="after-heading",
        ),
        pytest.param(
            "```\ncode\n```\nSend the e-mail.\n",
            "```\ncode\n```\n<!-- smarthub-disable-next-line TERM001 -->\nSend the e-mail.\n",
            id="after-fence",
        ),
        pytest.param("| a | b |\n|---|---|\n| x | e-mail |\n", None, id="table-row-not-offered"),
    ],
)
def test_suppression_keeps_the_page_as_it_renders(
    hub: Callable[..., Path], body: str, expected: str | None
) -> None:
    assert suppressed(hub(GLOSSARY), body) == expected


def test_no_suppression_comment_in_front_matter(hub: Callable[..., Path]) -> None:
    root = hub(GLOSSARY)
    text = asset("Body.\n").replace("title: Follow-up", "title: Our e-mail")
    doc = document(root, "content/note.md", text)
    assert [finding.code for finding in doc.checked.findings] == ["TERM001"]
    assert actions_titled(doc, "Suppress") == []
    assert [action.title for action in actions_titled(doc, "Replace")] == [
        "Replace 'e-mail' with 'email' (TERM001)"
    ]


MQL_LAYOUTS = {
    "flow-lists": "term: Marketing Qualified Lead\naliases: [MQL lead]\navoid: [hot lead, warm lead]",
    "block-lists": "term: Marketing Qualified Lead\naliases:\n  - MQL lead\navoid:\n  - warm lead\n  - hot lead",
    "no-aliases-avoid-with-reason": (
        "term: Marketing Qualified Lead\navoid:\n  - text: hot lead\n    reason: too vague\n"
        "  - warm lead"
    ),
    "empty-aliases-only-avoid": "term: Marketing Qualified Lead\naliases: []\navoid: [hot lead]",
}


@pytest.mark.parametrize("layout", list(MQL_LAYOUTS))
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_accepting_an_avoided_form_moves_it_to_aliases(
    hub: Callable[..., Path], layout: str, newline: str
) -> None:
    front = MQL_LAYOUTS[layout] + "\nowner: marketing\napproved_by: [sales, marketing]"
    text = entry(front, "A scored lead.\n").replace("\n", newline)
    root = hub({**GLOSSARY, "glossary/marketing-qualified-lead.md": text})
    doc = document(root, "content/note.md", asset("Call every hot lead.\n"))
    (action,) = actions_titled(doc, "Accept")
    assert action.title == (
        "Accept 'hot lead' as an alias of 'Marketing Qualified Lead' "
        "(edits glossary/marketing-qualified-lead.md)"
    )
    entry_path = root / "glossary" / "marketing-qualified-lead.md"
    ((uri, edits),) = action.edit.changes.items()
    assert uri == entry_path.as_uri()
    new_entry = apply_edits(text, edits)
    assert ("\r\n" in new_entry) == (newline == "\r\n")
    assert "\n" not in new_entry.replace("\r\n", "") if newline == "\r\n" else True
    meta = yaml.safe_load(new_entry.replace("\r\n", "\n").split("---\n")[1])
    assert meta["aliases"][-1] == "hot lead"
    assert "hot lead" not in [
        item if isinstance(item, str) else item["text"] for item in meta.get("avoid") or []
    ]
    # Saved, the entry is valid and the document is clean.
    entry_path.write_bytes(new_entry.encode("utf-8"))
    after = document(root, "content/note.md", asset("Call every hot lead.\n"))
    assert after.checked.findings == []
    assert [finding.code for finding in after.checked.hub.problems] == []


def test_accepting_a_spelling_adds_it_as_written(hub: Callable[..., Path]) -> None:
    glossary = {
        **GLOSSARY,
        "glossary/ab-test.md": entry(
            "term: A/B test\ncasing: exact\nowner: marketing\napproved_by: [sales, marketing]",
            "Two versions compared.\n",
        ),
    }
    root = hub(glossary)
    doc = document(root, "content/note.md", asset("Run an a/B Test.\n"))
    (action,) = actions_titled(doc, "Accept")
    assert action.title == "Accept 'a/B Test' as an alias of 'A/B test' (edits glossary/ab-test.md)"
    ((uri, edits),) = action.edit.changes.items()
    assert uri == (root / "glossary" / "ab-test.md").as_uri()
    new_entry = apply_edits((root / "glossary" / "ab-test.md").read_text(encoding="utf-8"), edits)
    assert "term: A/B test\naliases: [a/B Test]\ncasing: exact\n" in new_entry


@pytest.mark.parametrize(
    ("alias", "written"),
    [
        ("hot lead", "hot lead"),
        ("YES", '"YES"'),  # plain, YAML would read true
        ("2024", '"2024"'),  # a number
        ("lead: warm", '"lead: warm"'),
        ("#1 lead", '"#1 lead"'),
        ("[draft]", '"[draft]"'),
        ("O’Brien’s list", "O’Brien’s list"),
    ],
)
def test_aliases_are_written_as_yaml_reads_them_back(
    hub: Callable[..., Path], alias: str, written: str
) -> None:
    root = hub(GLOSSARY)
    term = HubSnapshot(root / "mkdocs.yml").hub.terms["email"]
    edits = alias_edits(term, alias, None)
    assert edits is not None
    ((start, end, new_text),) = edits
    new_entry = term.source.text[:start] + new_text + term.source.text[end:]
    assert f"aliases: [{written}]\n" in new_entry
    assert yaml.safe_load(new_entry.split("---\n")[1])["aliases"] == [alias]


def test_no_alias_action_for_findings_without_a_term(hub: Callable[..., Path]) -> None:
    doc = document(hub(GLOSSARY), "content/note.md", asset("Ask for the QBR.\n"))
    assert [finding.code for finding in doc.checked.findings] == ["TERM004"]
    assert actions_titled(doc, "Accept") == []
    assert actions_titled(doc, "Fix all") == []


def test_a_bom_in_the_buffer_shifts_only_the_first_line(hub: Callable[..., Path]) -> None:
    root = hub(GLOSSARY)
    text = "\ufeffSend the e-mail.\nAn e-mail.\n"
    doc = document(root, "content/index.md", text)
    ranges = [diagnostic(doc, finding).range for finding in doc.checked.findings]
    assert [(r.start.line, r.start.character, r.end.character) for r in ranges] == [
        (0, 10, 16),  # the BOM is a character of the editor's first line
        (1, 3, 9),
    ]
    (fix_all,) = actions_titled(doc, "Fix all")
    assert apply_edits(text, fix_all.edit.changes[doc.uri]) == "\ufeffSend the email.\nAn email.\n"


def test_fix_all_repeats_until_nothing_is_left_to_fix(hub: Callable[..., Path]) -> None:
    """A chain of deprecated terms is fixed to its end in one step, with the other fixes."""
    signed = "owner: sales\napproved_by: [sales, marketing]"
    glossary = {
        **GLOSSARY,
        "glossary/suspect.md": entry(
            f"term: suspect\nstatus: deprecated\nreplaced_by: prospect\n{signed}", "Old.\n"
        ),
        "glossary/prospect.md": entry(
            f"term: prospect\nstatus: deprecated\nreplaced_by: lead\n{signed}", "Older.\n"
        ),
        "glossary/lead.md": entry(f"term: lead\n{signed}", "A person who may buy.\n"),
    }
    text = asset("Call the suspect about the e-mail.\n")
    doc = document(hub(glossary), "content/note.md", text)
    (fix_all,) = actions_titled(doc, "Fix all")
    assert fix_all.title == "Fix all smarthub findings with a safe fix (2)"
    assert apply_edits(text, fix_all.edit.changes[doc.uri]) == asset(
        "Call the lead about the email.\n"
    )


def test_a_form_across_a_line_break_is_named_on_one_line(hub: Callable[..., Path]) -> None:
    text = asset("Call every hot\nlead today.\n")
    doc = document(hub(GLOSSARY), "content/note.md", text)
    (replace,) = actions_titled(doc, "Replace")
    assert replace.title == "Replace 'hot lead' with 'Marketing Qualified Lead' (TERM001)"
    assert apply_edits(text, replace.edit.changes[doc.uri]) == asset(
        "Call every Marketing Qualified Lead today.\n"
    )
