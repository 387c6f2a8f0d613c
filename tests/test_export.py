"""``smarthub export``: exact output per format, TBX structure and status round trip, safe writes.

Golden files live in ``tests/fixtures/export/``. They change only on purpose: after a
deliberate format change, run ``SMARTHUB_UPDATE_GOLDEN=1 python -m pytest tests/test_export.py``
and review the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest

from smarthub.export import FORMATS
from smarthub.export.abbreviations import short_definition
from smarthub.export.tbx import NAMESPACE, concept_ids_for
from smarthub.export.vale import escape
from tests.conftest import entry
from tests.test_cli import run

GOLDEN = Path(__file__).parent / "fixtures" / "export"
UPDATE = os.environ.get("SMARTHUB_UPDATE_GOLDEN") == "1"
TBX = f"{{{NAMESPACE}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

GLOSSARY = {
    "glossary/marketing-qualified-lead.md": entry(
        """
        term: Marketing Qualified Lead
        abbreviation: MQL
        aliases: [marketing-qualified lead]
        avoid:
          - hot lead
          - text: warm lead
            reason: too vague; say MQL
        owner: marketing
        approved_by: [marketing, sales]
        related: [sales-qualified-lead, nowhere]
        reviewed: 2026-10-01
        """,
        "A lead that marketing scored above 60 points. It goes to an SDR within 4 hours.\n",
    ),
    "glossary/sales-qualified-lead.md": entry(
        """
        term: Sales Qualified Lead
        abbreviation: SQL
        owner: sales
        approved_by: [sales, marketing]
        related: [marketing-qualified-lead]
        """,
        "A lead an account executive accepted as a real buying conversation.\n",
    ),
    "glossary/sales-ready-lead.md": entry(
        """
        term: Sales-ready lead
        abbreviation: SRL
        aliases: [sales ready lead]
        avoid:
          - text: hot prospect
            reason: slang
        status: deprecated
        replaced_by: sales-qualified-lead
        owner: sales
        reviewed: 2025-01-15
        """,
        "A retired name for a qualified lead.\n",
    ),
    "glossary/ledger-io.md": entry(
        """
        term: "Ledger.io <Pro> & Co"
        casing: exact
        avoid: ["Ledger*io (beta)", "ledger io?"]
        owner: marketing
        approved_by: [marketing, sales]
        """,
        'The plan called "Pro": billing & approvals in one <em>place</em>.\n',
    ),
    "glossary/3-way-match.md": entry(
        """
        term: Three-way match
        abbreviation: 3WM
        status: proposed
        owner: sales
        """,
        "Matching the purchase order, the goods receipt and the invoice before paying.\n",
    ),
}

# What the glossary says, written out by hand: (concept, form, status).
EXPECTED_STATUSES = {
    ("marketing-qualified-lead", "Marketing Qualified Lead", "preferred"),
    ("marketing-qualified-lead", "marketing-qualified lead", "admitted"),
    ("marketing-qualified-lead", "MQL", "preferred"),
    ("marketing-qualified-lead", "hot lead", "forbidden"),
    ("marketing-qualified-lead", "warm lead", "forbidden"),
    ("sales-qualified-lead", "Sales Qualified Lead", "preferred"),
    ("sales-qualified-lead", "SQL", "preferred"),
    ("sales-ready-lead", "Sales-ready lead", "deprecated"),
    ("sales-ready-lead", "sales ready lead", "deprecated"),
    ("sales-ready-lead", "SRL", "deprecated"),
    ("sales-ready-lead", "hot prospect", "deprecated"),
    ("ledger-io", "Ledger.io <Pro> & Co", "preferred"),
    ("ledger-io", "Ledger*io (beta)", "forbidden"),
    ("ledger-io", "ledger io?", "forbidden"),
    ("3-way-match", "Three-way match", "preferred"),
    ("3-way-match", "3WM", "preferred"),
}
TBX_STATUS = {
    "preferredTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "forbidden",
    "supersededTerm-admn-sts": "deprecated",
}


@pytest.fixture
def glossary_hub(hub: Callable[..., Path]) -> Path:
    return hub(GLOSSARY)


def export(root: Path, *args: str) -> str:
    done = run(root, "export", *args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


# -- exact output per format -------------------------------------------------------------


@pytest.mark.parametrize(
    ("output_format", "golden"),
    [
        ("json", "glossary.json"),
        ("csv", "glossary.csv"),
        ("tbx", "glossary.tbx"),
        ("abbreviations", "abbreviations.md"),
    ],
)
def test_output_matches_golden(glossary_hub: Path, output_format: str, golden: str) -> None:
    assert_golden(golden, export(glossary_hub, "--format", output_format))


def test_vale_folder_matches_golden(glossary_hub: Path, tmp_path: Path) -> None:
    done = run(glossary_hub, "export", "--format", "vale", "-o", str(tmp_path / "styles"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    folder = tmp_path / "styles" / "config" / "vocabularies" / "Smarthub"
    assert sorted(path.name for path in folder.iterdir()) == ["accept.txt", "reject.txt"]
    for name in ("accept.txt", "reject.txt"):
        assert_golden(f"vale/{name}", (folder / name).read_text(encoding="utf-8"))


def test_cli_format_choices_match_the_export_package() -> None:
    from smarthub.cli import export_glossary

    choice = next(param for param in export_glossary.params if param.name == "output_format")
    assert tuple(choice.type.choices) == FORMATS


# -- JSON --------------------------------------------------------------------------------


def test_json_has_every_field_of_every_term_in_id_order(glossary_hub: Path) -> None:
    document = json.loads(export(glossary_hub, "--format", "json"))
    assert document["version"] == 1
    assert [term["id"] for term in document["terms"]] == sorted(
        Path(name).stem for name in GLOSSARY
    )
    fields = ["id", "path", "term", "abbreviation", "aliases", "avoid", "casing", "status"]
    fields += ["replaced_by", "owner", "approved_by", "related", "reviewed", "definition"]
    assert all(list(term) == fields for term in document["terms"])
    mql = next(term for term in document["terms"] if term["id"] == "marketing-qualified-lead")
    assert mql["avoid"] == [
        {"text": "hot lead", "reason": None},
        {"text": "warm lead", "reason": "too vague; say MQL"},
    ]
    assert mql["reviewed"] == "2026-10-01"


# -- CSV ---------------------------------------------------------------------------------


def test_csv_has_one_row_per_form_with_its_status(glossary_hub: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(glossary_hub, "--format", "csv"))))
    assert list(rows[0]) == ["id", "form", "kind", "status", "suggestion", "reason", "definition"]
    assert {(row["id"], row["form"], row["status"]) for row in rows} == EXPECTED_STATUSES
    by_form = {row["form"]: row for row in rows}
    assert by_form["warm lead"]["suggestion"] == "Marketing Qualified Lead"
    assert by_form["warm lead"]["reason"] == "too vague; say MQL"
    assert by_form["SRL"]["suggestion"] == "SQL"  # an abbreviation is replaced by one
    assert by_form["sales ready lead"]["suggestion"] == "Sales Qualified Lead"
    assert by_form["MQL"]["kind"] == "abbreviation"
    assert by_form["MQL"]["definition"].startswith("A lead that marketing scored")


# -- TBX ---------------------------------------------------------------------------------


def tbx_tree(root: Path) -> ET.Element:
    return ET.fromstring(export(root, "--format", "tbx").encode("utf-8"))


def test_tbx_root_and_header_follow_tbx_basic(glossary_hub: Path) -> None:
    text = export(glossary_hub, "--format", "tbx")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{TBX}tbx"
    assert root.attrib == {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"}
    assert [child.tag for child in root] == [f"{TBX}tbxHeader", f"{TBX}text"]
    assert root.find(f"{TBX}tbxHeader/{TBX}fileDesc/{TBX}sourceDesc/{TBX}p") is not None
    assert len(root.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")) == len(GLOSSARY)


def test_tbx_structure_obeys_the_dialect_constraints(glossary_hub: Path) -> None:
    root = tbx_tree(glossary_hub)
    concepts = root.findall(f".//{TBX}conceptEntry")
    ids = [concept.get("id") for concept in concepts]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[^\W\d][\w.-]*", concept_id or "") for concept_id in ids)
    parents = {child: parent for parent in root.iter() for child in parent}
    allowed = {
        "administrativeStatus": set(TBX_STATUS),
        "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    }
    for note in root.iter(f"{TBX}termNote"):
        assert parents[note].tag == f"{TBX}termSec"
        assert note.text in allowed[note.get("type")]
    for description in root.iter(f"{TBX}descrip"):
        assert description.get("type") == "definition"
        assert parents[description].tag == f"{TBX}langSec"
    for reference in root.iter(f"{TBX}ref"):
        assert reference.get("type") == "crossReference"
        assert reference.get("target") in ids
        assert parents[reference].tag in (f"{TBX}conceptEntry", f"{TBX}termSec")
    for transaction in root.iter(f"{TBX}transac"):
        assert transaction.text in ("origination", "modification")
    for section in root.iter(f"{TBX}langSec"):
        assert section.get(XML_LANG) == "en"
        assert section.findall(f"{TBX}termSec")
    for section in root.iter(f"{TBX}termSec"):
        assert section[0].tag == f"{TBX}term" and section[0].text
        statuses = [
            note.text
            for note in section.findall(f"{TBX}termNote")
            if note.get("type") == "administrativeStatus"
        ]
        assert len(statuses) == 1


def test_tbx_statuses_round_trip(glossary_hub: Path) -> None:
    parsed = set()
    for concept in tbx_tree(glossary_hub).iter(f"{TBX}conceptEntry"):
        for section in concept.iter(f"{TBX}termSec"):
            status = section.find(f"{TBX}termNote[@type='administrativeStatus']")
            parsed.add((concept.get("id"), section.findtext(f"{TBX}term"), TBX_STATUS[status.text]))
    expected = {
        ("term-3-way-match" if concept == "3-way-match" else concept, form, status)
        for concept, form, status in EXPECTED_STATUSES
    }
    assert parsed == expected


def test_tbx_keeps_definitions_cross_references_and_reasons(glossary_hub: Path) -> None:
    root = tbx_tree(glossary_hub)
    concepts = {concept.get("id"): concept for concept in root.iter(f"{TBX}conceptEntry")}
    mql = concepts["marketing-qualified-lead"]
    assert [ref.get("target") for ref in mql.findall(f"{TBX}ref")] == ["sales-qualified-lead"]
    assert mql.findtext(f"{TBX}transacGrp/{TBX}date") == "2026-10-01"
    ledger = concepts["ledger-io"]
    assert ledger.findtext(f".//{TBX}descrip") == (
        'The plan called "Pro": billing & approvals in one place.'
    )
    assert ledger.findtext(f".//{TBX}term") == "Ledger.io <Pro> & Co"
    old = concepts["sales-ready-lead"]
    assert {ref.get("target") for ref in old.iter(f"{TBX}ref")} == {"sales-qualified-lead"}
    reasons = [note.text for note in old.iter(f"{TBX}note") if note.text == "slang"]
    assert reasons == ["slang"]
    types = {
        section.findtext(f"{TBX}term"): section.findtext(f"{TBX}termNote[@type='termType']")
        for section in root.iter(f"{TBX}termSec")
    }
    assert types["MQL"] == "acronym"
    assert types["3WM"] == "abbreviation"
    assert types["marketing-qualified lead"] == "variant"
    assert types["hot lead"] is None


def test_concept_ids_are_valid_and_unique() -> None:
    ids = concept_ids_for(["mql", "3-way", "term-3-way", "a b"])
    assert ids == {
        "mql": "mql",
        "3-way": "term-3-way",
        "term-3-way": "term-3-way-2",
        "a b": "term-a-b",
    }


# -- Vale --------------------------------------------------------------------------------


def vale_lists(root: Path, tmp_path: Path, *extra: str) -> tuple[list[str], list[str]]:
    styles = tmp_path / "styles"
    done = run(root, "export", "--format", "vale", "-o", str(styles), *extra)
    assert done.returncode == 0, done.stderr
    name = extra[1] if extra else "Smarthub"
    folder = styles / "config" / "vocabularies" / name
    return (
        (folder / "accept.txt").read_text().splitlines(),
        (folder / "reject.txt").read_text().splitlines(),
    )


def test_vale_entries_are_regexes_that_match_exactly_their_form(
    glossary_hub: Path, tmp_path: Path
) -> None:
    accept, reject = vale_lists(glossary_hub, tmp_path, "--vocabulary", "Northwind")
    assert "Ledger\\.io <Pro> & Co" in accept  # exact casing: case-sensitive
    assert "(?i)Ledger\\*io \\(beta\\)" in reject
    assert "(?i)ledger io\\?" in reject
    assert "MQL" in accept and "(?i)hot lead" in reject
    assert {"(?i)Sales-ready lead", "SRL", "(?i)hot prospect"} <= set(reject)
    for line, form in [
        ("Ledger\\.io <Pro> & Co", "Ledger.io <Pro> & Co"),
        ("(?i)Ledger\\*io \\(beta\\)", "LEDGER*IO (BETA)"),
        ("(?i)ledger io\\?", "Ledger io?"),
    ]:
        assert re.fullmatch(line, form)
    assert not re.fullmatch("Ledger\\.io <Pro> & Co", "LedgerXio <Pro> & Co")


def test_escape_covers_every_metacharacter() -> None:
    tricky = r"a.b*c+d?e(f)g[h]i{j}k|l^m$n\o"
    assert re.fullmatch(escape(tricky), tricky)


# -- abbreviations -----------------------------------------------------------------------


def test_abbreviations_give_tooltips_in_python_markdown(glossary_hub: Path) -> None:
    snippet = export(glossary_hub, "--format", "abbreviations")
    assert "SRL" not in snippet  # deprecated terms get no tooltip
    html = markdown.markdown("An MQL, then a 3WM.\n\n" + snippet, extensions=["abbr"])
    assert (
        '<abbr title="Marketing Qualified Lead — A lead that marketing scored above 60 points.">'
        "MQL</abbr>"
    ) in html
    assert '<abbr title="Three-way match — Matching the purchase order' in html


def test_abbreviation_with_bracket_works_and_backslash_is_skipped(
    hub: Callable[..., Path],
) -> None:
    terms = {
        "glossary/bracket.md": entry(
            "term: Bracket term\nabbreviation: 'A]B'\nowner: sales", "A test.\n"
        ),
        "glossary/slash.md": entry(
            "term: Slash term\nabbreviation: 'A\\B'\nowner: sales", "A test.\n"
        ),
    }
    done = run(hub(terms), "export", "--format", "abbreviations")
    assert done.returncode == 0
    assert done.stdout == "*[A]B]: Bracket term — A test.\n"
    assert done.stderr == (
        "smarthub: warning: glossary/slash.md: abbreviation 'A\\\\B' cannot be written as a "
        "Markdown abbreviation (it holds a backslash or ']:'): left out\n"
    )
    html = markdown.markdown("See A]B.\n\n" + done.stdout, extensions=["abbr"])
    assert '<abbr title="Bracket term — A test.">A]B</abbr>' in html


@pytest.mark.parametrize(
    ("definition", "short"),
    [
        ("One sentence. Another one.", "One sentence."),
        ("No full stop at all", "No full stop at all"),
        ("Is it? Yes.", "Is it?"),
        ("word " * 60, ("word " * 31).strip() + "…"),
    ],
)
def test_short_definition(definition: str, short: str) -> None:
    assert short_definition(definition) == short


# -- output and bad input ----------------------------------------------------------------


def test_output_file_is_written_and_stdout_stays_empty(glossary_hub: Path) -> None:
    done = run(glossary_hub, "export", "--format", "csv", "-o", "build/glossary.csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    written = glossary_hub / "build" / "glossary.csv"
    assert done.stderr == "Wrote build/glossary.csv\n"
    assert written.read_text().startswith("id,form,kind,status")
    assert [path.name for path in written.parent.iterdir()] == ["glossary.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "vale"],
            "smarthub: --format vale writes a folder: pass your Vale StylesPath with -o, for example -o styles\n",
        ),
        (
            ["--format", "json", "--vocabulary", "X"],
            "smarthub: --vocabulary is for --format vale only\n",
        ),
        (
            ["--format", "json", "-o", "glossary"],
            "smarthub: glossary: is a folder: give the name of the file to write\n",
        ),
        (
            ["--format", "vale", "-o", "mkdocs.yml"],
            "smarthub: mkdocs.yml: is a file: give the folder to write the export into\n",
        ),
        (
            ["--format", "vale", "-o", "styles", "--vocabulary", "../evil"],
            "smarthub: vocabulary name '../evil' must be one folder name of letters, digits, '.', '_' or '-', for example Smarthub\n",
        ),
    ],
)
def test_bad_invocations_exit_2_with_one_line(
    glossary_hub: Path, args: list[str], message: str
) -> None:
    done = run(glossary_hub, "export", *args)
    assert done.returncode == 2
    assert done.stderr == message
    assert done.stdout == ""
    assert not (glossary_hub / "styles").exists()


def test_unknown_or_missing_format_is_a_usage_error(glossary_hub: Path) -> None:
    for args in (["--format", "xliff"], []):
        done = run(glossary_hub, "export", *args)
        assert done.returncode == 2
        assert "--format" in done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_vale_refuses_a_symlink_that_leads_outside(glossary_hub: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    styles = glossary_hub / "styles"
    styles.mkdir()
    (styles / "config").symlink_to(outside, target_is_directory=True)
    done = run(glossary_hub, "export", "--format", "vale", "-o", "styles")
    assert done.returncode == 2
    assert done.stderr.startswith("smarthub: ")
    assert "is not a plain folder" in done.stderr
    assert list(outside.iterdir()) == []


def test_a_broken_entry_is_reported_and_the_rest_exported(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "glossary/broken.md": "no front matter here\n"})
    done = run(root, "export", "--format", "json")
    assert done.returncode == 0
    assert done.stderr == (
        "smarthub: warning: glossary/broken.md: not exported: the entry does not load "
        "('smarthub check' says why)\n"
    )
    assert len(json.loads(done.stdout)["terms"]) == len(GLOSSARY)


def test_sample_hub_exports_cleanly() -> None:
    root = Path(__file__).resolve().parents[1]
    for output_format in ("json", "csv", "tbx", "abbreviations"):
        done = run(root, "export", "--format", output_format)
        assert done.returncode == 0 and done.stderr == "", done.stderr
    ET.fromstring(run(root, "export", "--format", "tbx").stdout.encode("utf-8"))
