"""Fixture hubs for the site tests, built with the real ``mkdocs`` and ``smarthub`` commands.

Also what the browser tests share: a static server on 127.0.0.1 that counts the bytes it
sends, and headless Chromium from the system (Debian's ``/usr/bin/chromium``) driven by
Playwright's Python package. Tests that need a browser are skipped, saying why, only when
no Chromium is installed or Playwright is missing; no browser is ever downloaded.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import BASE_OPTIONS, entry, write_hub

TODAY = "2026-11-23"

# A hub exercising every page kind: terms (one deprecated, one with quotes in its
# definition), a hostile persona, published, draft, retired and overdue assets.
FILES: dict[str, str] = {
    "glossary/account-based-marketing.md": entry(
        """
        term: Account-based marketing
        abbreviation: ABM
        aliases: [account based marketing]
        avoid:
          - text: target-account spam
            reason: it is not spam when the account asked for it
        owner: marketing
        approved_by: [marketing, sales]
        related: [marketing-qualified-lead]
        reviewed: 2026-10-01
        """,
        "Account-based marketing (ABM) is marketing to a named list of accounts agreed with sales.\n",
    ),
    "glossary/marketing-qualified-lead.md": entry(
        """
        term: Marketing-qualified lead
        abbreviation: MQL
        owner: marketing
        approved_by: [marketing, sales]
        related: [sales-qualified-lead]
        reviewed: 2026-10-01
        """,
        "A marketing-qualified lead (MQL) is a lead whose score has reached 60 points.\n",
    ),
    "glossary/sales-qualified-lead.md": entry(
        """
        term: Sales-qualified lead
        abbreviation: SQL
        owner: sales
        approved_by: [marketing, sales]
        reviewed: 2026-10-01
        """,
        "A sales-qualified lead is a lead an account executive has accepted after a call.\n",
    ),
    "glossary/sales-ready-lead.md": entry(
        """
        term: Sales-ready lead
        status: deprecated
        replaced_by: sales-qualified-lead
        owner: sales
        approved_by: [marketing, sales]
        reviewed: 2026-10-01
        """,
        "A sales-ready lead is the retired name for a sales-qualified lead.\n",
    ),
    "glossary/net-promoter-score.md": entry(
        """
        term: Net promoter score
        abbreviation: NPS
        owner: customer-success
        approved_by: [marketing, sales]
        reviewed: 2026-10-01
        """,
        'Net promoter score is the "would you recommend us?" score, from 0 to 10 & <b>not</b> a target.\n',
    ),
    "personas/cfo.md": entry(
        """
        name: Carla, the CFO
        role: Chief Financial Officer
        owner: marketing
        segment: Mid-market
        goals: [Close the books in five days]
        pains: [Manual invoice entry]
        channels: [Peer roundtables]
        objections:
          - objection: It is too expensive.
            response: Show the cost of manual AP.
        reviewed: 2026-10-01
        """,
        "Carla signs off every purchase over 50,000.\n",
    ),
    "personas/hostile.md": entry(
        """
        name: <script>alert(1)</script>
        role: Head of "Growth" & <b>stuff</b>
        owner: marketing
        goals: ["*not emphasis* | not a cell"]
        objections:
          - objection: Why "quotes" <i>break</i> things?
            response: They do not <script>alert(2)</script>.
        reviewed: 2026-10-01
        """,
        "Hostile front matter must show as text.\n",
    ),
    "playbooks/handoff.md": entry(
        """
        title: MQL to SQL hand-off
        owner: sales
        reviewed: 2026-10-01
        audience: [sales, marketing]
        personas: [cfo]
        stages: [consideration]
        summary: How a lead moves from marketing to sales.
        """,
        "Marketing passes each MQL to sales within one working day.\n",
    ),
    "content/index.md": "# Test hub\n\nWelcome. Start with the glossary.\n",
    "content/battlecards/vs-rival.md": entry(
        """
        title: Rival battlecard
        type: battlecard
        owner: marketing
        status: published
        reviewed: 2026-10-01
        personas: [cfo]
        stages: [consideration, decision]
        summary: How we win against Rival.
        """,
        """
        ## Why ABM wins

        Our ABM programme beats Rival. Every ABM touch is tracked, and each MQL and NPS
        survey counts. Account-based marketing again, not linked twice.

        ```
        ABM inside code stays as it is
        ```

        See `ABM` in inline code too.
        """,
    ),
    "content/one-pagers/overdue.md": entry(
        """
        title: Pricing one-pager
        type: one-pager
        owner: marketing
        status: published
        reviewed: 2020-01-01
        personas: [cfo]
        stages: [decision]
        """,
        "Old prices.\n",
    ),
    "content/one-pagers/unfinished.md": entry(
        """
        title: Unfinished draft
        type: one-pager
        owner: marketing
        status: draft
        reviewed: 2026-10-01
        personas: [cfo]
        stages: [awareness]
        """,
        "Not ready.\n",
    ),
    "content/one-pagers/old-news.md": entry(
        """
        title: Retired one-pager
        type: one-pager
        owner: marketing
        status: retired
        reviewed: 2026-10-01
        personas: [cfo]
        stages: [awareness]
        """,
        "Gone.\n",
    ),
    "content/case-studies/hostile-title.md": entry(
        """
        title: <img src=x onerror=alert(3)> case study
        type: case-study
        owner: marketing
        status: published
        reviewed: 2026-10-01
        personas: [cfo]
        stages: [decision]
        """,
        "A customer story.\n",
    ),
}

SITE_OPTIONS: dict[str, Any] = {"teams": ["sales", "marketing", "customer-success"]}

FULL_CONFIG: dict[str, Any] = {
    "site_name": "Test hub",
    "docs_dir": "content",
    "theme": {
        "name": "material",
        "font": False,
        "features": ["navigation.prune", "search.suggest", "search.highlight", "content.tooltips"],
    },
    "markdown_extensions": [
        "abbr",
        "attr_list",
        "admonition",
        "pymdownx.details",
        "pymdownx.superfences",
        "tables",
        "toc",
    ],
    "plugins": ["search", {"smarthub": {**BASE_OPTIONS, **SITE_OPTIONS}}],
}


def full_config_yaml(options: dict[str, Any] | None = None) -> str:
    """The fixture hub's mkdocs.yml with Material features (tooltips, search suggestions)."""
    smarthub_options = {**BASE_OPTIONS, **SITE_OPTIONS, **(options or {})}
    config = {**FULL_CONFIG, "plugins": ["search", {"smarthub": smarthub_options}]}
    return yaml.safe_dump(config, sort_keys=False)


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command as a user would, returning its exit code and output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def smarthub(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``smarthub ARGS`` in ``cwd``."""
    return run(sys.executable, "-m", "smarthub", *args, cwd=cwd)


def mkdocs(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs ARGS`` in ``cwd``."""
    return run(sys.executable, "-m", "mkdocs", *args, cwd=cwd)


def write_site_hub(
    root: Path,
    files: dict[str, str] | None = None,
    *,
    full: bool = False,
    options: dict[str, Any] | None = None,
) -> Path:
    """Write the fixture hub (optionally with extra or replaced files and plugin options)."""
    merged: dict[str, str | bytes] = {**FILES, **(files or {})}
    if full:
        merged["mkdocs.yml"] = full_config_yaml(options)
    return write_hub(root, merged, {**SITE_OPTIONS, **(options or {})})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture hub built once with ``smarthub build``; returns the site folder."""
    root = write_site_hub(tmp_path_factory.mktemp("hub"))
    done = smarthub("build", "--today", TODAY, "-d", root / "site", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def page(site: Path, path: str) -> str:
    """The HTML of a built page (``glossary/x`` → ``glossary/x/index.html``)."""
    target = site / path / "index.html" if not path.endswith(".html") else site / path
    return target.read_text(encoding="utf-8")


class _Collector(HTMLParser):
    """Collects ``(attributes, text)`` of every element with a given tag."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.found: list[tuple[dict[str, str], list[str]]] = []
        self.open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag:
            self.found.append(({key: value or "" for key, value in attrs}, []))
            self.open.append(len(self.found) - 1)

    def handle_endtag(self, tag: str) -> None:
        if tag == self.tag and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for index in self.open:
            self.found[index][1].append(data)


def elements(markup: str, tag: str) -> list[tuple[dict[str, str], str]]:
    """Every ``tag`` element of ``markup``: its attributes (unescaped) and its text."""
    collector = _Collector(tag)
    collector.feed(markup)
    return [(attrs, "".join(text)) for attrs, text in collector.found]


def article(markup: str) -> str:
    """The page's main content (Material's ``<article>``), without header, nav and footer."""
    start = markup.index("<article")
    return markup[start : markup.index("</article>", start)]


# Browsers and a server for them.

CHROMIUM = (
    os.environ.get("SMARTHUB_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = "no Chromium found (apt-get install chromium): browser tests skipped"
NO_PLAYWRIGHT = "playwright is not installed: browser tests skipped"


@dataclass
class ServedSite:
    """A folder served on 127.0.0.1: its URL and the ``(path, body bytes)`` of each response."""

    url: str
    responses: list[tuple[str, int]] = field(default_factory=list)

    def bytes_since(self, mark: int) -> int:
        """Body bytes sent after the first ``mark`` responses."""
        return sum(size for _, size in self.responses[mark:])


class _CountingHandler(SimpleHTTPRequestHandler):
    """Serves files quietly, noting each response's path and ``Content-Length``."""

    def __init__(self, *args: Any, responses: list[tuple[str, int]], **kwargs: Any) -> None:
        self.responses = responses  # set first: the base class handles the request in __init__
        super().__init__(*args, **kwargs)

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self.responses.append((self.path, int(value)))
        super().send_header(keyword, value)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[ServedSite]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port) for the block's duration."""
    served = ServedSite("")
    handler = functools.partial(_CountingHandler, responses=served.responses, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    served.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system, one per test module."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    sync_api = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def requested_hosts() -> set[str]:
    """Every host the browser asked for during a test."""
    return set()


@pytest.fixture
def tab(browser: Any, requested_hosts: set[str]) -> Iterator[Any]:
    """A desktop-sized tab that records the host of every request it makes.

    After the test, it fails the test if any request went anywhere but 127.0.0.1.
    """
    context = browser.new_context(viewport={"width": 1366, "height": 768})

    def record(request: Any) -> None:
        if not request.url.startswith(("data:", "blob:")):
            requested_hosts.add(urlsplit(request.url).hostname or "")

    context.on("request", record)
    yield context.new_page()
    context.close()
    assert requested_hosts <= {"127.0.0.1"}, f"requests left the host: {sorted(requested_hosts)}"
