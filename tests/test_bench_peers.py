"""The benchmark's peers get the hub's terms, and its MkDocs baseline builds the same pages."""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

GLOSSARY = {
    "email.md": "---\nterm: email\navoid: [e-mail, {text: electronic mail, reason: dated}]\n---\n",
    "hubspot.md": "---\nterm: HubSpot\ncasing: exact\n---\n",
    "hot-lead.md": "---\nterm: hot lead\nstatus: deprecated\nreplaced_by: mql\navoid: [warm lead]\n---\n",
    "pipeline.md": "---\nterm: pipeline\naliases: [funnel]\n---\n",
}


@pytest.fixture
def peers(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The benchmark's ``peers`` module (benchmarks import each other as top-level modules)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import peers

    return peers


def write_glossary(root: Path) -> Path:
    folder = root / "glossary"
    folder.mkdir(parents=True)
    for name, text in GLOSSARY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_vale_gets_the_terms_textlint_gets(peers: ModuleType, tmp_path: Path) -> None:
    entries = peers.read_glossary(write_glossary(tmp_path))
    assert peers.vale_glossary(entries) == "email|e-mail|electronic mail\n=HubSpot\n"
    terms = peers.textlint_config(entries)["rules"]["terminology"]["terms"]
    assert terms[0] == "HubSpot"
    assert [pair[1] for pair in terms[1:]] == ["email$1", "email$1"]


def test_vale_reports_avoided_forms_and_wrong_case_outside_code(
    peers: ModuleType, tmp_path: Path
) -> None:
    vale = peers.ensure_vale()
    if vale.skipped:
        pytest.skip(vale.skipped)
    entries = peers.read_glossary(write_glossary(tmp_path / "hub"))
    glossary = tmp_path / "glossary.txt"
    glossary.write_text(peers.vale_glossary(entries), encoding="utf-8")
    ini = peers.vale_style(glossary, tmp_path / "style", vale)
    content = tmp_path / "hub" / "content"
    content.mkdir()
    (content / "a.md").write_text(
        "Send an e-mail through Hubspot.\n\n```\ne-mail\n```\n", encoding="utf-8"
    )
    done = subprocess.run(
        [*vale.argv, "--no-exit", f"--config={ini}", "--output=JSON", "--glob=*.md", "content"],
        cwd=tmp_path / "hub",
        capture_output=True,
        text=True,
        check=True,
    )
    avoided, casing = peers.vale_counts(done.stdout, tmp_path / "hub")
    assert (dict(avoided), dict(casing)) == ({"content/a.md": 1}, {"content/a.md": 1})


def test_plain_mkdocs_baseline_gets_the_plugins_page_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import suites

    staged = tmp_path / "mkdocs.yml"
    staged.write_text(
        "site_name: !ENV [SITE, Hub]\ndocs_dir: docs\n"
        "theme:\n  name: material\n  features: [navigation.top]\n",
        encoding="utf-8",
    )
    suites.align_staged_config(staged)
    assert staged.read_text(encoding="utf-8") == (
        "site_name: !ENV [SITE, Hub]\ndocs_dir: docs\n"
        "theme:\n  name: material\n  features:\n  - navigation.top\n  - navigation.prune\n"
        "not_in_nav: '/glossary/*.md\n\n  !/glossary/index.md'\n"
    )
