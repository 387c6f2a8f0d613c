"""The site's search: Material's lunr index by default, or a Pagefind bundle for large hubs.

Lunr ships one ``search/search_index.json`` holding every page's text, downloaded whole
before the first search; past a few megabytes that is slow on a sales rep's laptop. Pagefind
indexes the built HTML into small chunks and a search downloads only the chunks its words
need, so the first search stays small however many assets the hub has.

With ``search: pagefind`` the build (1) switches off Material's search plugin, so no lunr
index is built, (2) marks each page's content area with ``data-pagefind-body``, so the
navigation, header and footer are not indexed, (3) indexes the written site with the
Pagefind binary from the ``pagefind[bin]`` wheel, and (4) ships ``search.js``, which adds
the header's search button and a dialog with Pagefind's own UI, loaded from the generated
``pagefind/`` bundle: nothing is fetched from elsewhere. The script is an ``extra_javascript``
rather than a theme override, so a hub's own ``main.html`` cannot hide it, and since Pagefind
needs JavaScript anyway, a browser without it gets no dead button.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

MB = 1_000_000
LUNR_INDEX = "search/search_index.json"
LUNR_INDEX_LIMIT = 5 * MB
INSTALL = 'pip install "smarthub[pagefind]"'

# Material's content area, as base.html writes it (mkdocs-material 9.x).
ARTICLE_START = '<article class="md-content__inner md-typeset">'
CONTENT_MARK = "data-pagefind-body"
# Material's chrome inside the article that is not the page's text: heading permalinks (¶),
# edit/view buttons, the git dates footer and the feedback widget.
EXCLUDED = (".headerlink", ".md-content__button", ".md-source-file", ".md-feedback")
_INDEXED = re.compile(r"Indexed (\d+) pages?")


class PagefindError(Exception):
    """Pagefind could not index the site; the message is one line for the user."""


def pagefind_binary() -> Path | None:
    """The Pagefind executable the ``pagefind`` package finds, or None when it is not installed."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    return get_executable()


def pagefind_missing(config_name: str) -> str:
    """The one-line error for ``search: pagefind`` without Pagefind installed."""
    return (
        f"{config_name}: plugins.smarthub.search is pagefind, but Pagefind is not installed: "
        f"{INSTALL}"
    )


def mark_content(html: str) -> str | None:
    """The page with ``data-pagefind-body`` on Material's article, or None when it has none.

    Done on the written HTML rather than in a theme override: a ``main.html`` of ours would
    be shadowed by the hub's own ``custom_dir/main.html`` (common: banners, analytics) or by
    a page's ``template:``, and the content block sits *inside* the article, so a template
    could only add a wrapper element. The article start tag comes from Material's
    ``base.html`` whatever overrides are in play; it is written once per page, before the
    page's own content, so the first occurrence is the real one. The insertion is one
    attribute at one known place, and a page where the tag is missing is reported, not
    guessed at.
    """
    at = html.find(ARTICLE_START)
    if at == -1:
        return None
    cut = at + len(ARTICLE_START) - 1  # before the closing ">"
    return f"{html[:cut]} {CONTENT_MARK}{html[cut:]}"


def index_site(binary: Path, site_dir: Path, *, keep_index_url: bool, cwd: Path) -> int | None:
    """Index the written site into ``site_dir/pagefind``; return the page count Pagefind reports.

    Runs the binary itself (the ``pagefind`` package's async service wraps the same binary).
    Pagefind also reads a ``pagefind.yml`` in ``cwd`` (the hub's root); the flags given here
    win over it. Raises ``PagefindError`` with Pagefind's own last words when it fails.
    """
    command = [str(binary), "--site", str(site_dir)]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    if keep_index_url:
        command.append("--keep-index-url")
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise PagefindError(f"cannot run Pagefind ({binary}): {error.strerror}") from None
    if done.returncode != 0:
        lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        raise PagefindError(
            f"Pagefind failed to index {site_dir}: {lines[-1] if lines else done.returncode}"
        )
    found = _INDEXED.search(done.stdout)
    return int(found.group(1)) if found else None


def lunr_index_warning(site_dir: Path) -> str | None:
    """The warning to log when the lunr index is too big for a quick first search, else None."""
    index = site_dir / LUNR_INDEX
    size = index.stat().st_size if index.is_file() else 0
    if size <= LUNR_INDEX_LIMIT:
        return None
    return (
        f"the search index is {size / MB:.1f} MB; set `search: pagefind` under the smarthub "
        "plugin options for large hubs"
    )
