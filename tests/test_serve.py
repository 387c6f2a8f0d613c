"""``smarthub serve`` keeps up: a save rebuilds the pages that show the saved file, and only those.

One real server per test on a free port, over a temporary copy of the site fixture hub;
pages are read over HTTP as a browser would, and the server's log is what a writer sees in
the terminal.
"""

from __future__ import annotations

import html
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from smarthub.site.watch import is_noise
from tests.site.conftest import write_site_hub

WAIT_S = 30.0  # a bound for a loaded machine; a rebuild of this hub takes a fraction of a second


class Preview:
    """A running ``smarthub serve`` and the hub it serves."""

    def __init__(self, root: Path, port: int, log: Path, process: subprocess.Popen[bytes]) -> None:
        self.root = root
        self.port = port
        self.log_path = log
        self.process = process

    def url(self, page: str) -> str:
        """The served address of a site path (``battlecards/vs-rival/``)."""
        return f"http://127.0.0.1:{self.port}/{page}"

    def get(self, page: str) -> str:
        """The served text of ``page`` ('' while the server does not answer)."""
        try:
            with urllib.request.urlopen(self.url(page), timeout=5) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, OSError):
            return ""

    def log(self) -> str:
        """Everything the server printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait(self, condition: Callable[[], bool], what: str) -> None:
        """Wait until ``condition`` holds; fail with the server's log when it never does."""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.process.poll() is None, f"the server exited:\n{self.log()}"
            time.sleep(0.05)
        raise AssertionError(f"{what} within {WAIT_S:.0f} s; the server's log:\n{self.log()}")

    def wait_for(self, page: str, text: str) -> str:
        """Wait until ``page`` shows ``text``; return the page."""
        self.wait(lambda: text in self.get(page), f"{page} never showed {text!r}")
        return self.get(page)

    def rebuilds(self) -> list[str]:
        """The server's lines about what each save rebuilt."""
        found = re.findall(
            r"smarthub: (?:(rebuilt \d+ pages? for .*) in \d+\.\d+ s|(.*: rebuilding everything))$",
            self.log(),
            re.MULTILINE,
        )
        return [partial or whole for partial, whole in found]

    def save(self, rel: str, text: str) -> None:
        """Save ``text`` to the hub file ``rel`` as an editor does: a new file renamed over it."""
        path = self.root / rel
        temporary = path.with_name(path.name + ".tmp-save")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace ``old`` by ``new`` in the hub file ``rel`` and save it."""
        text = (self.root / rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {rel}"
        self.save(rel, text.replace(old, new))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(root: Path, log: Path, env: dict[str, str] | None = None) -> Iterator[Preview]:
    """``smarthub serve`` on the hub at ``root`` (``env``: more variables), its first build served."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **(env or {})}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "smarthub", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    running = Preview(root, port, log, process)
    try:
        running.wait(lambda: "Serving on" in running.log(), "the server never started")
        running.wait_for("battlecards/vs-rival/", "Rival battlecard")
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """The site fixture hub under ``smarthub serve``."""
    with serving(write_site_hub(tmp_path / "hub"), tmp_path / "serve.log") as running:
        yield running


def _search_locations(preview: Preview) -> list[str]:
    index = json.loads(preview.get("search/search_index.json"))
    return [entry["location"] for entry in index["docs"]]


def test_a_saved_body_rebuilds_only_its_page(preview: Preview) -> None:
    preview.edit(
        "content/battlecards/vs-rival.md", "not linked twice.", "not linked twice. Probe one."
    )
    page = preview.wait_for("battlecards/vs-rival/", "Probe one.")
    assert "Rival battlecard" in page
    preview.wait(lambda: preview.rebuilds(), "no rebuild was logged")
    assert re.fullmatch(
        r"rebuilt 1 page for content/battlecards/vs-rival\.md", preview.rebuilds()[0]
    )
    assert len(preview.rebuilds()) == 1  # one save renamed into place: one rebuild


def test_front_matter_shown_in_listings_updates_the_catalog_and_the_header(
    preview: Preview,
) -> None:
    row = 'data-persona="cfo" data-stage="{}" data-type="battlecard"'
    assert row.format("consideration decision") in preview.get("catalog/")
    preview.edit(
        "content/battlecards/vs-rival.md", "stages: [consideration, decision]", "stages: [decision]"
    )
    preview.wait_for("catalog/", row.format("decision"))
    assert row.format("consideration decision") not in preview.get("catalog/")
    header = (
        '<strong>Stages:</strong> <a href="../../catalog/by-stage/#stage-decision">Decision</a>'
        " · <strong>Owner:</strong>"
    )
    assert header in preview.get("battlecards/vs-rival/")
    (line,) = preview.rebuilds()
    assert line.startswith("rebuilt ") and line.endswith(
        " pages for content/battlecards/vs-rival.md"
    )
    # The asset, the catalog's pages, the persona's, the journey: not the whole site.
    assert int(line.split()[1]) < 10


def test_a_term_mention_added_lists_the_asset_on_the_terms_page(preview: Preview) -> None:
    assert "Rival battlecard" not in preview.get("glossary/sales-ready-lead/")
    preview.edit(
        "content/battlecards/vs-rival.md",
        "not linked twice.",
        "not linked twice. A sales-ready lead goes to sales.",
    )
    preview.wait_for("glossary/sales-ready-lead/", "Rival battlecard")
    (line,) = preview.rebuilds()
    assert line == "rebuilt 2 pages for content/battlecards/vs-rival.md"  # the asset and the term


def test_a_glossary_edit_rebuilds_the_term_page_and_the_links_to_it(preview: Preview) -> None:
    before = preview.get("battlecards/vs-rival/")
    assert "marketing to a named list of accounts" in before  # ABM's tooltip
    preview.edit(
        "glossary/account-based-marketing.md",
        "marketing to a named list of accounts",
        "marketing to a short list of named accounts",
    )
    preview.wait_for("glossary/account-based-marketing/", "a short list of named accounts")
    page = preview.wait_for("battlecards/vs-rival/", "a short list of named accounts")
    assert "marketing to a named list of accounts" not in page
    assert preview.rebuilds() == [
        "glossary/account-based-marketing.md changed: rebuilding everything"
    ]


def test_the_search_index_keeps_every_page_after_a_page_rebuild(preview: Preview) -> None:
    before = _search_locations(preview)
    preview.edit("content/battlecards/vs-rival.md", "not linked twice.", "Zanzibar probe.")
    preview.wait_for("battlecards/vs-rival/", "Zanzibar probe.")
    preview.wait(lambda: "Zanzibar" in preview.get("search/search_index.json"), "not indexed")
    after = _search_locations(preview)
    assert sorted(after) == sorted(before)  # every page, each section once
    pages = {location.split("#")[0] for location in after}
    assert {"", "catalog/", "glossary/", "battlecards/vs-rival/"} <= pages


def test_bad_front_matter_shows_the_finding_and_the_server_keeps_serving(
    preview: Preview,
) -> None:
    preview.edit("content/battlecards/vs-rival.md", "title: Rival battlecard", "title: [Rival")
    page = preview.wait_for("battlecards/vs-rival/", "smarthub-banner")
    assert "content/battlecards/vs-rival.md" in page
    assert "META" in page or "LOAD" in page
    assert "Welcome" in preview.get("")
    preview.edit("content/battlecards/vs-rival.md", "title: [Rival", "title: Rival battlecard")
    preview.wait(
        lambda: "smarthub-banner" not in preview.get("battlecards/vs-rival/"),
        "the banner stayed after the fix",
    )
    assert "Rival battlecard" in preview.get("battlecards/vs-rival/")


def test_editor_files_and_the_cache_start_no_rebuild(preview: Preview) -> None:
    folder = preview.root / "content" / "battlecards"
    (folder / ".vs-rival.md.swp").write_bytes(b"swap")
    (folder / "vs-rival.md~").write_text("backup")
    (folder / "4913").write_text("")
    (preview.root / ".smarthub_cache").mkdir(exist_ok=True)
    (preview.root / ".smarthub_cache" / "entries.json").write_text("{}")
    preview.edit("content/battlecards/vs-rival.md", "not linked twice.", "Marker save.")
    preview.wait_for("battlecards/vs-rival/", "Marker save.")
    time.sleep(0.5)
    assert preview.log().count("Detected file changes") == 1
    assert preview.rebuilds() == ["rebuilt 1 page for content/battlecards/vs-rival.md"]


def test_a_new_title_rebuilds_everything_so_no_page_lists_the_old_one(preview: Preview) -> None:
    preview.edit("content/battlecards/vs-rival.md", "title: Rival battlecard", "title: Beat Rival")
    preview.wait_for("catalog/", "Beat Rival")
    assert "Rival battlecard" not in preview.get("catalog/")
    assert "Rival battlecard" not in preview.get("personas/cfo/")
    assert "<h1>Beat Rival</h1>" in preview.get("battlecards/vs-rival/")
    (line,) = preview.rebuilds()
    assert line.endswith(": rebuilding everything")


def test_a_new_asset_is_published_and_a_removed_one_disappears(preview: Preview) -> None:
    rival = (preview.root / "content/battlecards/vs-rival.md").read_text(encoding="utf-8")
    preview.save(
        "content/battlecards/vs-other.md",
        rival.replace("Rival battlecard", "Other battlecard").replace("Rival", "Other"),
    )
    preview.wait_for("battlecards/vs-other/", "Other battlecard")
    assert "Other battlecard" in preview.get("catalog/")
    (preview.root / "content/battlecards/vs-other.md").unlink()
    preview.wait(lambda: "Other battlecard" not in preview.get("catalog/"), "still in the catalog")
    assert preview.get("battlecards/vs-other/") == ""  # 404
    assert preview.rebuilds() == [
        "content/battlecards/vs-other.md is new: rebuilding everything",
        "content/battlecards/vs-other.md was removed: rebuilding everything",
    ]


def test_a_persona_or_an_option_change_rebuilds_everything(preview: Preview) -> None:
    preview.edit("personas/cfo.md", "name: Carla, the CFO", "name: Chris, the CFO")
    preview.wait_for("battlecards/vs-rival/", "Chris, the CFO")  # the asset's header
    assert "Chris, the CFO" in preview.get("catalog/")
    preview.edit("mkdocs.yml", "site_name: Test hub", "site_name: Renamed hub")
    preview.wait_for("battlecards/vs-rival/", "Renamed hub")
    assert preview.rebuilds() == [
        "personas/cfo.md changed: rebuilding everything",
        "mkdocs.yml changed: rebuilding everything",
    ]


def test_the_banner_shows_the_saved_files_new_findings_and_goes_when_they_are_fixed(
    preview: Preview,
) -> None:
    assert "smarthub-banner" not in preview.get("battlecards/vs-rival/")
    preview.edit(
        "content/battlecards/vs-rival.md",
        "not linked twice.",
        "not linked twice, no target-account spam.",
    )
    page = preview.wait_for("battlecards/vs-rival/", "smarthub-banner")
    banner = re.search(r'<div class="smarthub-banner".*?</div>', page, re.S)
    assert banner is not None
    assert (
        "<li><code>TERM001</code> error at line 15, column 68: 'target-account spam' is not our "
        "language (it is not spam when the account asked for it): use "
        "'account-based marketing'</li>"
    ) in html.unescape(banner.group(0))
    preview.edit("content/battlecards/vs-rival.md", ", no target-account spam.", ".")
    preview.wait(
        lambda: "smarthub-banner" not in preview.get("battlecards/vs-rival/"),
        "the banner stayed after the fix",
    )
    assert preview.rebuilds() == ["rebuilt 1 page for content/battlecards/vs-rival.md"] * 2
    assert "content/battlecards/vs-rival.md:15:68: error TERM001" in preview.log()


def test_a_saved_home_page_keeps_the_hubs_entrance(preview: Preview) -> None:
    preview.edit("content/index.md", "Welcome.", "Welcome, reps.")
    home = preview.wait_for("", "Welcome, reps.")
    assert 'class="smarthub-home' in home  # the cards the plugin adds to the docs' own index
    assert preview.rebuilds() == ["rebuilt 1 page for content/index.md"]


def test_a_baselined_finding_stays_hidden_after_a_save(tmp_path: Path) -> None:
    spam = "not linked twice, no target-account spam."
    rival = "content/battlecards/vs-rival.md"
    root = write_site_hub(tmp_path / "hub")
    (root / rival).write_text(
        (root / rival).read_text(encoding="utf-8").replace("not linked twice.", spam),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "smarthub", "baseline"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    with serving(root, tmp_path / "serve.log") as preview:
        assert "smarthub-banner" not in preview.get("battlecards/vs-rival/")
        preview.edit(rival, "Our ABM programme", "Our ABM programme still")
        preview.wait_for("battlecards/vs-rival/", "programme still")
        assert "smarthub-banner" not in preview.get("battlecards/vs-rival/")
        preview.edit(
            rival, "survey counts.", "survey counts, not sales force spam or target-account spam."
        )
        page = preview.wait_for("battlecards/vs-rival/", "smarthub-banner")
        assert "smarthub check: 1 problem in" in page  # the second one; the first is recorded
        assert preview.rebuilds() == ["rebuilt 1 page for content/battlecards/vs-rival.md"] * 2


def test_a_changed_image_is_copied_and_no_page_rebuilt(preview: Preview) -> None:
    image = preview.root / "content" / "battlecards" / "chart.svg"
    image.write_text("<svg>first</svg>", encoding="utf-8")
    preview.wait(lambda: preview.get("battlecards/chart.svg") == "<svg>first</svg>", "no image")
    preview.save("content/battlecards/chart.svg", "<svg>second</svg>")
    preview.wait(lambda: preview.get("battlecards/chart.svg") == "<svg>second</svg>", "old image")
    assert preview.rebuilds() == ["content/battlecards/chart.svg is new: rebuilding everything"]
    assert re.search(
        r"smarthub: copied 1 file for content/battlecards/chart\.svg in \d+\.\d+ s$",
        preview.log(),
        re.MULTILINE,
    )


@pytest.mark.parametrize(
    ("path", "noise"),
    [
        ("content/battlecards/vs-rival.md", False),
        ("content/battlecards/chart.svg", False),
        ("glossary/mql.md", False),
        ("mkdocs.yml", False),
        ("content/battlecards/.vs-rival.md.swp", True),  # Vim
        ("content/battlecards/vs-rival.md~", True),  # Vim, Emacs backups
        ("content/battlecards/4913", True),  # Vim's probe
        ("content/battlecards/#vs-rival.md#", True),  # Emacs auto-save
        ("content/battlecards/.#vs-rival.md", True),  # Emacs lock
        ("content/.git/index", True),
        (".smarthub_cache/entries.json", True),
        ("content/.smarthub_cache/entries.json", True),
        ("site/index.html", True),
    ],
)
def test_what_cannot_change_the_site_starts_no_rebuild(path: str, noise: bool) -> None:
    root, site = "/hub", "/hub/site"
    assert is_noise(f"{root}/{path}", root, site) is noise


def test_two_pages_saved_together_are_both_rebuilt(preview: Preview) -> None:
    preview.edit("content/battlecards/vs-rival.md", "not linked twice.", "First of two.")
    preview.edit("content/index.md", "Welcome.", "Second of two.")
    preview.wait_for("battlecards/vs-rival/", "First of two.")
    preview.wait_for("", "Second of two.")
    lines = preview.rebuilds()
    # One pass for both when the saves land within MkDocs' 0.1 s wait, else one each.
    assert lines in (
        ["rebuilt 2 pages for content/battlecards/vs-rival.md, content/index.md"],
        [
            "rebuilt 1 page for content/battlecards/vs-rival.md",
            "rebuilt 1 page for content/index.md",
        ],
    )


def test_an_open_browser_is_told_to_reload_after_the_rebuild(preview: Preview) -> None:
    page = preview.get("battlecards/vs-rival/")
    found = re.search(r"livereload\((\d+), (\d+)\);", page)
    assert found is not None, "no live-reload script in the served page"
    epoch = int(found.group(1))
    answer: list[int] = []

    def poll() -> None:  # what the page's script does: wait for a newer version of the site
        url = preview.url(f"livereload/{epoch}/{found.group(2)}")
        with urllib.request.urlopen(url, timeout=WAIT_S) as response:
            answer.append(int(response.read()))

    waiting = threading.Thread(target=poll)
    waiting.start()
    time.sleep(0.3)
    preview.edit("content/battlecards/vs-rival.md", "not linked twice.", "Reload me.")
    waiting.join(WAIT_S)
    assert answer and answer[0] > epoch
    assert "Reload me." in preview.get("battlecards/vs-rival/")


def test_stopping_the_server_removes_its_temporary_site(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    root = write_site_hub(tmp_path / "hub")
    with serving(root, tmp_path / "serve.log", {"TMPDIR": str(temporary)}) as preview:
        assert len(list(temporary.iterdir())) == 1  # the site being served
    assert list(temporary.iterdir()) == []
    assert "Shutting down..." in preview.log()
