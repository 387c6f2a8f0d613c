"""The step to print after ``smarthub build``: how to open the site just written.

Opened from disk (``file://``), a MkDocs site with directory URLs shows folder listings for
its links, and Material's search cannot start its worker. Material's ``offline`` plugin
fixes the links (with ``use_directory_urls: false``), but its search then loads a script
from unpkg.com, which breaks the promise that no request leaves the site's host. So the
site is meant to be served, and the build says how.
"""

from __future__ import annotations

from pathlib import Path


def next_step(site: Path) -> str:
    """The line ``smarthub build`` prints once the site is written to ``site``."""
    return (
        f"Site built in {site}: preview it with 'smarthub serve', or serve the folder "
        f"('python -m http.server -d {site}'); opened from disk (file://) its links and "
        "search do not work."
    )
