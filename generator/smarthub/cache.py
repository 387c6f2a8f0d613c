"""A per-file cache of findings, so re-checking an unchanged hub costs a fraction of a check.

As ruff does, a content file's findings are reused when nothing they depend on changed:

- the file's own bytes (a SHA-256 of them);
- everything shared by every file (the *run key*): smarthub's own code, ``mkdocs.yml``,
  every glossary entry and persona, the list of content files (ids must be unique), the
  selected rules and the day (review dates depend on it).

The glossary, personas and playbooks are always checked: they are few, and the rules about
the hub as a whole read them. Entries live in one JSON file per run key under the cache
folder (default ``.smarthub_cache/`` beside ``mkdocs.yml``, which the cache ignores in git
itself). Writes are atomic, so two runs sharing the folder each see a whole file; an
unreadable, corrupt or foreign file is treated as empty. A cache can only make a check
faster, never different.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from smarthub.config import HubConfig
from smarthub.findings import Edit, Finding, Severity

CACHE_DIR = ".smarthub_cache"
_FORMAT = 2  # 2: a finding is a list of its fields in order, not an object
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
    try:
        digest.update(config.config_file.read_bytes())
        for path in sorted(shared_files):
            digest.update(f"\n{path.relative_to(config.root).as_posix()}\n".encode())
            digest.update(path.read_bytes())
    except OSError:
        return None  # something shared cannot be read: check without the cache
    digest.update("\n".join(sorted(cached_paths)).encode())
    return digest.hexdigest()


class FindingCache:
    """The cached findings of one run key: read once, written once at the end."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.path = folder / f"{key}.json"
        self.entries: dict[str, dict[str, Any]] = self._read()
        self.changed = False

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(document, dict) or document.get("format") != _FORMAT:
            return {}
        entries = document.get("files")
        return entries if isinstance(entries, dict) else {}

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
        """Remember a file's findings."""
        self.entries[rel] = {"digest": digest, "findings": [_record(f) for f in findings]}
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
            document = {"format": _FORMAT, "files": self.entries}
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
