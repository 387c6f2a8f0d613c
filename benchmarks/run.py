"""Benchmark ``smarthub check`` and ``smarthub build`` against their peers; write RESULTS.md.

    python benchmarks/run.py [--quick] [--sizes 100,1000,10000]

Installs its peers on first use (Vale unpacked from ``../shared/peers/vale``, textlint from
npm into ``benchmarks/.cache``, ripgrep with apt-get when root), builds the inputs in a temporary folder outside the repository (the
corpus copied into a hub, synthetic hubs of each size), measures every command side by side
in the same run, profiles the check on the largest hub, prints the table and the targets,
and writes ``benchmarks/RESULTS.md``. ``benchmarks/README.md`` explains the method.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import peers
import suites
from profile_check import profile_check
from report import machine, print_table, write_results
from targets import LARGE, MEDIUM, evaluate

HERE = Path(__file__).resolve().parent


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted(
            {
                int(part.replace("_", "").replace(",", ""))
                for part in text.split(",")
                if part.strip()
            }
        )
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give sizes as numbers, e.g. 100,1000,10000"
        ) from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers")
    return sizes


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description="Benchmark smarthub against Vale, textlint, ripgrep and MkDocs."
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="3 runs per command (not 5), a smaller time budget, no textlint above 1,000 assets",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        metavar="N,N,...",
        help="synthetic hub sizes in assets (default: 100,1000,10000; none with --pair)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        metavar="N",
        help="measured runs per command (default 5, 3 with --quick)",
    )
    parser.add_argument(
        "--output", type=Path, default=HERE / "RESULTS.md", help="where to write the results"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder with the hubs"
    )
    parser.add_argument(
        "--pair",
        choices=("vale", "textlint", "rg"),
        help="only smarthub check beside this peer, interleaved, on the corpus (unless "
        "--no-corpus) and each of --sizes, textlint included at every size; prints the table "
        "and writes nothing",
    )
    parser.add_argument(
        "--no-corpus", action="store_true", help="with --pair: leave the corpus out"
    )
    parser.add_argument(
        "--only-cache",
        action="store_true",
        help="only the cache rows on the largest hub (cold, warm, one file changed); prints "
        "the table and writes nothing",
    )
    parser.add_argument(
        "--only-build",
        action="store_true",
        help="only smarthub build against plain MkDocs of the staged pages, on the sample hub "
        "and the largest hub; prints the rows and writes nothing",
    )
    args = parser.parse_args(argv)
    if args.sizes is None:
        args.sizes = [] if args.pair else [100, 1_000, 10_000]
    return args


# Left out of the measured commands' environment: GitHub's annotations, and the sandbox's
# PYTHONDONTWRITEBYTECODE, which made every smarthub run compile its modules from source
# (about 0.07 s a run); an installed smarthub runs from the bytecode pip compiles, and the
# warm-up run writes it here.
_NOT_PASSED = frozenset({"GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE"})


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _NOT_PASSED}
    env.update(NO_COLOR="1", NO_MKDOCS_2_WARNING="1")
    return env


def run(args: argparse.Namespace) -> int:
    """Measure everything and write the results; the exit code is 0 unless nothing ran."""
    started = time.perf_counter()
    invocation = "python benchmarks/run.py" + " ".join(["", *sys.argv[1:]])
    info = machine()
    cache = HERE / ".cache"
    workdir = Path(tempfile.mkdtemp(prefix="smarthub-bench-"))
    settings = suites.Settings(
        repetitions=args.runs or (3 if args.quick else 5),
        budget_s=45.0 if args.quick else 120.0,
        quick=args.quick,
        workdir=workdir,
        cache=cache,
        env=_environment(),
    )
    if args.only_build:  # MkDocs and smarthub only: no peers to install
        return _build_only(args, settings, suites.Results())
    results = suites.Results(
        tools=[peers.ensure_vale(), peers.ensure_textlint(cache), peers.ensure_ripgrep()]
    )
    for tool in results.tools:
        print(f"{tool.name}: {tool.version or 'skipped: ' + tool.skipped}")
    print(
        f"Inputs in {workdir}; {settings.repetitions} runs per command after a warm-up.\n",
        flush=True,
    )
    if args.only_cache:
        return _cache_only(args, settings, results)
    if args.pair:
        return _pair_only(args, settings, results)
    try:
        corpus = suites.corpus_hub(workdir)
        if corpus is None:
            results.notes.append(
                f"The corpus was not found at {suites.CORPUS}: its rows are missing."
            )
        else:
            results.hubs["corpus"] = corpus
            suites.compare_with_peers(settings, results, corpus, "corpus")
        largest = max(args.sizes)
        jobs = suites.check_has_jobs()
        for size in args.sizes:
            print(f"Generating the {size:,}-asset hub...", flush=True)
            hub = suites.synthetic_hub(workdir, size, git=size == largest)
            results.hubs[str(size)] = hub
            with_textlint = not (args.quick and size > 1_000)
            suites.compare_with_peers(settings, results, hub, str(size), textlint=with_textlint)
            if size == largest:
                if jobs:
                    suites.single_process(settings, results, hub, str(size))
                suites.pull_request_mode(settings, results, hub, str(size))
                suites.cache_rows(settings, results, hub, str(size))
        sample = suites.sample_hub()
        results.hubs["sample"] = sample
        suites.build_versus_mkdocs(settings, results, sample, "sample")
        for size in (str(MEDIUM), "100"):  # issue 15 names 1,000 assets; 100 when it is not run
            if size in results.hubs:
                suites.build_versus_mkdocs(settings, results, results.hubs[size], size)
                break
        print(f"Profiling smarthub check on the {largest:,}-asset hub...", flush=True)
        profile = profile_check(
            results.hubs[str(largest)].root,
            results.hubs[str(largest)].name,
            workdir / "check.prof",
            settings.env,
            one_process=jobs,
        )
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if largest != LARGE:
        results.notes.append(
            f"Targets at 10,000 assets are not measured: the largest hub had {largest:,}."
        )
    targets = evaluate(results)
    print_table(results, targets)
    elapsed = time.perf_counter() - started
    mode = "Quick mode: up" if args.quick else "Up"
    write_results(
        args.output,
        results,
        targets,
        info,
        profile,
        invocation=invocation,
        elapsed_s=elapsed,
        settings=f"{mode} to {settings.repetitions} measured run{'s' if settings.repetitions > 1 else ''} per command, {settings.budget_s:.0f} s budget per command.",
        folders={cache: "benchmarks/.cache", workdir: "<tmp>", HERE.parent: "."},
    )
    print(f"\nWrote {args.output} ({elapsed / 60:.1f} minutes).")
    return 0 if results.by_key else 1


def _cache_only(
    args: argparse.Namespace, settings: suites.Settings, results: suites.Results
) -> int:
    """The cache rows alone, with more runs than fit in a whole run of the suite."""
    size = max(args.sizes)
    try:
        print(f"Generating the {size:,}-asset hub...", flush=True)
        hub = suites.synthetic_hub(settings.workdir, size)
        results.hubs[str(size)] = hub
        suites.cache_rows(settings, results, hub, str(size))
    finally:
        if not args.keep:
            shutil.rmtree(settings.workdir, ignore_errors=True)
    print_table(results, [t for t in evaluate(results) if t.key.startswith("cache-")])
    print(f"load average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0 if results.by_key else 1


def _pair_only(args: argparse.Namespace, settings: suites.Settings, results: suites.Results) -> int:
    """smarthub check and one peer, side by side, on the chosen inputs."""
    try:
        corpus = None if args.no_corpus else suites.corpus_hub(settings.workdir)
        if corpus is not None:
            results.hubs["corpus"] = corpus
            suites.compare_with_peers(settings, results, corpus, "corpus", only=args.pair)
        for size in args.sizes:
            print(f"Generating the {size:,}-asset hub...", flush=True)
            hub = suites.synthetic_hub(settings.workdir, size)
            results.hubs[str(size)] = hub
            suites.compare_with_peers(settings, results, hub, str(size), only=args.pair)
    finally:
        if not args.keep:
            shutil.rmtree(settings.workdir, ignore_errors=True)
    print_table(results, [])
    print(f"load average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0 if results.by_key else 1


def _build_only(
    args: argparse.Namespace, settings: suites.Settings, results: suites.Results
) -> int:
    """The site-build rows alone (issue 15's build target), interleaved, CPU included."""
    size = max(args.sizes)
    try:
        print(f"Generating the {size:,}-asset hub...", flush=True)
        hubs = {
            "sample": suites.sample_hub(),
            str(size): suites.synthetic_hub(settings.workdir, size),
        }
        for key, hub in hubs.items():
            results.hubs[key] = hub
            suites.build_versus_mkdocs(settings, results, hub, key)
    finally:
        if not args.keep:
            shutil.rmtree(settings.workdir, ignore_errors=True)
    for key in results.hubs:
        plain, built = results.by_key.get(f"mkdocs:{key}"), results.by_key.get(f"build:{key}")
        if plain and built:
            print(
                f"{key}: smarthub build {built.median_s:.2f} s wall, {built.cpu_s:.2f} s CPU; "
                f"plain MkDocs {plain.median_s:.2f} s, {plain.cpu_s:.2f} s CPU; "
                f"{built.median_s / plain.median_s:.2f}x wall, {built.cpu_s / plain.cpu_s:.2f}x CPU"
            )
    print(f"load average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0 if results.by_key else 1


def main() -> None:
    """Entry point."""
    sys.exit(run(parse_args()))


if __name__ == "__main__":
    main()
