"""Writing files so that a reader never sees half of one: temporary file, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` in one step, keeping an existing file's permissions.

    The data goes to a temporary file in the same folder, is flushed to disk, then renamed
    over the target: a crash or a kill at any moment leaves either the old file or the new
    one, never a mix. Text is written as UTF-8 exactly as given (no newline translation).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = Path(path)
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
