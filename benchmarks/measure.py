"""Whole-process timing: wall time with ``time.perf_counter``; memory from GNU time and /proc.

Each command runs as its own process, as a user or CI would start it; output goes to a
file so that a large report never blocks on a pipe.

Two memory figures, because a command may fork workers (``smarthub check`` does on large
hubs) and the largest process is then not the whole story:

- *peak RSS*: ``/usr/bin/time -f %M``, the largest resident set of any one process of the
  command. Not our own ``wait4``: Linux carries a process's high-water RSS across ``exec``,
  so a child forked from this (large) Python process would report at least our size; GNU
  time forks the command from its own small process. Without GNU time, ``wait4``'s figure
  is used and is an upper bound.
- *total PSS*: the proportional set size of every process of the command, summed, sampled
  every 20 ms during the warm-up run (pages shared after a fork are counted once). The
  warm-up is not timed, so sampling costs the measured runs nothing.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LONG_RUN_S = 60.0  # a warm-up longer than this is kept as the only measurement
GNU_TIME = Path("/usr/bin/time")
SAMPLE_EVERY_S = 0.02


class MeasureError(RuntimeError):
    """A measured command failed (unexpected exit code); the message says how."""


@dataclass(frozen=True)
class Run:
    """One execution of a command."""

    wall_s: float
    peak_kb: int  # largest RSS of one process
    exit_code: int
    cpu_s: float = 0.0  # user + system time of all its processes: barely moved by other load
    total_pss_kb: int = 0  # sampled peak of the summed PSS of all its processes (0: not sampled)


@dataclass
class Measurement:
    """The runs of one command, the memory of its warm-up, and the output of its last run."""

    label: str
    argv: list[str]
    cwd: Path
    runs: list[Run] = field(default_factory=list)
    output: str = ""
    note: str = ""
    total_pss_kb: int = 0

    @property
    def n(self) -> int:
        """How many runs the median is taken over."""
        return len(self.runs)

    @property
    def median_s(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(run.wall_s for run in self.runs)

    @property
    def cpu_s(self) -> float:
        """Median CPU time (user + system of all the command's processes) in seconds."""
        return statistics.median(run.cpu_s for run in self.runs)

    @property
    def peak_mb(self) -> float:
        """Median of the runs' largest single-process RSS, in MiB."""
        return statistics.median(run.peak_kb for run in self.runs) / 1024

    @property
    def total_mb(self) -> float:
        """Peak of the summed PSS of all the command's processes (warm-up run), in MiB."""
        return self.total_pss_kb / 1024

    @property
    def memory_mb(self) -> float:
        """The larger memory figure: what the command needs, workers included."""
        return max(self.peak_mb, self.total_mb)

    def command(self, names: dict[Path, str] | None = None) -> str:
        """The command line as a user would type it, with ``names`` for long paths."""
        text = shlex.join(self.argv)
        for path, name in (names or {}).items():
            text = text.replace(str(path), name)
        return text


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from ``/proc/<pid>/task/*/children``."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    queue += [int(child) for child in children.read().split()]
            except OSError:
                continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _wait(pid: int, sample: bool) -> tuple[int, os.struct_rusage, int]:
    """Wait for ``pid``; while it runs, sample its tree's total PSS if asked."""
    if not sample:
        _, status, usage = os.wait4(pid, 0)
        return status, usage, 0
    peak = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage, peak
        peak = max(peak, sum(_pss_kb(member) for member in _descendants(pid)))
        time.sleep(SAMPLE_EVERY_S)


def run_once(
    argv: Sequence[str], cwd: Path, env: dict[str, str] | None, *, sample_memory: bool = False
) -> tuple[Run, str, str]:
    """Run ``argv`` once; return its timing, standard output and standard error."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as rss,
    ):
        wrapper = [str(GNU_TIME), "-f", "%M", "-o", rss.name] if GNU_TIME.is_file() else []
        start = time.perf_counter()
        process = subprocess.Popen(
            [*wrapper, *argv], cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        status, usage, total_pss = _wait(process.pid, sample_memory)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        peak_kb = _gnu_time_peak(rss.read()) if wrapper else usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, peak_kb, process.returncode, cpu, total_pss), stdout, stderr


def _gnu_time_peak(report: str) -> int:
    """The ``%M`` figure (KiB) from GNU time's output file: its last line."""
    lines = report.strip().splitlines()
    try:
        return int(lines[-1])
    except (IndexError, ValueError):
        return 0


def measure(
    label: str,
    argv: Sequence[str],
    cwd: Path,
    *,
    env: dict[str, str],
    repetitions: int,
    budget_s: float,
    ok_codes: Sequence[int] = (0, 1),
) -> Measurement:
    """One warm-up run (memory sampled), then up to ``repetitions`` timed runs in ``budget_s``.

    A command whose warm-up already took longer than ``LONG_RUN_S`` is not repeated: the
    warm-up is its single measurement (caches matter little at that length), and the note
    says so. Otherwise the number of runs is cut to fit the budget, never below one.
    """
    measurement = Measurement(label, list(argv), cwd)
    warm_up, output, stderr = run_once(argv, cwd, env, sample_memory=True)
    _check(measurement, warm_up, stderr, ok_codes)
    measurement.total_pss_kb = warm_up.total_pss_kb
    if warm_up.wall_s > LONG_RUN_S:
        measurement.runs.append(warm_up)
        measurement.output = output
        measurement.note = f"single run: one takes {warm_up.wall_s:.0f} s"
        return measurement
    count = max(1, min(repetitions, int(budget_s // max(warm_up.wall_s, 1e-3))))
    if count < repetitions:
        measurement.note = f"{count} run{'s' if count > 1 else ''} to fit a {budget_s:.0f} s budget"
    for _ in range(count):
        run, output, stderr = run_once(argv, cwd, env)
        _check(measurement, run, stderr, ok_codes)
        measurement.runs.append(run)
        measurement.output = output
    return measurement


def _check(measurement: Measurement, run: Run, stderr: str, ok_codes: Sequence[int]) -> None:
    if run.exit_code not in ok_codes:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise MeasureError(
            f"{measurement.label}: '{measurement.command()}' exited {run.exit_code} in {measurement.cwd}:\n{tail}"
        )


@dataclass(frozen=True)
class Command:
    """One command of an interleaved comparison, with what to do before each of its runs."""

    label: str
    argv: Sequence[str]
    cwd: Path
    prepare: Callable[[], None] | None = None  # run before every run, not timed
    ok_codes: Sequence[int] = (0, 1)


def measure_interleaved(
    commands: Sequence[Command],
    *,
    env: dict[str, str],
    repetitions: int,
    budget_s: float,
) -> list[Measurement | MeasureError]:
    """Measure ``commands`` side by side: one warm-up each, then runs in turn, tool by tool.

    Alternating (A B C, B C A, C A B, ...) rather than all of A then all of B means a change
    in the machine's load during the comparison falls on every tool alike, so ratios of one
    round stay fair on a shared machine. A command whose warm-up took over ``LONG_RUN_S`` is
    not repeated (its warm-up is its measurement); the rounds are cut to fit ``budget_s`` per
    command, never below one. A command that fails becomes its ``MeasureError``; the others
    go on.
    """
    found: list[Measurement | MeasureError] = []
    warm_ups: list[float] = []
    for command in commands:
        measurement = Measurement(command.label, list(command.argv), command.cwd)
        if command.prepare is not None:
            command.prepare()
        warm_up, output, stderr = run_once(command.argv, command.cwd, env, sample_memory=True)
        try:
            _check(measurement, warm_up, stderr, command.ok_codes)
        except MeasureError as error:
            found.append(error)
            warm_ups.append(0.0)
            continue
        measurement.total_pss_kb = warm_up.total_pss_kb
        measurement.output = output
        if warm_up.wall_s > LONG_RUN_S:
            measurement.runs.append(warm_up)
            measurement.note = f"single run: one takes {warm_up.wall_s:.0f} s"
            warm_ups.append(0.0)
        else:
            warm_ups.append(warm_up.wall_s)
        found.append(measurement)
    repeated = [index for index, seconds in enumerate(warm_ups) if seconds > 0]
    round_s = sum(warm_ups[index] for index in repeated) or 1e-3
    count = max(1, min(repetitions, int(budget_s * max(len(repeated), 1) // round_s)))
    for turn in range(count):
        shift = turn % max(len(repeated), 1)
        for index in repeated[shift:] + repeated[:shift]:
            measurement, command = found[index], commands[index]
            if not isinstance(measurement, Measurement):
                continue
            if command.prepare is not None:
                command.prepare()
            run, output, stderr = run_once(command.argv, command.cwd, env)
            try:
                _check(measurement, run, stderr, command.ok_codes)
            except MeasureError as error:
                found[index] = error
                continue
            measurement.runs.append(run)
            measurement.output = output
    for index in repeated:
        measurement = found[index]
        if isinstance(measurement, Measurement) and count < repetitions:
            measurement.note = (
                f"{count} run{'s' if count > 1 else ''} to fit a {budget_s:.0f} s budget"
            )
    return found
