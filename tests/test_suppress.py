"""Suppression comments: exact LINT001 messages, and which directives count as unused."""

from __future__ import annotations

from pathlib import Path

import yaml

from smarthub.config import load_config
from smarthub.engine import run_check
from tests.conftest import write_hub
from tests.rules.test_cases import CASES_DIR, TODAY


def _lint(tmp_path: Path, body: str, select: list[str]) -> list[tuple[int, int, str]]:
    glossary = yaml.safe_load((CASES_DIR / "_glossary.yml").read_text(encoding="utf-8"))
    files = {f"glossary/{name}": text for name, text in glossary["glossary"].items()}
    root = write_hub(tmp_path / "hub", {**files, "content/index.md": body}, {})
    result = run_check(load_config(root / "mkdocs.yml"), select=select, today=TODAY)
    return [(f.line, f.column, f.message) for f in result.findings if f.code == "LINT001"]


def test_unused_and_unknown_directives_have_their_messages(tmp_path: Path) -> None:
    body = (
        "<!-- smarthub-disable-next-line TERM001 -->\nAn e-mail.\n"
        "<!-- smarthub-disable-next-line TERM001 -->\nfine\n"
        "<!-- smarthub-disable-next-line TERM999 -->\nfine\n"
    )
    assert _lint(tmp_path, body, []) == [
        (3, 1, "suppression silences nothing here: remove it"),
        (
            5,
            1,
            "suppression names unknown rule 'TERM999': use a code or name from 'smarthub rules'",
        ),
    ]


def test_directive_for_exactly_the_selected_rules_is_reported_when_unused(tmp_path: Path) -> None:
    body = "<!-- smarthub-disable-next-line TERM001 LINT001 -->\nfine\n"
    assert _lint(tmp_path, body, ["TERM001", "LINT001"]) == [
        (1, 1, "suppression silences nothing here: remove it")
    ]


def test_directive_for_every_rule_is_not_judged_when_some_rules_did_not_run(
    tmp_path: Path,
) -> None:
    body = "<!-- smarthub-disable-next-line -->\nfine\n<!-- smarthub-disable-next-line TERM001 -->\nok\n"
    assert _lint(tmp_path, body, ["TERM001", "LINT001"]) == [
        (3, 1, "suppression silences nothing here: remove it")
    ]


def test_directive_for_a_rule_that_did_not_run_is_not_judged(tmp_path: Path) -> None:
    body = "<!-- smarthub-disable-next-line TERM003 -->\nfine\n<!-- smarthub-disable-next-line TERM001 -->\nok\n"
    assert _lint(tmp_path, body, ["TERM001", "LINT001"]) == [
        (3, 1, "suppression silences nothing here: remove it")
    ]


def test_multi_line_directive_is_reported_at_its_start(tmp_path: Path) -> None:
    body = "Intro.\n\n<!--\nsmarthub-disable-next-line TERM001\n-->\nfine\n"
    assert _lint(tmp_path, body, []) == [(3, 1, "suppression silences nothing here: remove it")]


def _term_findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[int, str]]:
    glossary = yaml.safe_load((CASES_DIR / "_glossary.yml").read_text(encoding="utf-8"))
    hub = {f"glossary/{name}": text for name, text in glossary["glossary"].items()}
    root = write_hub(tmp_path / "hub", {**hub, **files}, {})
    result = run_check(load_config(root / "mkdocs.yml"), select=[], today=TODAY)
    return [
        (f.line, f.code) for f in result.findings if f.code in ("TERM001", "TERM003", "LINT001")
    ]


def test_front_matter_disable_must_be_a_list(tmp_path: Path) -> None:
    body = "---\nsmarthub:\n  disable: TERM004\n---\nAn e-mail.\n"
    assert _lint(tmp_path, body, []) == [
        (
            3,
            12,
            "suppression 'smarthub.disable' must be a list of rule codes or names: "
            "use a code or name from 'smarthub rules'",
        )
    ]


def test_front_matter_smarthub_that_is_not_a_mapping_is_no_suppression(tmp_path: Path) -> None:
    files = {"content/index.md": "---\nsmarthub: [TERM001]\n---\nAn e-mail.\n"}
    assert (4, "TERM001") in _term_findings(tmp_path, files)


def test_front_matter_disable_covers_only_its_rules(tmp_path: Path) -> None:
    files = {"content/index.md": "---\nsmarthub: {disable: [TERM004]}\n---\nAn e-mail, the QBR.\n"}
    assert _term_findings(tmp_path, files) == [(4, "TERM001")]


def test_directive_rules_split_on_commas_and_spaces(tmp_path: Path) -> None:
    body = "<!-- smarthub-disable-next-line TERM001,TERM003 -->\nAn e-mail in Hubspot.\n"
    assert _term_findings(tmp_path, {"content/index.md": body}) == []


def test_directive_inside_code_after_a_real_one_is_not_read(tmp_path: Path) -> None:
    body = "<!-- smarthub-enable -->\n\n`<!-- smarthub-disable-next-line -->`\nAn e-mail.\n"
    assert _term_findings(tmp_path, {"content/index.md": body}) == [(4, "TERM001")]


def test_every_directive_of_one_html_block_is_read(tmp_path: Path) -> None:
    body = (
        "<!-- smarthub-disable TERM003 -->\nHubspot.\n"
        "<!-- smarthub-enable TERM003 -->\n<!-- smarthub-disable-next-line TERM001 -->\n"
        "An e-mail.\nHubspot.\n"
    )
    assert _term_findings(tmp_path, {"content/index.md": body}) == [(6, "TERM003")]


def test_enable_closes_only_the_ranges_it_names(tmp_path: Path) -> None:
    body = (
        "<!-- smarthub-disable TERM001 -->\n\n<!-- smarthub-disable TERM003 -->\n\n"
        "An e-mail in Hubspot.\n\n<!-- smarthub-enable TERM001 -->\n\nAn e-mail in Hubspot.\n"
    )
    assert _term_findings(tmp_path, {"content/index.md": body}) == [(9, "TERM001")]


def test_enable_of_one_rule_leaves_a_disable_of_all_open(tmp_path: Path) -> None:
    body = "<!-- smarthub-disable -->\n\nAn e-mail.\n\n<!-- smarthub-enable TERM001 -->\n\nAn e-mail.\n"
    assert _term_findings(tmp_path, {"content/index.md": body}) == []


def test_disable_next_line_is_not_a_range(tmp_path: Path) -> None:
    body = "<!-- smarthub-disable-next-line TERM001 -->\nAn e-mail.\nAn e-mail.\n\n<!-- smarthub-enable -->\n"
    assert _term_findings(tmp_path, {"content/index.md": body}) == [(3, "TERM001")]
