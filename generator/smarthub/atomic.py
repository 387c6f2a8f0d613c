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
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

_DEFAULT_FILE_MODE = 0o666
_TEMPORARY_NAME_BYTES = 100  # room for the random part and suffix within a 255-byte name
_confinement: ContextVar[Path | None] = ContextVar("smarthub_write_root", default=None)


class OutsideFolderError(PermissionError):
    """A write was asked for outside the folder writes are confined to."""


@contextlib.contextmanager
def confined_to(folder: Path) -> Iterator[None]:
    """Refuse, for the block's duration, any ``write_atomic`` outside ``folder``.

    ``--fix`` writes only the hub's own files; wherever a path came from (a ``docs_dir``
    outside the hub, a link), a write that would land elsewhere raises ``OutsideFolderError``.
    """
    token = _confinement.set(Path(folder).resolve())
    try:
        yield
    finally:
        _confinement.reset(token)


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
    An existing file keeps its permission bits, owner and group (as far as the process may
    set them); a new one gets ``0o666`` less the umask,
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
    allowed = _confinement.get()
    if allowed is not None and not Path(os.path.realpath(target.parent)).is_relative_to(allowed):
        raise OutsideFolderError(13, f"outside {allowed}: not written", str(target))
    data = content.encode(encoding) if isinstance(content, str) else bytes(content)
    mode = _mode_for(target)
    owner = _owner_of(target)
    prefix = os.fsencode(target.name)[:_TEMPORARY_NAME_BYTES].decode("utf-8", "ignore")
    descriptor, temporary_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{prefix}.", suffix=".tmp"
    )
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if owner is not None:
            _keep_owner(temporary, *owner)
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


def _owner_of(target: Path) -> tuple[int, int] | None:
    """The user and group of the file being replaced (``None`` when there is none)."""
    try:
        info = os.stat(target)
    except OSError:
        return None
    return info.st_uid, info.st_gid


def _keep_owner(temporary: Path, uid: int, gid: int) -> None:
    """Give the new file the old one's owner and group, as far as we are allowed to."""
    info = os.stat(temporary)
    if (info.st_uid, info.st_gid) == (uid, gid) or not hasattr(os, "chown"):
        return
    with contextlib.suppress(PermissionError):
        os.chown(temporary, uid, gid)
        return
    with contextlib.suppress(PermissionError):  # not the owner's: keep at least the group
        os.chown(temporary, -1, gid)


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
