"""Where ``smarthub check`` spends its time: cProfile on a hub, summarised by module and function.

The run is the one the README suggests (``python -m cProfile -s tottime -m smarthub check``),
written to a file with ``-o`` so the figures can be grouped here: own time per smarthub
module (and per third-party package), and the functions with the most own time.
"""

from __future__ import annotations

import os
import pstats
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from suites import CHECK, PYTHON


@dataclass
class ProfileSummary:
    """The profile of one check run."""

    hub: str
    command: str
    total_s: float = 0.0
    modules: list[tuple[str, float]] = field(default_factory=list)  # (module, own seconds)
    functions: list[tuple[str, int, float, float]] = field(
        default_factory=list
    )  # name, calls, tottime, cumtime
    error: str = ""


_C_FUNCTIONS = (  # cProfile files C functions under "~": group them by what they belong to
    ("re.Pattern", "C: regex engine (re)"),
    ("pyromark", "C: pyromark (Markdown parser)"),
    ("yaml", "C: libyaml"),
    ("posix", "C: file system calls"),
    ("io.", "C: file reading"),
    ("json", "C: json"),
)


def _module(filename: str, name: str) -> str:
    """A short name for where a function lives: ``smarthub/matcher.py``, ``yaml``, ``C: ...``."""
    if filename in ("~", "") or filename.startswith("<"):
        return next(
            (group for marker, group in _C_FUNCTIONS if marker in name), "C: other built-ins"
        )
    parts = Path(filename).parts
    if "smarthub" in parts:
        return "/".join(parts[parts.index("smarthub") :])
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return parts[parts.index(marker) + 1]
    return "stdlib: " + Path(filename).stem


def profile_check(
    hub_root: Path,
    hub_name: str,
    out: Path,
    env: dict[str, str],
    *,
    one_process: bool = False,
    top: int = 15,
) -> ProfileSummary:
    """Profile one ``smarthub check`` of ``hub_root`` and summarise it.

    With ``one_process`` the check runs with ``--jobs 1``: cProfile sees only the process
    it started, so work done in forked workers would not show.
    """
    options = [*CHECK[4:], *(["--jobs", "1"] if one_process else [])]
    argv = [PYTHON, "-m", "cProfile", "-o", str(out), "-m", "smarthub", "check", *options]
    summary = ProfileSummary(
        hub_name, "python -m cProfile -o check.prof -m smarthub check " + " ".join(options)
    )
    with open(os.devnull, "wb") as sink:
        done = subprocess.run(argv, cwd=hub_root, env=env, stdout=sink, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1) or not out.is_file():
        summary.error = done.stderr.decode("utf-8", "replace").strip()[-300:]
        return summary
    stats = pstats.Stats(str(out))
    raw = stats.stats  # type: ignore[attr-defined]
    summary.total_s = stats.total_tt  # type: ignore[attr-defined]
    own: dict[str, float] = {}
    rows = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in raw.items():
        module = _module(filename, name)
        own[module] = own.get(module, 0.0) + tottime
        label = f"{module}:{line}({name})" if line else f"{name}"
        rows.append((label, calls, tottime, cumtime))
    summary.modules = sorted(own.items(), key=lambda item: -item[1])[:top]
    summary.functions = sorted(rows, key=lambda row: -row[2])[:top]
    return summary
