"""Every rule is documented and has golden cases that flag and cases that pass."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smarthub.checks.registry import all_rules

CASES_DIR = Path(__file__).parent / "rules" / "cases"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_rule_has_docs_and_cases(rule) -> None:
    assert rule.summary.endswith(".")
    for part in ("What it does:", "Why:", "Example that fails", "Example that passes"):
        assert part in rule.doc, f"{rule.code} documentation lacks '{part}'"
    cases = yaml.safe_load((CASES_DIR / f"{rule.code}.yml").read_text(encoding="utf-8"))["cases"]
    assert any(case["expect"] for case in cases), f"{rule.code} has no case that must flag"
    assert any(not case["expect"] for case in cases), f"{rule.code} has no case that must pass"


def test_codes_and_names_are_unique() -> None:
    rules = all_rules()
    assert len({rule.code for rule in rules}) == len(rules)
    assert len({rule.name for rule in rules}) == len(rules)


def test_readme_rule_table_matches_the_registry() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for rule in all_rules():
        row = f"| `{rule.code}` | `{rule.name}` | {rule.severity.value} | {rule.summary} |"
        assert row in readme, f"README's rule table is out of date for {rule.code}"
