"""Checking one file's unsaved text (an editor's buffer) against the rest of the hub on disk.

The glossary, personas and playbooks are loaded once into a ``HubSnapshot`` and reloaded
only when a file under their folders or ``mkdocs.yml`` changes; each check then adds the
buffer as the one reported file and runs the same rules, suppressions and severities as
``smarthub check``, so an editor shows exactly what CI will say.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from smarthub import kinds, suppress
from smarthub.checks.context import CheckContext
from smarthub.checks.registry import all_rules, iter_checks
from smarthub.config import HubConfig, load_config
from smarthub.engine import enabled_codes, with_configured_severity
from smarthub.findings import Finding
from smarthub.load import load_hub
from smarthub.load.files import kind_of
from smarthub.load.frontmatter import decode
from smarthub.load.hub import add_entry, id_key
from smarthub.matcher import TermMatcher
from smarthub.model import Hub, SourceFile

_STALE_CHECK_SECONDS = 1.0  # how often the folders on disk are looked at for changes


@dataclass
class BufferCheck:
    """A buffer checked against the hub: its loaded source, the hub with it, and the findings."""

    source: SourceFile
    hub: Hub
    findings: list[Finding]
    matcher: TermMatcher
    context: CheckContext | None = None  # the run's lookups (the buffer's term occurrences)


@dataclass
class HubSnapshot:
    """The hub on disk (glossary, personas, playbooks), reloaded when its files change."""

    config_file: Path
    config: HubConfig = field(init=False)
    hub: Hub = field(init=False)
    _stamp: frozenset[tuple[str, int]] = field(init=False, default=frozenset())
    _looked_at: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read ``mkdocs.yml`` and the shared folders again (raises ``ConfigError``)."""
        self.config = load_config(self.config_file)
        self._stamp = self._current_stamp()
        self.hub = load_hub(self.config, selected=self._playbooks())
        self._looked_at = time.monotonic()
        self.__dict__.pop("matcher", None)

    def refresh(self, *, force: bool = False) -> bool:
        """Reload when a shared file changed on disk (looked at once a second); True if reloaded."""
        now = time.monotonic()
        if not force and now - self._looked_at < _STALE_CHECK_SECONDS:
            return False
        self._looked_at = now
        if not force and self._current_stamp() == self._stamp:
            return False
        self.reload()
        return True

    @cached_property
    def matcher(self) -> TermMatcher:
        """The glossary's matcher, built once per snapshot."""
        return TermMatcher(self.hub.terms.values())

    def _playbooks(self) -> set[str]:
        # Playbooks hold no ids other files refer to, but a buffer's checks may list them.
        root = self.config.root
        base = root / self.config.playbooks_dir
        return {path.relative_to(root).as_posix() for path in base.rglob("*.md") if path.is_file()}

    def _current_stamp(self) -> frozenset[tuple[str, int]]:
        # Names and modification times of every file that can change another file's findings.
        config = self.config
        stamp = {(str(self.config_file), _mtime(self.config_file))}
        for folder in kinds.source_folders(config):
            if folder == config.docs_dir:
                continue  # a page of the docs folder changes no other file's findings
            for directory, _subdirectories, files in os.walk(config.root / folder):
                for name in files:
                    path = os.path.join(directory, name)
                    stamp.add((path, _mtime(Path(path))))
        return frozenset(stamp)

    def check(
        self,
        rel: str,
        text: str,
        *,
        today: dt.date | None = None,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> BufferCheck | None:
        """Check ``text`` as the hub file ``rel``; None when ``rel`` is not a hub file."""
        kind = kind_of(self.config, rel)
        if kind is None:
            return None
        matcher = TermMatcher(self.hub.terms.values()) if kind == "term" else self.matcher
        return check_in_hub(
            self.config,
            self.hub,
            matcher,
            rel,
            kind,
            text,
            today=today,
            select=select,
            ignore=ignore,
        )


def check_in_hub(
    config: HubConfig,
    base: Hub,
    matcher: TermMatcher,
    rel: str,
    kind: str,
    text: str,
    *,
    today: dt.date | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> BufferCheck:
    """Check ``text`` as the hub file ``rel`` of ``kind`` against ``base``, whose ``matcher`` is given.

    ``smarthub lsp`` checks an editor's buffer this way, and ``smarthub serve`` a saved file
    against the hub it built the site from: the same rules, suppressions and severities as
    ``smarthub check``, reporting on ``rel`` only.
    """
    hub, source = with_buffer(base, rel, kind, text)
    enabled = enabled_codes(config, select, ignore)
    context = CheckContext(hub=hub, today=today or dt.date.today(), reported={rel})
    # The context builds its matcher lazily; hand it the caller's so that every
    # keystroke (or save) does not compile the whole glossary again.
    context.__dict__["matcher"] = matcher
    findings = [
        finding
        for rule in iter_checks()
        if rule.code in enabled and rule.check is not None
        for finding in rule.check(context)
    ]
    every_rule_enabled = enabled >= {rule.code for rule in all_rules()}
    findings = suppress.apply(context, findings, enabled, every_rule_enabled)
    findings = [with_configured_severity(finding, config) for finding in findings]
    findings.sort(key=lambda finding: finding.sort_key)
    return BufferCheck(source=source, hub=hub, findings=findings, matcher=matcher, context=context)


def with_buffer(base: Hub, rel: str, kind: str, text: str) -> tuple[Hub, SourceFile]:
    """A copy of ``base`` in which the file ``rel`` is loaded from ``text`` instead of disk."""
    hub = dataclasses.replace(
        base,
        entries={
            kind: {key: entry for key, entry in table.items() if entry.source.rel != rel}
            for kind, table in base.entries.items()
        },
        pages=[page for page in base.pages if page.source.rel != rel],
        sources=[source for source in base.sources if source.rel != rel],
        problems=[problem for problem in base.problems if problem.source.rel != rel],
    )
    source = SourceFile(path=base.config.root / rel, rel=rel, kind=kind)
    hub.sources.append(source)
    problem = decode(source, text.encode("utf-8"))
    if problem is not None:
        hub.problems.append(problem)
        return hub, source
    ids_seen = {
        key: other
        for other in hub.sources
        if other is not source and (key := id_key(other)) is not None
    }
    add_entry(source, ids_seen, hub)
    return hub, source


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1
