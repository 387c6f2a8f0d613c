"""Both cores for large hubs: the content files are checked in forked worker processes.

Every per-file rule depends only on its file and on the glossary, personas and settings,
which the parent loads once and each worker inherits; rules about the hub as a whole (the
glossary's) run in the first worker only, because they report on glossary files and those
go to the first share.
The findings are the ones a single process finds, merged and sorted the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from smarthub import kinds
from smarthub.config import HubConfig
from smarthub.findings import Finding
from smarthub.load.files import Discovered, discover

if TYPE_CHECKING:
    from smarthub.engine import SharedPart

PARALLEL_FROM_FILES = 1500  # below this, starting workers costs more than it saves


def worker_count(requested: int | None) -> int:
    """How many workers to use: the request, else the cores (at most 4), 1 where fork is missing."""
    if sys.platform != "linux":
        return 1  # fork keeps start-up cheap; elsewhere one process is the safe choice
    if requested is not None:
        return max(requested, 1)
    return max(min(os.cpu_count() or 1, 4), 1)


def worth_a_walk(reported: set[str] | None, workers: int) -> bool:
    """Whether the hub may be large enough for workers: decided before any walk over it."""
    return workers >= 2 and (reported is None or len(reported) >= PARALLEL_FROM_FILES)


def shares(
    config: HubConfig,
    reported: set[str] | None,
    workers: int,
    discovered: list[Discovered] | None = None,
) -> list[list[str]] | None:
    """The files each worker reports on, or None when the hub is too small to be worth it.

    ``discovered`` is ``discover(config, reported)`` when the caller has walked the hub
    already (and will check it in this process if the answer is None).
    """
    if not worth_a_walk(reported, workers):
        return None  # a pull request's few files stay cheap
    hub_files: list[str] = []
    docs: list[str] = []
    for found in discovered if discovered is not None else discover(config, reported):
        if reported is not None and found.rel not in reported:
            continue
        (docs if kinds.get(found.kind).in_docs else hub_files).append(found.rel)
    if len(docs) < PARALLEL_FROM_FILES:
        return None
    # Interleaved, so that each share gets files from every folder (folders differ in size).
    parts = [docs[index::workers] for index in range(workers)]
    parts[0] = hub_files + parts[0]
    return parts


def check_in_workers(
    config: HubConfig,
    parts: list[list[str]],
    *,
    select: Iterable[str],
    ignore: Iterable[str],
    shared: SharedPart,
    discovered: list[Discovered],
) -> tuple[list[Finding], list[str]]:
    """Run the check on each share in its own process; return all findings and checked paths.

    ``discovered``, the walk ``shares`` was cut from, spares each worker a walk of its own;
    ``shared``, the glossary and personas loaded with the matcher compiled, is inherited by
    the forked workers rather than sent (or loaded again by each).
    """
    # Imported here: they cost every command a tenth of a second, and small hubs never need them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _inherited
    _inherited = shared
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=len(parts), mp_context=context) as pool:
            futures = [
                pool.submit(
                    _check_share, config, part, list(select), list(ignore), _of(part, discovered)
                )
                for part in parts
            ]
            results = [future.result() for future in futures]
    finally:
        _inherited = None
    findings = [finding for part_findings, _ in results for finding in part_findings]
    checked = [path for _, part_checked in results for path in part_checked]
    return findings, checked


# The shared part of the check being run, for the workers forked while it runs.
_inherited: SharedPart | None = None


def _of(part: list[str], discovered: list[Discovered]) -> list[Discovered]:
    """What ``discover(config, part)`` finds: every glossary entry and persona, and the share."""
    wanted = set(part)
    return [
        found
        for found in discovered
        if kinds.always_loaded(kinds.get(found.kind)) or found.rel in wanted
    ]


def _check_share(
    config: HubConfig,
    part: list[str],
    select: list[str],
    ignore: list[str],
    discovered: list[Discovered],
) -> tuple[list[Finding], list[str]]:
    from smarthub.engine import check_files

    shared = _inherited
    if shared is None:  # pragma: no cover - a worker is always forked from check_in_workers
        raise RuntimeError("a check share runs only in a worker forked by check_in_workers")
    result = check_files(
        config,
        set(part),
        select=select,
        ignore=ignore,
        today=shared.context.today,
        keep_sources=False,
        discovered=discovered,
        shared=shared,
    )
    return result.findings, result.checked
