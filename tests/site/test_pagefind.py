"""``search: pagefind``: the site indexed by Pagefind and searched offline in a real browser.

Hubs are built with the real ``smarthub build``; the browser tests use ``conftest``'s headless
Chromium, whose tab fails a test when a request leaves 127.0.0.1, and its server, which
counts the bytes it sends. Also here: the lunr index's size warning, and the option's
validation in both front ends.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import (
    TODAY,
    ServedSite,
    elements,
    mkdocs,
    page,
    run,
    serve_folder,
    smarthub,
    write_site_hub,
)

PAGEFIND = {"search": "pagefind"}
FIRST_SEARCH_LIMIT = 1_000_000  # bytes; the target for a first search on 10,000 assets
MARKED_ARTICLE = '<article class="md-content__inner md-typeset" data-pagefind-body>'
MISSING = (
    "mkdocs.yml: plugins.smarthub.search is pagefind, but Pagefind is not installed: "
    'pip install "smarthub[pagefind]"'
)


@pytest.fixture(scope="module")
def pagefind_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The fixture hub with ``search: pagefind``, built once: the site folder and the build log."""
    root = write_site_hub(tmp_path_factory.mktemp("pagefind-hub"), full=True, options=PAGEFIND)
    done = smarthub("build", "--today", TODAY, "-d", root / "site", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site", done.stderr


@pytest.fixture(scope="module")
def served(pagefind_build: tuple[Path, str]) -> Iterator[ServedSite]:
    """That site served on 127.0.0.1."""
    with serve_folder(pagefind_build[0]) as site:
        yield site


def test_the_pagefind_bundle_replaces_the_lunr_index(pagefind_build: tuple[Path, str]) -> None:
    site, log = pagefind_build
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (site / "pagefind" / name).is_file(), name
    assert not (site / "search").exists(), "Material's lunr index was built too"
    marked = [path for path in site.rglob("*.html") if MARKED_ARTICLE in path.read_text()]
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(marked) > 15
    assert f"INFO    -  Pagefind indexed {len(marked)} pages into {site / 'pagefind'}" in log


def test_pages_mark_their_content_for_pagefind(pagefind_build: tuple[Path, str]) -> None:
    site, _ = pagefind_build
    pages = sorted(site.rglob("index.html"))
    for path in pages:
        markup = path.read_text()
        assert markup.count("data-pagefind-body") == 1 and MARKED_ARTICLE in markup, path
        assert 'class="md-search"' not in markup, f"{path}: Material's lunr search box is there"
        assert 'assets/smarthub/search.js"></script>' in markup, path
    assert "data-pagefind-body" not in (site / "404.html").read_text()

    home = page(site, "")
    assert 'for="__search"' in home  # the big search entrance opens the Pagefind dialog
    (home_box,) = [a for a, _ in elements(home, "div") if "smarthub-home" in a.get("class", "")]
    assert home_box["data-pagefind-ignore"] == "all"
    asset = page(site, "battlecards/vs-rival")
    (header,) = [a for a, _ in elements(asset, "div") if "smarthub-meta" in a.get("class", "")]
    assert header["data-pagefind-ignore"] == "all"
    term = page(site, "glossary/net-promoter-score")
    assert elements(term, "h1")[0][0]["data-pagefind-weight"] == "10"
    ignored = [text for attrs, text in elements(term, "div") if "data-pagefind-ignore" in attrs]
    assert len(ignored) == 1 and ignored[0].lstrip().startswith("Used in")


def _settle(tab: Any, site: ServedSite, *, quiet_ms: int = 500, limit_ms: int = 15_000) -> None:
    """Wait until the server has sent nothing for ``quiet_ms``: the page has all it asked for."""
    count, waited = -1, 0
    while count != len(site.responses) and waited < limit_ms:
        count = len(site.responses)
        tab.wait_for_timeout(quiet_ms)
        waited += quiet_ms


def test_searching_an_abbreviation_finds_its_glossary_page_offline(
    tab: Any, served: ServedSite, record_property: Any
) -> None:
    tab.goto(served.url)
    _settle(tab, served)
    before_search = len(served.responses)
    tab.click("label.smarthub-search")  # the home page's big search entrance
    tab.locator(".pagefind-ui__search-input").press_sequentially("NPS")
    first = tab.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=15_000)
    _settle(tab, served)

    downloaded = served.bytes_since(before_search)
    record_property("first_search_bytes", downloaded)
    paths = [path for path, _ in served.responses[before_search:]]
    # Pagefind's chunks, and the table of names that lets search answer (answers.js).
    answers = "/assets/smarthub/answers-data.js"
    assert all(path.startswith("/pagefind/") or path == answers for path in paths), paths
    assert downloaded < FIRST_SEARCH_LIMIT, f"the first search downloaded {downloaded} bytes"
    assert first.inner_text() == "Net promoter score (NPS)"
    first.click()
    tab.wait_for_url("**/glossary/net-promoter-score/")
    assert tab.locator("article h1").inner_text().startswith("Net promoter score (NPS)")
    assert not tab.locator("dialog.smarthub-search-dialog").evaluate("dialog => dialog.open")


def test_header_button_opens_the_search_and_escape_closes_it(tab: Any, served: ServedSite) -> None:
    tab.goto(served.url + "journey/")
    tab.click("header .smarthub-search-button")
    tab.locator(".pagefind-ui__search-input").press_sequentially("Rival")
    tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
    assert tab.locator(".pagefind-ui__result-title").first.inner_text() == "Rival battlecard"
    tab.keyboard.press("Escape")
    dialog = tab.locator("dialog.smarthub-search-dialog")
    assert not dialog.evaluate("dialog => dialog.open")
    assert not tab.locator("#__search").is_checked()


def _large_pages(megabytes: float) -> dict[str, str]:
    """Four section pages whose text adds up to about ``megabytes`` of lunr index.

    Raw HTML keeps the build quick: the checker and Python-Markdown pass it through, and
    Material's search plugin still indexes its text.
    """
    words = "pipeline quarter renewal forecast budget champion territory prospect discovery"
    paragraph = f"<p>{' '.join([words] * 6)}.</p>\n"
    count = int(megabytes * 1_000_000 / 4 / len(paragraph))
    return {
        f"content/notes-{n}/index.md": f"# Notes {n}\n\n<div>\n{paragraph * count}</div>\n"
        for n in range(4)
    }


def test_a_lunr_index_past_5_mb_warns_and_fails_strict(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path, _large_pages(5.6))
    done = smarthub("build", "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stderr
    warning = re.search(
        r"^WARNING -  the search index is (\d+\.\d) MB; set `search: pagefind` under the "
        r"smarthub plugin options for large hubs$",
        done.stderr,
        re.MULTILINE,
    )
    assert warning, done.stderr
    assert float(warning.group(1)) > 5
    strict = smarthub("build", "--strict", "--today", TODAY, cwd=root)
    assert strict.returncode == 1
    assert warning.group(0) in strict.stderr and "in strict mode" in strict.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "elastic",
            "'elastic' is not a search engine smarthub can build: expected lunr or pagefind",
        ),
        (
            "pagefnd",
            "'pagefnd' is not a search engine smarthub can build: did you mean 'pagefind'?",
        ),
        (
            False,
            "expected lunr or pagefind, got false: to switch the glossary boost in search "
            "results, set 'search_boost: false'",
        ),
    ],
)
def test_search_must_be_lunr_or_pagefind(tmp_path: Path, value: object, message: str) -> None:
    root = write_site_hub(tmp_path, options={"search": value})
    line = next(
        number
        for number, text in enumerate((root / "mkdocs.yml").read_text().splitlines(), 1)
        if text.strip().startswith("search:")
    )
    expected = f"smarthub: mkdocs.yml:{line}: plugins.smarthub.search: {message}\n"
    for command in ("build", "check"):
        done = smarthub(command, cwd=root)
        assert (done.returncode, done.stderr) == (2, expected), command
    built = mkdocs("build", cwd=root)
    assert built.returncode == 1 and expected.removeprefix("smarthub: ") in built.stderr
    assert not (root / "site").exists()


def _without_pagefind(entry_point: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``module:function`` with ``args`` in a Python where ``import pagefind`` fails."""
    module, function = entry_point.split(":")
    script = (
        "import sys\n"
        "sys.modules['pagefind'] = None  # as if it were not installed\n"
        f"sys.argv = ['{function}', *{list(args)!r}]\n"
        f"from {module} import {function}\n"
        f"{function}()\n"
    )
    return run(sys.executable, "-c", script, cwd=cwd)


def test_pagefind_missing_is_one_line_naming_the_extra(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path, options=PAGEFIND)
    done = _without_pagefind("smarthub.cli:main", "build", "--today", TODAY, cwd=root)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"smarthub: {MISSING}\n")
    checked = _without_pagefind("smarthub.cli:main", "check", "--today", TODAY, cwd=root)
    assert checked.returncode == 0, checked.stderr  # checking needs no search engine
    built = _without_pagefind("mkdocs.__main__:cli", "build", cwd=root)
    assert built.returncode == 1 and f"smarthub: {MISSING}" in built.stderr
    assert not (root / "site").exists()


def test_search_defaults_to_lunr(built_site: Path) -> None:
    assert (built_site / "search/search_index.json").is_file()
    assert not (built_site / "pagefind").exists()
    assert "data-pagefind-body" not in page(built_site, "glossary/net-promoter-score")


def test_pagefind_answers_a_name_and_labels_results_with_their_kind(
    tab: Any, served: ServedSite, pagefind_build: tuple[Path, str]
) -> None:
    tab.goto(served.url + "journey/")
    tab.click("header .smarthub-search-button")
    tab.locator(".pagefind-ui__search-input").press_sequentially("MQL")
    answer = tab.locator(".smarthub-search-answer .smarthub-answer")
    answer.wait_for(timeout=15_000)
    text = " ".join(answer.inner_text().split())
    assert text.startswith("TERM Marketing-qualified lead (MQL) A marketing-qualified lead")
    tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
    kinds = tab.locator(".pagefind-ui__result .smarthub-result-kind strong").all_inner_texts()
    assert {"TERM", "PLAYBOOK"} <= {kind.upper() for kind in kinds}, kinds
    site, _ = pagefind_build
    term_page = (site / "glossary" / "marketing-qualified-lead" / "index.html").read_text()
    assert '<span data-pagefind-filter="kind" data-pagefind-meta="kind">Term</span>' in term_page
    battlecard = (site / "battlecards" / "vs-rival" / "index.html").read_text()
    assert '<span data-pagefind-filter="persona">Carla, the CFO</span>' in battlecard
    assert '<span data-pagefind-filter="stage">Decision</span>' in battlecard
