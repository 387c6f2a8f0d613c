"""``smarthub build``, ``smarthub stage``, ``smarthub serve`` and ``mkdocs build``, run as a user would."""

from __future__ import annotations

import socket
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from smarthub.options import NAMES
from tests.conftest import entry
from tests.site.conftest import (
    TODAY,
    article,
    elements,
    mkdocs,
    page,
    run,
    smarthub,
    write_site_hub,
)

PLANTED = {
    "content/battlecards/spam.md": entry(
        """
        title: Outreach notes
        type: battlecard
        owner: marketing
        status: published
        reviewed: 2026-10-01
        personas: [cfo]
        stages: [awareness]
        """,
        "This is not target-account spam.\n",
    )
}


def test_build_prints_a_planted_term001_and_fails(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path, PLANTED)
    done = smarthub("build", "--today", TODAY, cwd=root)
    assert done.returncode == 1
    assert "content/battlecards/spam.md:10:13: error TERM001 " in done.stdout
    assert done.stdout.rstrip().endswith(
        "Found 1 error and 1 warning in 2 files (checked 15 files)."
    )
    assert (root / "site/battlecards/spam/index.html").is_file()  # the site is built all the same


def test_mkdocs_build_logs_findings_and_fails_on_errors(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path, PLANTED)
    done = mkdocs("build", cwd=root)
    assert done.returncode == 1
    assert "content/battlecards/spam.md:10:13: error TERM001 " in done.stderr
    assert "WARNING -  content/one-pagers/overdue.md:6:11: warning REVW001 " in done.stderr
    assert "smarthub: the check found 1 error: fix them first" in done.stderr


def test_strict_fails_on_warnings_in_both_front_ends(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path)
    assert smarthub("build", "--today", TODAY, cwd=root).returncode == 0
    assert smarthub("build", "--strict", "--today", TODAY, cwd=root).returncode == 1
    assert mkdocs("build", cwd=root).returncode == 0
    strict = mkdocs("build", "--strict", cwd=root)
    assert strict.returncode == 1 and "in strict mode" in strict.stdout + strict.stderr


def test_drafts_flag_publishes_drafts_and_retired_assets_marked(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path)
    done = smarthub("build", "--drafts", "--today", TODAY, "-d", tmp_path / "out", cwd=root)
    assert done.returncode == 0, done.stderr
    draft = article(page(tmp_path / "out", "one-pagers/unfinished"))
    assert "Draft: not for use with buyers" in draft
    assert "Retired: not for use with buyers" in article(
        page(tmp_path / "out", "one-pagers/old-news")
    )


def test_configuration_errors_exit_2_with_the_same_message_in_mkdocs(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path)
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["plugins"][1]["smarthub"]["journy"] = ["awareness"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    done = smarthub("build", cwd=root)
    assert done.returncode == 2
    assert "plugins.smarthub.journy: unknown option: did you mean 'journey'?" in done.stderr
    assert not (root / "site").exists()
    built = mkdocs("build", cwd=root)
    assert built.returncode == 1
    assert "plugins.smarthub.journy: unknown option: did you mean 'journey'?" in built.stderr


def test_plugin_accepts_every_option_the_hub_config_knows() -> None:
    from smarthub.site.plugin import SmarthubPluginConfig

    assert {name for name, _ in SmarthubPluginConfig._schema} == set(NAMES)


def test_check_does_not_import_mkdocs(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path)
    script = (
        "import sys\nfrom smarthub.cli import main\nsys.argv = ['smarthub', 'check']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert not [name for name in sys.modules if name.startswith('mkdocs')], 'mkdocs imported'\n"
    )
    done = run(sys.executable, "-c", script, cwd=root)
    assert done.returncode == 0, done.stderr


def test_staged_tree_builds_with_plain_mkdocs_and_keeps_links(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path / "hub")
    staged = tmp_path / "staged"
    done = smarthub("stage", staged, "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stderr
    config = yaml.safe_load((staged / "mkdocs.yml").read_text())
    assert config["plugins"] == ["search"] and config["docs_dir"] == "docs"
    built = mkdocs("build", "--strict", cwd=staged)
    assert built.returncode == 0, built.stderr
    site = staged / "site"
    for path in (
        "glossary",
        "glossary/net-promoter-score",
        "personas/cfo",
        "playbooks/handoff",
        "journey",
        "catalog",
    ):
        assert (site / path / "index.html").is_file(), path
    content = article(page(site, "battlecards/vs-rival"))
    links = [
        (attrs["href"], text)
        for attrs, text in elements(content, "a")
        if "glossary" in attrs["href"]
    ]
    assert links[0] == ("../../glossary/account-based-marketing/", "ABM")
    titles = {text: attrs["title"] for attrs, text in elements(content, "abbr")}
    assert (
        titles["ABM"]
        == "Account-based marketing (ABM) is marketing to a named list of accounts agreed with sales."
    )
    assert "ABM inside code stays as it is" in content
    assert not (site / "one-pagers/unfinished").exists()
    assert "<script>alert" not in page(site, "personas/hostile")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_glossary_entry_changes(tmp_path: Path) -> None:
    import subprocess

    root = write_site_hub(tmp_path)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/glossary/sales-qualified-lead/"
    server = subprocess.Popen(
        [sys.executable, "-m", "smarthub", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(lambda: "accepted after a call" in _fetch(url), 60), (
            "the site was never served"
        )
        term = root / "glossary/sales-qualified-lead.md"
        term.write_text(
            term.read_text().replace("accepted after a call", "accepted after discovery")
        )
        assert _wait_for(lambda: "accepted after discovery" in _fetch(url), 60), (
            "no rebuild after the edit"
        )
        assert "Draft: not for use with buyers" in _fetch(
            f"http://127.0.0.1:{port}/one-pagers/unfinished/"
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_site_options_turn_off_term_links_and_search_boost(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path)
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["plugins"][1]["smarthub"].update(
        {"link_terms": False, "search_boost": False, "drafts": True}
    )
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    done = mkdocs("build", cwd=root)
    assert done.returncode == 0, done.stderr
    content = article(page(root / "site", "battlecards/vs-rival"))
    assert "smarthub-term" not in content and "<abbr" not in content
    assert '"boost":4' not in (root / "site/search/search_index.json").read_text()
    assert "data-pagefind-weight" not in page(root / "site", "glossary/net-promoter-score")
    assert (root / "site/one-pagers/unfinished/index.html").is_file()
