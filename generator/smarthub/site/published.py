"""Which files of the docs folder may reach the site: only what the check could read.

MkDocs walks the docs folder following symbolic links and copies every file it finds. The
plugin and ``smarthub stage`` ask here first, so a linked folder (never checked), a link to
``/proc/self/environ`` or a FIFO never ends up in the site or hangs the build.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from smarthub.config import HubConfig
from smarthub.load.files import refusal


def publish_refusal(config: HubConfig, path: Path) -> str | None:
    """Why the docs file ``path`` is left out of the site, or ``None`` when it is published.

    Files from elsewhere (the theme's own) are not the hub's to judge: ``None``.
    """
    docs = config.root / config.docs_dir
    try:
        relative = path.relative_to(docs)
    except ValueError:
        return None
    folder = docs
    for part in relative.parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            return f"is inside {folder.name}, a symbolic link to a folder, which is not checked"
    found = refusal(path, config.root)
    if found:
        return found
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "cannot be read"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe, socket or device)"
    return None
