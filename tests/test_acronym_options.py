"""The ``acronyms`` option (allow list, built-in lists) from the user's side: errors and docs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from smarthub.checks.acronym_lists import BUILTIN_LISTS, read_list


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in the hub's folder."""
    return subprocess.run(
        [sys.executable, "-m", "smarthub", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def config(acronyms: str) -> str:
    """A mkdocs.yml whose smarthub options end with the given ``acronyms:`` lines."""
    return "site_name: x\ndocs_dir: content\nplugins:\n  - smarthub:\n" + acronyms


def test_bad_values_are_reported_together_at_their_own_lines(hub: Callable[..., Path]) -> None:
    root = hub(
        {
            "mkdocs.yml": config(
                "      acronyms:\n"
                "        alow: [QBR]\n"
                "        builtin:\n"
                "          currency: false\n"
                "          words: no thanks\n"
            )
        }
    )
    done = run(root, "check")
    assert done.returncode == 2
    assert done.stderr == (
        "smarthub: mkdocs.yml:6: plugins.smarthub.acronyms.alow: unknown key: did you mean 'allow'?\n"
        "smarthub: mkdocs.yml:8: plugins.smarthub.acronyms.builtin.currency: no built-in list of "
        "that name: did you mean 'currencies'?\n"
        "smarthub: mkdocs.yml:9: plugins.smarthub.acronyms.builtin.words: expected true or false, "
        "got 'no thanks'\n"
    )


@pytest.mark.parametrize(
    ("acronyms", "message"),
    [
        (
            "      acronyms: [QBR]\n",
            "mkdocs.yml:5: plugins.smarthub.acronyms: expected a mapping, for example "
            "{allow: [CEO, PDF], builtin: {currencies: false}}",
        ),
        (
            "      acronyms:\n        allow: QBR\n",
            "mkdocs.yml:6: plugins.smarthub.acronyms.allow: expected a list of acronyms, "
            "for example [CEO, PDF]",
        ),
        (
            "      acronyms:\n        allow: [QBR, '']\n",
            "mkdocs.yml:6: plugins.smarthub.acronyms.allow: expected a list of acronyms, "
            "for example [CEO, PDF]",
        ),
        (
            "      acronyms:\n        builtin: [words]\n",
            "mkdocs.yml:6: plugins.smarthub.acronyms.builtin: expected true, false or a mapping of "
            "list to true/false; lists: " + ", ".join(BUILTIN_LISTS),
        ),
        (
            "      acronyms:\n        builtin: {zzz: false}\n",
            "mkdocs.yml:6: plugins.smarthub.acronyms.builtin.zzz: no built-in list of that name: "
            "lists are " + ", ".join(BUILTIN_LISTS),
        ),
    ],
)
def test_each_bad_value_exits_2_with_one_line(
    hub: Callable[..., Path], acronyms: str, message: str
) -> None:
    done = run(hub({"mkdocs.yml": config(acronyms)}), "check")
    assert done.returncode == 2
    assert done.stderr == f"smarthub: {message}\n"


def test_good_values_are_accepted(hub: Callable[..., Path]) -> None:
    root = hub(
        {
            "mkdocs.yml": config(
                "      acronyms:\n        allow: [QBR]\n        builtin: {currencies: false}\n"
            ),
            "content/index.md": "The QBR is in GBP.\n",
        }
    )
    done = run(root, "check", "--select", "TERM004", "--format", "json")
    assert done.returncode == 1, done.stderr
    assert '"match": "GBP"' in done.stdout
    assert '"match": "QBR"' not in done.stdout


def test_explain_documents_every_builtin_list(hub: Callable[..., Path]) -> None:
    done = run(hub(), "explain", "TERM004")
    assert done.returncode == 0
    for name in BUILTIN_LISTS:
        assert f"- `{name}`: " in done.stdout
    assert "Example that fails" in done.stdout
    assert "acronyms: {allow: [CEO, PDF], builtin: {words: true, everyday: true" in done.stdout


def test_builtin_lists_hold_codes_only() -> None:
    """Every entry is a code the rule could take for an acronym, with a known condition."""
    for name in BUILTIN_LISTS:
        codes = read_list(name)
        assert codes, name
        for code, condition in codes.items():
            assert code == code.upper() and 2 <= len(code.replace(";", "")) <= 6, (name, code)
            assert condition in (
                "",
                "after-number",
                "next-to-number",
                "after-place",
                "in-date-format",
            )
