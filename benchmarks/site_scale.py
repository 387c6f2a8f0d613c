"""The site at scale: a synthetic hub built with ``search: pagefind``, and a first search.

Issue 5's last target: the 10,000-asset site builds on this machine with ``search: pagefind``
and a first search in the browser downloads under 1 MB. This builds the seeded synthetic hub
with the real ``smarthub build`` (wall time and peak memory), serves it on 127.0.0.1, opens
it in headless Chromium (Debian's, driven by Playwright, as in the browser tests), searches
for a glossary abbreviation and counts the bytes the server sent for that first search. It
prints the figures and writes them between markers into ``RESULTS.md``.

    python benchmarks/site_scale.py [--assets 10000] [--keep]

It takes about as long as MkDocs needs for that many pages (minutes at 10,000).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks import synth  # noqa: E402
from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

RESULTS = REPO / "benchmarks" / "RESULTS.md"
BEGIN, END = "<!-- site-scale:begin -->", "<!-- site-scale:end -->"
FIRST_SEARCH_LIMIT = 1_000_000


def build(root: Path) -> tuple[float, int, str]:
    """``smarthub build`` of the hub with Pagefind: wall seconds, peak KB, what Pagefind indexed.

    The synthetic hub plants findings, so the build exits 1; the site is written all the same.
    """
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "      search: pagefind\n")
    started = time.perf_counter()
    done = subprocess.run(
        [
            "/usr/bin/time",
            "-f",
            "%M",
            sys.executable,
            "-m",
            "smarthub",
            "build",
            "-d",
            str(root / "site"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    if not (root / "site" / "pagefind").is_dir():
        raise SystemExit(f"the build made no Pagefind bundle:\n{done.stderr[-2000:]}")
    indexed = re.search(r"Pagefind indexed [\d,]+ pages?", done.stderr)
    return seconds, peak_kb, indexed.group() if indexed else "Pagefind said nothing about indexing"


def first_search(site: Path, query: str) -> tuple[int, int, str]:
    """Bytes and responses the server sent for the first search, and the first result's title."""
    from playwright.sync_api import sync_playwright

    with serve_folder(site) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab: Any = browser.new_page(viewport={"width": 1366, "height": 768})
        tab.goto(served.url)
        _settle(tab, served)
        before = len(served.responses)
        tab.click("label.smarthub-search")
        tab.locator(".pagefind-ui__search-input").press_sequentially(query)
        result = tab.locator(".pagefind-ui__result-link").first
        result.wait_for(timeout=60_000)
        _settle(tab, served)
        title = result.inner_text()
        browser.close()
        return served.bytes_since(before), len(served.responses) - before, title


def _settle(tab: Any, served: Any, quiet_ms: int = 700, limit_ms: int = 30_000) -> None:
    count, waited = -1, 0
    while count != len(served.responses) and waited < limit_ms:
        count = len(served.responses)
        tab.wait_for_timeout(quiet_ms)
        waited += quiet_ms


def _abbreviation(root: Path) -> str:
    for entry in sorted((root / "glossary").glob("*.md")):
        found = re.search(r"^abbreviation: (\S+)$", entry.read_text(), re.MULTILINE)
        if found:
            return found.group(1).strip("'\"")
    raise SystemExit("the synthetic glossary has no abbreviation to search for")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary hub and site")
    options = parser.parse_args()
    if CHROMIUM is None:
        raise SystemExit("no Chromium found (apt-get install chromium)")
    folder = Path(tempfile.mkdtemp(prefix="smarthub-site-scale-"))
    try:
        root = folder / "hub"
        synth.generate(root, options.assets)
        seconds, peak_kb, said = build(root)
        pages = sum(1 for _ in (root / "site").rglob("index.html"))
        query = _abbreviation(root)
        downloaded, responses, title = first_search(root / "site", query)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
    verdict = "MET" if downloaded < FIRST_SEARCH_LIMIT else "NOT MET"
    section = "\n".join(
        [
            BEGIN,
            f"## Site at {options.assets:,} assets with `search: pagefind`",
            "",
            f"`python benchmarks/site_scale.py --assets {options.assets}` on {dt.date.today()}: the seeded "
            "synthetic hub built with the real `smarthub build`, served on 127.0.0.1 and searched in "
            "headless Chromium.",
            "",
            "| measure | figure |",
            "|---|---|",
            f"| `smarthub build` wall time | {seconds:.0f} s |",
            f"| peak memory of the build | {peak_kb / 1024:.0f} MiB |",
            f"| pages written | {pages:,} |",
            f"| Pagefind | {said} |",
            f"| first search for `{query}`: bytes downloaded | {downloaded:,} in {responses} responses |",
            f"| first result | {title} |",
            f"| target: the site builds, and a first search downloads under 1 MB | **{verdict}** |",
            END,
        ]
    )
    print(section)
    text = RESULTS.read_text() if RESULTS.exists() else ""
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
