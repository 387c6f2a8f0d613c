"""A per-file cache of findings, so re-checking an unchanged hub costs a fraction of a check.

As ruff does, a content file's findings are reused when nothing they depend on changed:

- the file's own bytes (a SHA-256 of them);
- everything shared by every file (the *run key*): smarthub's own code, ``mkdocs.yml``
  and the settings read from it (``INHERIT:`` parents and ``!ENV`` values included), every
  glossary entry and persona, the list of content files (ids must be unique), the selected
  rules and the day (review dates depend on it).

A file's digest is taken from its entry without reading the file when the file's size,
modification and change times and inode are those recorded, and those times were already
two seconds old when it was read (as git trusts its index): a later write moves the times
on, so an equal state means equal bytes. When the whole hub is unchanged (every content
file cached, the same files found), the findings of the always-checked files are reused
too, without loading the glossary.

The glossary, personas and playbooks are always checked: they are few, and the rules about
the hub as a whole read them. Entries live in one JSON file per run key under the cache
folder (default ``.smarthub_cache/`` beside ``mkdocs.yml``, which the cache ignores in git
itself). Writes are atomic, so two runs sharing the folder each see a whole file; an
unreadable, corrupt or foreign file is treated as empty. A cache can only make a check
faster, never different.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smarthub.config import HubConfig
from smarthub.findings import Edit, Finding, Severity
from smarthub.load.hub import read_bytes

if TYPE_CHECKING:
    from smarthub.load.files import Discovered

CACHE_DIR = ".smarthub_cache"
_FORMAT = 3  # 2: a finding is a list of its fields in order; 3: file states, the hub entry
# Timestamps move in ticks (a few milliseconds on Linux, two seconds on FAT): a file written
# again within its tick keeps its times. Only times older than this are trusted.
_SETTLED_NS = 2_000_000_000
_KEEP_RUN_KEYS = 4  # older run keys (a changed glossary, another day) are pruned
_PACKAGE = Path(__file__).resolve().parent


def code_fingerprint() -> str:
    """A digest of smarthub's own files (names, sizes, modification times)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2", ".txt", ".yml", ".json") and path.is_file():
            stat = path.stat()
            digest.update(
                f"{path.relative_to(_PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


def file_digest(data: bytes) -> str:
    """The digest a file's cache entry is keyed by."""
    return hashlib.sha256(data).hexdigest()


def run_key(
    config: HubConfig,
    shared_files: Iterable[Path],
    cached_paths: Iterable[str],
    enabled: Iterable[str],
    today: dt.date,
) -> str | None:
    """The key everything shared by the files depends on, or None when it cannot be read."""
    digest = hashlib.sha256(f"{_FORMAT}\n{code_fingerprint()}\n{today.isoformat()}\n".encode())
    digest.update(",".join(sorted(enabled)).encode() + b"\n")
    settings = _settings_text(config)
    if settings is None:
        return None
    digest.update(settings.encode())
    try:
        digest.update(config.config_file.read_bytes())
        for path in sorted(shared_files):
            digest.update(f"\n{path.relative_to(config.root).as_posix()}\n".encode())
            digest.update(path.read_bytes())
    except OSError:
        return None  # something shared cannot be read: check without the cache
    digest.update("\n".join(sorted(cached_paths)).encode())
    return digest.hexdigest()


def _settings_text(config: HubConfig) -> str | None:
    """The settings read from ``mkdocs.yml`` as stable text (sets sorted), or None when they
    hold something that has no stable text (the cache is then not used)."""
    try:
        return json.dumps(
            dataclasses.asdict(config), sort_keys=True, default=_stable, ensure_ascii=False
        )
    except (TypeError, ValueError):
        return None


def _stable(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, (Path, re.Pattern)):
        return str(value)
    raise TypeError(f"no stable text for {type(value).__name__}")


def hub_digest(found: Iterable[Discovered], digests: dict[str, str]) -> str:
    """A digest of every file a check found (path, kind, why it is refused) and of the
    content files' digests: equal digests under one run key mean an unchanged hub."""
    digest = hashlib.sha256()
    for item in sorted(found, key=lambda item: item.rel):
        digest.update(
            f"{item.rel}\0{item.kind}\0{item.refusal or ''}\0{digests.get(item.rel, '')}\n".encode()
        )
    return digest.hexdigest()


class FindingCache:
    """The cached findings of one run key: read once, written once at the end."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.path = folder / f"{key}.json"
        self.started = time.time_ns()  # before any file of this run is read
        self.entries: dict[str, dict[str, Any]] = {}
        self.hub: dict[str, Any] = {}
        self._read()
        self._states: dict[str, list[int]] = {}  # as seen before reading, when settled
        self.changed = False

    def _read(self) -> None:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(document, dict) or document.get("format") != _FORMAT:
            return
        entries, hub = document.get("files"), document.get("hub")
        self.entries = entries if isinstance(entries, dict) else {}
        self.hub = hub if isinstance(hub, dict) else {}

    def digest(self, rel: str, path: Path) -> str:
        """The digest of the file's bytes, from its entry when its state on disk is the one
        recorded; raises ``OSError`` when the file cannot be read."""
        state = self._state(path)
        if state is None:
            return file_digest(read_bytes(path))
        self._states[rel] = state
        entry = self.entries.get(rel)
        if (
            isinstance(entry, dict)
            and entry.get("state") == state
            and isinstance(entry.get("digest"), str)
        ):
            return entry["digest"]
        return file_digest(read_bytes(path))

    def _state(self, path: Path) -> list[int] | None:
        """Size, times and inode of a file whose times are settled, else None."""
        status = os.stat(path)
        settled = self.started - _SETTLED_NS
        if status.st_mtime_ns >= settled or status.st_ctime_ns >= settled:
            return None
        return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]

    def unchanged(self, rel: str, path: Path, digest: str) -> bool:
        """Whether the file still holds the bytes ``digest`` was taken of (after a check)."""
        try:
            if rel in self._states and self._state(path) == self._states[rel]:
                return True
            return file_digest(read_bytes(path)) == digest
        except OSError:
            return False

    def get(self, rel: str, digest: str) -> list[Finding] | None:
        """The findings of a file with these bytes, or None when they are not cached."""
        entry = self.entries.get(rel)
        if not isinstance(entry, dict) or entry.get("digest") != digest:
            return None
        try:
            return [_finding(item) for item in entry["findings"]]
        except (KeyError, TypeError, ValueError):
            return None  # a damaged entry: check the file again

    def put(self, rel: str, digest: str, findings: list[Finding]) -> None:
        """Remember a file's findings (and its state on disk, when settled)."""
        entry: dict[str, Any] = {"digest": digest, "findings": [_record(f) for f in findings]}
        if rel in self._states:
            entry["state"] = self._states[rel]
        self.entries[rel] = entry
        self.changed = True

    def get_hub(self, digest: str) -> tuple[list[Finding], list[str]] | None:
        """The findings and checked paths of the always-checked files for an unchanged hub
        (``hub_digest``), or None when they are not cached."""
        if self.hub.get("digest") != digest:
            return None
        try:
            findings = [_finding(item) for item in self.hub["findings"]]
            checked = self.hub["checked"]
        except (KeyError, TypeError, ValueError):
            return None
        if not isinstance(checked, list) or not all(isinstance(rel, str) for rel in checked):
            return None
        return findings, checked

    def put_hub(self, digest: str, findings: list[Finding], checked: list[str]) -> None:
        """Remember the always-checked files' findings for the hub ``digest`` describes."""
        self.hub = {
            "digest": digest,
            "findings": [_record(f) for f in findings],
            "checked": checked,
        }
        self.changed = True

    def save(self) -> None:
        """Write the entries atomically (a failure to write only costs the next run time)."""
        if not self.changed:
            return
        from smarthub.atomic import write_atomic

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                write_atomic(ignore, "# smarthub's cache: never commit it\n*\n")
            document = {"format": _FORMAT, "files": self.entries, "hub": self.hub}
            write_atomic(self.path, json.dumps(document, separators=(",", ":")))
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        runs = sorted(
            (path for path in self.folder.glob("*.json") if path != self.path),
            key=lambda path: path.stat().st_mtime,
            reverse=True,
        )
        for stale in runs[_KEEP_RUN_KEYS - 1 :]:
            with contextlib.suppress(OSError):
                os.unlink(stale)


def _record(finding: Finding) -> list[Any]:
    """A finding as the cache stores it: its fields in order (field names would be most of
    the file, and reading a 10,000-file hub's cache is a tenth of a warm check)."""
    edit = finding.edit
    return [
        finding.path,
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
        finding.code,
        finding.name,
        finding.severity.value,
        finding.message,
        finding.match,
        finding.suggestion,
        None if edit is None else [edit.start, edit.end, edit.replacement],
    ]


_SEVERITIES = {severity.value: severity for severity in Severity}


def _finding(record: list[Any]) -> Finding:
    """The finding ``_record`` stored; a malformed record raises ``ValueError`` or a lookup error."""
    if len(record) != 12:
        raise ValueError("not a finding record")
    edit = record[11]
    return Finding(
        *record[:7],
        _SEVERITIES[record[7]],
        record[8],
        record[9],
        record[10],
        Edit(*edit) if edit is not None else None,
    )
