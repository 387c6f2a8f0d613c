"""``smarthub serve`` shows a page's findings on the page itself (and ``build`` never does)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import entry
from tests.site.conftest import (
    CHROMIUM,
    NO_CHROMIUM,
    NO_PLAYWRIGHT,
    TODAY,
    smarthub,
    write_site_hub,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
sync_api = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT)

FLAWED = {
    "content/battlecards/flawed.md": entry(
        """
        title: Flawed battlecard
        type: battlecard
        owner: marketing
        status: published
        reviewed: 2026-10-01
        personas: [cfo]
        stages: [decision]
        """,
        "Send the <b>deck</b> to every target-account spam list.\n",
    )
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The fixture hub, with one flawed asset, under ``smarthub serve`` on a free port."""
    root = write_site_hub(tmp_path_factory.mktemp("serve-hub"), FLAWED)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "smarthub", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        yield url, root
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_served_page_with_a_finding_shows_it_in_a_banner(tab: Any, served) -> None:
    url, _ = served
    tab.goto(url + "battlecards/flawed/")
    banner = tab.locator(".smarthub-banner")
    assert banner.is_visible()
    text = " ".join(banner.inner_text().split())
    assert text.startswith("smarthub check: 1 problem in content/battlecards/flawed.md")
    assert text.endswith(
        "TERM001 error at line 10, column 31: 'target-account spam' is not our language "
        "(it is not spam when the account asked for it): use 'account-based marketing'"
    )
    box = banner.bounding_box()
    assert box is not None and box["y"] < 300  # at the top, above the page's text


def test_a_served_page_without_findings_has_no_banner(tab: Any, served) -> None:
    url, _ = served
    tab.goto(url + "battlecards/vs-rival/")
    assert tab.locator("article h1").is_visible()
    assert tab.locator(".smarthub-banner").count() == 0


def test_a_built_site_never_shows_the_banner(tmp_path: Path) -> None:
    root = write_site_hub(tmp_path / "hub", FLAWED)
    done = smarthub("build", "--today", TODAY, "-d", root / "site", cwd=root)
    assert done.returncode == 1  # the error fails the build's exit code, the site is written
    html = (root / "site" / "battlecards" / "flawed" / "index.html").read_text(encoding="utf-8")
    assert "smarthub-banner" not in html
