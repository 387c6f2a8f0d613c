"""The machine, the table and ``RESULTS.md``: every figure of a run, with the commands behind it."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path

from profile_check import ProfileSummary
from suites import PYTHON, SAMPLE_HUB, Results, Row
from targets import ANALYSIS, Target


@dataclass(frozen=True)
class Machine:
    """Where and when the benchmark ran."""

    nproc: int
    memory: str
    cpu: str
    python: str
    system: str
    date: str
    load_before: str
    smarthub: str
    mkdocs: str


def _first_line(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def _proc_field(path: str, name: str) -> str:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(name):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def machine() -> Machine:
    """Describe this machine: ``nproc``, memory, CPU model, Python, versions and load."""
    memory = _proc_field("/proc/meminfo", "MemTotal")
    if memory.endswith(" kB"):
        memory = f"{int(memory[:-3]) / 1024 / 1024:.1f} GiB"
    commit = _first_line(["git", "-C", str(SAMPLE_HUB), "describe", "--always", "--dirty"])
    return Machine(
        nproc=len(os.sched_getaffinity(0)),
        memory=memory,
        cpu=_proc_field("/proc/cpuinfo", "model name"),
        python=platform.python_version(),
        system=platform.platform(),
        date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        load_before=_load(),
        smarthub=f"{_first_line([PYTHON, '-m', 'smarthub', '--version'])} (git {commit})",
        mkdocs=_first_line([PYTHON, "-m", "mkdocs", "--version"])
        .split(" from ")[0]
        .removeprefix("python -m "),
    )


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _relation(row: Row) -> str:
    ratio, cpu = row.ratio, row.cpu_ratio
    if ratio is None:
        return ""
    cpu = cpu if cpu is not None else float("nan")
    if row.kind in ("pr", "cache"):
        return f"{ratio:.1%} of the cold check (CPU {cpu:.1%})"
    if row.kind == "build":
        return f"{ratio:.2f}× plain mkdocs (CPU {cpu:.2f}×)"
    if row.kind == "jobs":
        return f"{ratio:.2f}× the default check (CPU {cpu:.2f}×)"
    wall = f"smarthub {ratio:.1f}× faster" if ratio >= 1 else f"smarthub {1 / ratio:.1f}× slower"
    work = f"{cpu:.1f}× less CPU" if cpu >= 1 else f"{1 / cpu:.1f}× more CPU"
    return f"{wall}, {work}"


def _found(row: Row, results: Results) -> str:
    counts = row.counts
    if counts is None:
        return ""
    text = f"{counts.avoided:,}"
    if counts.matched is not None:
        hub = next((hub for hub in results.hubs.values() if hub.name == row.case), None)
        planted = sum(hub.manifest.avoided_by_file.values()) if hub and hub.manifest else 0
        text = f"{counts.matched:,}/{planted:,}"
        if counts.extra:
            text += f" +{counts.extra:,}"
    if counts.casing is not None:
        text += f"; case {counts.casing:,}"
    return text


def table_rows(results: Results) -> list[list[str]]:
    """The result table: one row per tool and input."""
    rows = []
    for row in results.rows:
        m = row.measurement
        if m is None:
            rows.append([row.case, row.tool, "", "", "", "", "", f"skipped: {row.skipped}", ""])
            continue
        rows.append(
            [
                row.case,
                row.tool,
                str(m.n),
                f"{m.median_s:.3f}",
                f"{m.cpu_s:.3f}",
                f"{m.peak_mb:.0f}",
                f"{m.total_mb:.0f}" if m.total_pss_kb else "",
                _relation(row),
                _found(row, results),
            ]
        )
    return rows


HEADER = [
    "input",
    "tool",
    "n",
    "median s",
    "median CPU s",
    "peak RSS MiB",
    "total PSS MiB",
    "relation",
    "avoided forms found",
]


def print_table(results: Results, targets: list[Target]) -> None:
    """The table and the targets, on standard output."""
    rows = [HEADER, *table_rows(results)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADER))]
    print()
    for index, row in enumerate(rows):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        if index == 0:
            print("  ".join("-" * width for width in widths))
    print()
    for target in targets:
        print(f"{target.verdict:<12} {target.goal}: {target.measured}")


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def write_results(
    path: Path,
    results: Results,
    targets: list[Target],
    info: Machine,
    profile: ProfileSummary | None,
    *,
    invocation: str,
    elapsed_s: float,
    settings: str,
    folders: dict[Path, str],
) -> None:
    """Write ``RESULTS.md``: machine, every figure, targets, analysis, profile and commands.

    ``folders`` names long paths in the commands (``benchmarks/.cache``, ``<tmp>``).
    """
    parts = [
        "# smarthub benchmark results",
        f"Generated by `{invocation}` on {info.date} in {elapsed_s / 60:.1f} minutes. {settings}",
        "## Machine",
        _markdown_table(["", ""], _machine_rows(info, results)),
        "## Results",
        RESULTS_LEGEND,
        _markdown_table(HEADER, table_rows(results)),
        *[f"- {note}" for note in results.notes],
        "## Targets",
        _markdown_table(
            ["target", "measured", "verdict"],
            [[t.goal, t.measured, f"**{t.verdict}**"] for t in targets],
        ),
    ]
    missed = [target for target in targets if target.met is False]
    if missed:
        parts.append("## Why targets are missed, and what would meet them")
        parts += [
            f"**{t.goal}** ({t.measured}). {ANALYSIS.get(t.key, 'No analysis written yet.')}"
            for t in missed
        ]
    if profile is not None:
        parts += _profile_section(profile)
    parts += _inputs_and_commands(results, folders)
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


RESULTS_LEGEND = (
    "Whole-process wall time (`subprocess` + `time.perf_counter`), median of `n` runs after one "
    "warm-up; the tools compared on one input run in turn, run by run (interleaved), so load "
    "on the shared machine falls on each alike. *CPU*: user + system time of the command's "
    "processes, workers included (`os.wait4`), which other load barely moves. *peak RSS*: the largest resident set of any one process of the command (GNU "
    "`time -f %M`); *total PSS*: the summed proportional set size of all its processes "
    "(workers included, shared pages counted once), sampled every 20 ms during the warm-up. "
    "*relation* "
    "compares with `smarthub check` on the same input in the same run (for PR mode: with the full "
    "check, and for the cache rows with the cold check, `--no-cache`, of the same run; for builds: with plain MkDocs). Every smarthub row runs with `--no-cache` except the cache rows. *avoided forms found*: reports of avoided glossary "
    "forms; on synthetic hubs `found/planted`, counted file by file (reports beyond a file's "
    "planted count are `+extra`: textlint's are mostly each glossary entry's own 'do not write' "
    "line, ripgrep's the decoys in code, URLs and comments); `case`: wrong-case reports of "
    "exact-case terms. On the corpus only reports inside the corpus files count."
)


def _machine_rows(info: Machine, results: Results) -> list[list[str]]:
    return [
        ["nproc", str(info.nproc)],
        ["memory", info.memory],
        ["CPU", info.cpu],
        ["Python", info.python],
        ["system", info.system],
        ["load average at start (1, 5, 15 min)", info.load_before],
        ["load average at end", _load()],
        ["smarthub", info.smarthub],
        ["MkDocs", info.mkdocs],
        *[[tool.name, tool.version or f"skipped: {tool.skipped}"] for tool in results.tools],
    ]


def _inputs_and_commands(results: Results, folders: dict[Path, str]) -> list[str]:
    names = {
        hub.root: f"<{key}-hub>" if key == "corpus" else f"<hub-{key}>"
        for key, hub in results.hubs.items()
        if key != "sample"
    }
    names |= {Path(PYTHON): "python", **folders}
    names = dict(sorted(names.items(), key=lambda item: -len(str(item[0]))))  # longest first
    inputs = [
        [hub.name, f"{hub.files:,}", f"{hub.bytes / 1e6:.1f}", hub.origin]
        for hub in results.hubs.values()
    ]
    commands = [f"{key:<15} {m.command(names)}" for key, m in results.by_key.items()]
    return [
        "## Inputs",
        _markdown_table(["input", "files", "MB", "made by"], inputs),
        "## Commands",
        "Each runs in its input's folder (the sample hub: the repository); `<hub-N>`, "
        "`<corpus-hub>` and `<tmp>` are temporary folders outside the repository.",
        "```\n" + "\n".join(commands) + "\n```",
    ]


def _profile_section(profile: ProfileSummary) -> list[str]:
    header = f"## Where check time goes ({profile.hub})"
    if profile.error:
        return [header, f"Profiling failed: {profile.error}"]
    total = profile.total_s or 1.0
    return [
        header,
        f"`{profile.command}` in the hub's folder: {profile.total_s:.1f} s of profiled time "
        "(cProfile slows Python code down, so shares matter more than seconds).",
        _markdown_table(
            ["module", "own s", "share"],
            [
                [name, f"{seconds:.2f}", f"{seconds / total:.0%}"]
                for name, seconds in profile.modules
            ],
        ),
        _markdown_table(
            ["function", "calls", "own s", "cumulative s"],
            [
                [name, f"{calls:,}", f"{own:.2f}", f"{cum:.2f}"]
                for name, calls, own, cum in profile.functions
            ],
        ),
    ]
