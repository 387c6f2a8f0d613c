"""Writing a file so that readers see the old content or the new, never a half-written file.

The new content goes to a temporary file in the same folder (so the final rename never
crosses a file system), is flushed to disk, takes the mode of the file it replaces, and is
renamed over the target with ``os.replace``, which is atomic on POSIX and Windows.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

_DEFAULT_FILE_MODE = 0o666


def write_atomic(
    path: str | os.PathLike[str],
    content: str | bytes,
    *,
    encoding: str = "utf-8",
    overwrite: bool = True,
    follow_symlinks: bool = False,
) -> Path:
    """Write ``content`` to ``path`` atomically and return the path written.

    Text is encoded with ``encoding`` and written as is: line endings are not translated.
    An existing file keeps its permission bits; a new one gets ``0o666`` less the umask,
    as ``open()`` would give it. The folder must exist.

    ``overwrite=False`` refuses an existing file with ``FileExistsError``, atomically where
    the file system has hard links (no window between the test and the write).

    A symbolic link at ``path`` is replaced by a regular file, so nothing is ever written
    outside the named path; ``follow_symlinks=True`` writes to the link's target instead.

    On any error the temporary file is removed and the target is left untouched.
    """
    target = Path(path)
    if follow_symlinks:
        target = Path(os.path.realpath(target))
    data = content.encode(encoding) if isinstance(content, str) else bytes(content)
    mode = _mode_for(target)
    descriptor, temporary_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if overwrite:
            os.replace(temporary, target)
        else:
            _create_new(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(target.parent)
    return target


def _mode_for(target: Path) -> int:
    """The permission bits the written file should have."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:  # no file yet (or a dangling link): what open() would have created
        return _DEFAULT_FILE_MODE & ~_current_umask()


def _current_umask() -> int:
    # The only portable way to read the umask is to set it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _create_new(temporary: Path, target: Path) -> None:
    """Move ``temporary`` to ``target`` only if ``target`` does not exist."""
    try:
        os.link(temporary, target)  # fails with FileExistsError if the target exists
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: test, then rename (a small race remains).
        if os.path.lexists(target):
            raise FileExistsError(17, "File exists", str(target)) from None
        os.replace(temporary, target)
        return
    temporary.unlink()


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry so the rename survives a crash (POSIX only; best effort)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
