"""The one engine behind every front end: load, check, filter, sort."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from smarthub import kinds, parallel, suppress
from smarthub.checks.context import CheckContext
from smarthub.checks.registry import all_rules, expand_selectors, iter_checks
from smarthub.config import ConfigError, HubConfig
from smarthub.findings import Finding, Severity
from smarthub.load import load_hub
from smarthub.load.files import Discovered, discover, hub_markdown
from smarthub.load.hub import load_file
from smarthub.model import Hub, SourceFile

if TYPE_CHECKING:
    from smarthub import cache
    from smarthub.baseline import Baseline


@dataclass
class CheckResult:
    """The findings of one check run, sorted, with the loaded hub they came from."""

    findings: list[Finding]
    checked: list[str]
    hub: Hub
    context: CheckContext | None = (
        None  # the run's shared lookups (term occurrences), when in-process
    )
    baselined: int = 0  # findings the baseline hid (not in ``findings``)

    @property
    def files(self) -> int:
        """How many files were checked."""
        return len(self.checked)

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(finding.severity is Severity.ERROR for finding in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(finding.severity is Severity.WARNING for finding in self.findings)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 when clean, 1 when there are errors (or warnings, with ``strict``)."""
        return 1 if self.errors or (strict and self.warnings) else 0


def run_check(
    config: HubConfig,
    paths: Sequence[Path] | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
    jobs: int | None = 1,
    baseline: Baseline | None = None,
    cache: bool = False,
    keep_sources: bool = True,
) -> CheckResult:
    """Check the hub; ``paths`` limits the files reported on (the glossary always loads).

    ``None`` checks every file; an empty list checks none. ``jobs`` > 1 (or ``None``: one per
    core) lets a large hub be checked in several processes; the result's ``hub`` then holds
    the glossary, personas and playbooks but not the content files, so callers that need
    every loaded file afterwards (``--fix``, the site) keep the default of one.

    A ``baseline`` hides the findings it records and adds LINT002 for its stale entries.

    With ``cache``, content files whose findings are in the cache (``smarthub.cache``) are
    not checked again; the result's ``hub`` then lacks them, so ``--fix`` and the site,
    which need every file loaded, never use it.

    Without ``keep_sources`` the content files are loaded, checked and dropped a batch at a
    time, so memory stays flat in the hub's size; the result's ``hub`` then holds only the
    glossary, personas and playbooks, as after a check in several processes. The reporters
    read a finding's line from disk then; ``--fix``, the site and the language server, which
    need every file loaded, keep the default.

    Raises ``ConfigError`` for unknown paths or rule selectors.
    """
    reported = _reported_files(config, paths) if paths is not None else None
    check = _check_with_cache if cache else _check
    result = check(
        config,
        reported,
        select=select,
        ignore=ignore,
        today=today,
        jobs=jobs,
        keep_sources=keep_sources,
    )
    if baseline is None:
        return result
    from smarthub import baseline as baselines

    findings, hidden = baselines.apply(
        result, baseline, reported=reported, enabled=enabled_codes(config, select, ignore)
    )
    findings = [with_configured_severity(finding, config) for finding in findings]
    findings.sort(key=lambda finding: finding.sort_key)
    return dataclasses.replace(result, findings=findings, baselined=hidden)


def _check(
    config: HubConfig,
    reported: set[str] | None,
    *,
    select: Iterable[str],
    ignore: Iterable[str],
    today: dt.date | None,
    jobs: int | None,
    keep_sources: bool = True,
) -> CheckResult:
    discovered = None
    if jobs != 1:
        workers = parallel.worker_count(jobs)
        if parallel.worth_a_walk(reported, workers):
            discovered = list(discover(config, reported))  # one walk, whichever way it goes
        parts = parallel.shares(config, reported, workers, discovered)
        if parts is not None and discovered is not None:
            enabled_codes(config, select, ignore)  # a bad selector is reported here, once
            day = today or dt.date.today()
            with _collector_paused():
                shared = load_shared(config, discovered, day)
            findings, checked = parallel.check_in_workers(
                config, parts, select=select, ignore=ignore, shared=shared, discovered=discovered
            )
            findings.sort(key=lambda finding: finding.sort_key)
            return CheckResult(findings=findings, checked=sorted(checked), hub=shared.hub)
    return check_files(
        config,
        reported,
        select=select,
        ignore=ignore,
        today=today,
        keep_sources=keep_sources,
        discovered=discovered,
    )


def _check_with_cache(
    config: HubConfig,
    reported: set[str] | None,
    *,
    select: Iterable[str],
    ignore: Iterable[str],
    today: dt.date | None,
    jobs: int | None,
    keep_sources: bool = True,
) -> CheckResult:
    """Reuse cached findings of unchanged content files; check the rest and remember them."""
    from smarthub import cache

    select, ignore = list(select), list(ignore)
    day = today or dt.date.today()
    enabled = enabled_codes(config, select, ignore)
    found = list(discover(config, reported))
    shared: list[Discovered] = []
    cachable: list[Discovered] = []
    for item in found:
        if kinds.always_loaded(kinds.get(item.kind)):
            shared.append(item)
        elif not item.refusal and (reported is None or item.rel in reported):
            cachable.append(item)
    key_parts = (
        config,
        [item.path for item in shared],
        [item.rel for item in cachable],
        enabled,
        day,
    )
    key = cache.run_key(*key_parts)
    if key is None:
        return _check(
            config,
            reported,
            select=select,
            ignore=ignore,
            today=day,
            jobs=jobs,
            keep_sources=keep_sources,
        )
    store = cache.FindingCache(config.root / cache.CACHE_DIR, key)
    reused: list[Finding] = []
    hits: set[str] = set()
    digests: dict[str, str] = {}
    for item in cachable:
        try:
            digests[item.rel] = store.digest(item.rel, item.path)
        except OSError:
            continue  # checked again, which reports why it cannot be read
        cached = store.get(item.rel, digests[item.rel])
        if cached is not None:
            reused += cached
            hits.add(item.rel)
    # The whole hub as found, when every content file could be read: unchanged since a run
    # that remembered the always-checked files' findings, it needs no glossary loaded.
    whole = None
    if reported is None and len(digests) == len(cachable):
        whole = cache.hub_digest(found, digests)
        remembered = store.get_hub(whole) if len(hits) == len(cachable) else None
        if remembered is not None:
            findings, checked = remembered
            return CheckResult(
                findings=sorted(reused + findings, key=lambda finding: finding.sort_key),
                checked=sorted(hits.union(checked)),
                hub=Hub(config=config),
            )
    everything = reported if reported is not None else {item.rel for item in found}
    to_check = everything - hits
    result = _check(
        config,
        to_check,
        select=select,
        ignore=ignore,
        today=day,
        jobs=jobs,
        keep_sources=keep_sources,
    )
    _remember(store, result, digests, hits, whole, config.root)
    # The shared files changed during the check: what was found is not that key's to keep.
    if cache.run_key(*key_parts) == key:
        store.save()
    findings = sorted(result.findings + reused, key=lambda finding: finding.sort_key)
    return CheckResult(
        findings=findings,
        checked=sorted(set(result.checked) | hits),
        hub=result.hub,
        context=result.context,
    )


def _remember(
    store: cache.FindingCache,
    result: CheckResult,
    digests: dict[str, str],
    hits: set[str],
    whole: str | None,
    root: Path,
) -> None:
    """Put the findings of the files a check read into the cache: each content file still
    holding the bytes it had, and the rest under the hub's digest when every file did."""
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    all_unchanged = True
    for rel, digest in digests.items():
        if rel in hits:
            continue
        # A file edited during the check is not cached with the other version's findings.
        if store.unchanged(rel, root / rel, digest):
            store.put(rel, digest, by_path.get(rel, []))
        else:
            all_unchanged = False
    if whole is not None and all_unchanged:
        store.put_hub(
            whole,
            [finding for finding in result.findings if finding.path not in digests],
            [rel for rel in result.checked if rel not in digests],
        )


@dataclass
class SharedPart:
    """What every share of a parallel check needs, loaded once before the workers fork.

    The glossary entries and personas (every rule reads them) with the ids they took, and a
    context whose term matcher is compiled: forked workers inherit all of it instead of each
    loading and compiling it again, and the parent's result reuses the same hub.
    """

    hub: Hub
    ids_seen: dict[tuple[str, str], SourceFile]
    context: CheckContext
    loaded: frozenset[str]  # the hub-relative paths of the files in ``hub``


def load_shared(config: HubConfig, discovered: list[Discovered], today: dt.date) -> SharedPart:
    """Load the always-loaded files of ``discovered`` and compile the glossary's matcher."""
    hub = Hub(config=config)
    ids_seen: dict[tuple[str, str], SourceFile] = {}
    for found in discovered:
        if kinds.always_loaded(kinds.get(found.kind)):
            load_file(hub, found, ids_seen)
    context = CheckContext(hub=hub, today=today)
    context.matcher  # noqa: B018  # compiled here, so that each worker inherits it
    loaded = frozenset(source.rel for source in hub.sources)
    return SharedPart(hub, ids_seen, context, loaded)


def check_files(
    config: HubConfig,
    reported: set[str] | None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
    keep_sources: bool = True,
    discovered: list[Discovered] | None = None,
    shared: SharedPart | None = None,
) -> CheckResult:
    """Check the hub in this process, reporting on the hub-relative paths in ``reported`` (None: all).

    Without ``keep_sources``, content files are checked a batch at a time and dropped
    (``run_check`` says what the result then holds); ``discovered`` saves that check a
    second walk over the hub when the caller has made one, and ``shared`` (a forked
    worker's inheritance, which the check extends and may change) the loading of the
    glossary and personas.
    """
    with _collector_paused():
        if keep_sources:
            return _run_check(config, reported, select=select, ignore=ignore, today=today)
        return _run_streamed(
            config,
            reported,
            select=select,
            ignore=ignore,
            today=today,
            discovered=discovered,
            shared=shared,
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    # A check builds millions of small objects and frees almost none of them in cycles;
    # the cyclic collector kept re-scanning them all and took 40% of a 10,000-file run.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run_check(
    config: HubConfig,
    reported: set[str] | None,
    *,
    select: Iterable[str],
    ignore: Iterable[str],
    today: dt.date | None,
) -> CheckResult:
    enabled = enabled_codes(config, select, ignore)
    hub = load_hub(config, reported)
    context = CheckContext(hub=hub, today=today or dt.date.today(), reported=reported)
    findings = _findings_of(context, enabled)
    findings.sort(key=lambda finding: finding.sort_key)
    checked = sorted(
        reported if reported is not None else (source.rel for source in context.sources())
    )
    return CheckResult(findings=findings, checked=checked, hub=hub, context=context)


def _findings_of(context: CheckContext, enabled: set[str]) -> list[Finding]:
    """Every enabled rule's findings on the context's reported files, suppressions applied."""
    reported = context.reported
    # Hub-wide rules may report on any file; the engine, not each rule, keeps the asked-for ones
    # (so one-file checks, each worker of -j and each batch report a file once, or not at all).
    findings = [
        finding
        for rule in iter_checks()
        if rule.code in enabled and rule.check is not None
        for finding in rule.check(context)
        if reported is None or finding.path in reported
    ]
    every_rule_enabled = enabled >= {rule.code for rule in all_rules()}
    findings = suppress.apply(context, findings, enabled, every_rule_enabled)
    config = context.hub.config
    return [with_configured_severity(finding, config) for finding in findings]


STREAM_BATCH = 400  # content files in memory at once in a streamed check


def _run_streamed(
    config: HubConfig,
    reported: set[str] | None,
    *,
    select: Iterable[str],
    ignore: Iterable[str],
    today: dt.date | None,
    discovered: list[Discovered] | None = None,
    shared: SharedPart | None = None,
) -> CheckResult:
    """The check of ``_run_check`` with the content files loaded, checked and dropped in batches.

    The glossary, personas and playbooks stay loaded (every rule reads them) and are reported
    with the first batch; what a batch leaves behind is its findings and, for the ids the
    next batches must not reuse, each file's path. ``shared`` holds files loaded already.
    """
    enabled = enabled_codes(config, select, ignore)
    hub = Hub(config=config) if shared is None else shared.hub
    ids_seen = {} if shared is None else shared.ids_seen
    loaded = frozenset() if shared is None else shared.loaded
    docs: list[Discovered] = []
    for found in discovered if discovered is not None else discover(config, reported):
        if not kinds.get(found.kind).in_docs:  # glossary, personas, playbooks: kept loaded
            if found.rel not in loaded:
                load_file(hub, found, ids_seen)
        elif reported is None or found.rel in reported:
            docs.append(found)
    kept_sources, kept_problems = len(hub.sources), len(hub.problems)
    kept = [source.rel for source in hub.sources]
    first = {rel for rel in kept if reported is None or rel in reported}
    if shared is None:
        context = CheckContext(hub=hub, today=today or dt.date.today(), reported=first)
    else:
        context = shared.context.for_files(first)
    findings: list[Finding] = []
    for batch in _batches(docs, STREAM_BATCH):
        for found in batch:
            load_file(hub, found, ids_seen)
        files = {found.rel for found in batch}
        context = context.for_files(first | files)
        findings += _findings_of(context, enabled)
        first = set()
        _drop_batch(hub, kept_sources, kept_problems, ids_seen)
    if first:  # no content file at all: the glossary and personas are still checked
        findings += _findings_of(context, enabled)
    findings.sort(key=lambda finding: finding.sort_key)
    context = context.for_files(set())
    checked = reported if reported is not None else {*kept, *(found.rel for found in docs)}
    return CheckResult(findings=findings, checked=sorted(checked), hub=hub, context=context)


def _batches(docs: list[Discovered], size: int) -> Iterator[list[Discovered]]:
    """``docs`` in order, cut into batches of about ``size``; files of one id share a batch.

    Two assets with one id (in two folders) shadow each other in the model; in one batch
    they do so as when the whole hub is loaded, so the findings are the same.
    """
    groups: dict[str, list[Discovered]] = {}
    for found in docs:
        name = unicodedata.normalize("NFC", found.path.name).casefold()
        groups.setdefault(name, []).append(found)
    batch: list[Discovered] = []
    for group in groups.values():
        batch += group
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _drop_batch(
    hub: Hub, kept_sources: int, kept_problems: int, ids_seen: dict[tuple[str, str], SourceFile]
) -> None:
    """Forget the content files loaded since the first ``kept_sources`` (the shared ones)."""
    batch = hub.sources[kept_sources:]  # held until the end: ids are compared below
    dropped = {id(source) for source in batch}
    del hub.sources[kept_sources:]
    del hub.problems[kept_problems:]
    hub.pages.clear()
    for key, asset in list(hub.assets.items()):
        if id(asset.source) in dropped:
            del hub.assets[key]
    for key, source in ids_seen.items():
        if id(source) in dropped:  # its id stays taken; its text and regions go
            ids_seen[key] = SourceFile(path=source.path, rel=source.rel, kind=source.kind)


def with_configured_severity(finding: Finding, config: HubConfig) -> Finding:
    """``finding`` at the severity the hub's ``severity`` option gives its code, if any."""
    level = config.severity.get(finding.code)
    if level is None or level == finding.severity.value:
        return finding
    return dataclasses.replace(finding, severity=Severity(level))


def enabled_codes(config: HubConfig, select: Iterable[str], ignore: Iterable[str]) -> set[str]:
    """The rule codes a run reports: ``select`` (or every rule) minus ``ignore`` and the rules
    the hub's ``severity`` option turns off; an unknown selector is a ``ConfigError``."""
    select, ignore = list(select), list(ignore)
    every = {rule.code for rule in all_rules()}
    selected, unknown = expand_selectors(select) if select else (every, [])
    ignored, unknown_ignored = expand_selectors(ignore)
    unknown += unknown_ignored
    if unknown:
        raise ConfigError(
            [
                f"unknown rule '{name}' in --select/--ignore: use a code (TERM001), a name (term.avoided) "
                "or a family (TERM); 'smarthub rules' lists them"
                for name in unknown
            ]
        )
    return {code for code in selected - ignored if config.severity.get(code) != "off"}


def _reported_files(config: HubConfig, paths: Sequence[Path]) -> set[str]:
    root = config.root
    wanted: list[Path] = []
    problems: list[str] = []
    for path in paths:
        # Resolve the folders but not the file itself: a symlinked file is the hub's to report.
        absolute = (Path.cwd() / path).absolute()
        absolute = (
            absolute.parent.resolve() / absolute.name if absolute.name else absolute.resolve()
        )
        if not (absolute.exists() or absolute.is_symlink()):
            problems.append(f"{path}: no such file or folder")
        elif not absolute.is_relative_to(root):
            problems.append(f"{path}: is outside the hub ({root})")
        else:
            wanted.append(absolute)
    if problems:
        raise ConfigError(problems)
    folders = [path for path in wanted if path.is_dir() and not path.is_symlink()]
    files = {path.relative_to(root).as_posix() for path in wanted if path not in folders}
    if not folders:  # the usual case (pre-commit, --changed-since): no walk over the hub
        return {rel for rel in files if hub_markdown(config, rel)}
    return {
        found.rel
        for found in discover(config)
        if found.rel in files or any(found.path.is_relative_to(folder) for folder in folders)
    }
