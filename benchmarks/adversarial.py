"""Adversarial inputs for ``smarthub check``: time must grow linearly with their size.

    python benchmarks/adversarial.py [--runs 3]

Each case writes one content file of size n, 2n and 4n into a small hub, runs the whole
``smarthub check`` process on it and subtracts the time of the same hub with an empty file
(start-up, glossary, configuration), so the ratio compares the work the input causes. Time
is the process's CPU time (user + system, from ``wait4``), the least of ``--runs`` runs:
unlike wall time it barely moves when other programs share the machine. A linear checker
doubles (≈2×); the script fails (exit 1) when a step grows more than 3×, when the check
crashes, or when the avoided forms it reports are not exactly the planted ones (regex
metacharacters in forms must match literally, near-misses must not match at all).

Cases: a single line of 1 to 4 MB, 100,000 to 400,000 near-misses of glossary forms, lists
and block quotes nested 1,250 to 5,000 deep, forms with regex metacharacters (``C++``,
``.NET``, ``(beta)``, ``a*b``), forms that are symbols (``#tag``) among near-misses and
after a run of 256 KB to 1 MB of ``#``, unclosed ``{{``, ``{%`` and ``{:`` openers (10,000 to
40,000 on one line), unclosed fences, attribute lists closed, open to the line's end and
unclosed in headings, and, as pull requests and worker processes do, a hub of n files
checked with all n named as ``PATHS``. ``--only TEXT`` runs only the cases whose name holds
TEXT. The whole script takes about three minutes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from measure import run_once

MAX_GROWTH = 3.0
NESTED_COPIES = 100
CHECK = [
    sys.executable,
    "-m",
    "smarthub",
    "check",
    "--today",
    "2026-11-01",
    "--format",
    "json",
    "--no-cache",  # every run must do the work: a warm cache would hide a slow input
]
ASSET = "content/adversarial.md"
FRONT_MATTER = (
    "---\ntitle: Adversarial input\ntype: one-pager\nowner: marketing\nstatus: draft\n"
    "reviewed: 2026-10-01\n---\n"
)
GLOSSARY = {
    "email": ("email", ["e-mail"]),
    "marketing-qualified-lead": ("Marketing Qualified Lead", ["hot lead", "warm lead"]),
    "native-sdk": ("native SDK", ["C++"]),
    "dotnet-sdk": ("dotnet SDK", [".NET"]),
    "preview": ("preview", ["(beta)"]),
    "split-test": ("split test", ["a*b"]),
    "topic": ("topic", ["#tag"]),
}
MKDOCS_YML = (
    "site_name: Adversarial\ndocs_dir: content\nplugins:\n  - smarthub:\n"
    "      teams: [sales, marketing]\n      acronyms: {allow: [SDK, NET, MQL]}\n"
)


@dataclass(frozen=True)
class Case:
    """An input family: its text at size ``n`` and the avoided forms it must report."""

    name: str
    unit: str
    n: int
    text: Callable[[int], str]
    expected: Callable[[int], int]
    files: bool = False  # size is a number of files, each holding text(size), named as PATHS


def _long_line(size: int) -> str:
    sentence = "Our e-mail reached every buyer in the segment before the quarter ended. "
    return (sentence * (size // len(sentence) + 1))[:size].rstrip() + "\n"


def _near_misses(count: int) -> str:
    # Prefixes of forms and first words of two-word forms, never a whole form.
    pieces = ("e-mai", "hot", "warm", "C+", "NET", "(beta", "a*", "emai")
    return " ".join(pieces[index % len(pieces)] for index in range(count)) + "\n"


def _nested(marker: str) -> Callable[[int], str]:
    def text(depth: int) -> str:
        # 100 copies so the work is measurable; each line nests ``depth`` levels deep.
        line = marker * depth + "a hot lead\n"
        return "\n".join([line] * NESTED_COPIES)

    return text


def _metacharacters(repeats: int) -> str:
    # Four literal matches per paragraph; "Cxx", "xNET", "beta", "aab" and "b" must not match.
    # One paragraph each: two "*" in one paragraph would pair up as emphasis, not text.
    sentence = "Ship C++ and .NET clients (beta) with a*b tests, not Cxx, xNET, beta, aab or b.\n\n"
    return sentence * repeats


def _symbol_forms(repeats: int) -> str:
    # One "#tag" per paragraph among runs of "#" and near-misses that must not match.
    sentence = "Tag it #tag, not ##tag, #ta, x#tag, #tagline or ## ### #### #####.\n\n"
    return sentence * repeats


def _symbol_run(size: int) -> str:
    # Every "#" may begin the form "#tag": each must cost the same, however long the run.
    return "A run " + "#" * size + " then #tag.\n"


def _unclosed(opener: str) -> Callable[[int], str]:
    # Openers nothing closes are text: every planted form is reported.
    def text(count: int) -> str:
        return f"{opener} the e-mail " * count + "\n"

    return text


def _unclosed_fences(count: int) -> str:
    # Prose with unclosed template openers, then a fence nothing closes, full of openers:
    # the openers in code are skipped, the prose is checked.
    return "An e-mail {{ here.\n\n" * count + "```yaml\n" + "{% x\n~~~~\n" * count


def _attribute_lists(count: int) -> str:
    # Closed lists after text, lists open to the line's end, unclosed heading attributes.
    return "An e-mail {: .lead }\n\n{: .lead an e-mail\n\n# The e-mail {#mail .x\n\n" * count


CASES = (
    Case(
        "single line of 1 to 4 MB",
        "bytes",
        1024 * 1024,
        _long_line,
        lambda size: _long_line(size).count("e-mail"),
    ),
    Case("repeated near-misses of forms", "words", 100_000, _near_misses, lambda _: 0),
    Case(
        "nested lists (depth 1,250 to 5,000)",
        "levels",
        1_250,
        _nested("- "),
        lambda _: NESTED_COPIES,
    ),
    Case(
        "nested block quotes (depth 1,250 to 5,000)",
        "levels",
        1_250,
        _nested("> "),
        lambda _: NESTED_COPIES,
    ),
    Case(
        "regex metacharacters in forms",
        "sentences",
        5_000,
        _metacharacters,
        lambda repeats: 4 * repeats,
    ),
    Case("unclosed {{ (template expressions)", "openers", 20_000, _unclosed("{{"), lambda n: n),
    Case("unclosed {% (template statements)", "openers", 20_000, _unclosed("{%"), lambda n: n),
    Case(
        "unclosed {: (attribute lists), one line", "openers", 20_000, _unclosed("{:"), lambda n: n
    ),
    Case("unclosed fences", "paragraphs", 10_000, _unclosed_fences, lambda n: n),
    Case(
        "attribute lists, closed and unclosed", "groups", 5_000, _attribute_lists, lambda n: 3 * n
    ),
    Case(
        "symbol forms (#tag) among near-misses",
        "sentences",
        5_000,
        _symbol_forms,
        lambda repeats: repeats,
    ),
    Case(
        "symbol forms (#tag) after a run of '#'",
        "chars",
        256 * 1024,
        _symbol_run,
        lambda _: 1,
    ),
    Case(
        "n files, all named as PATHS",
        "files",
        150,
        lambda _: "We sent the follow-up e-mail on time.\n",
        lambda files: files,
        files=True,
    ),
)


def write_hub(root: Path) -> None:
    """A small hub whose glossary has ordinary forms and forms with regex metacharacters."""
    (root / "glossary").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for term_id, (term, avoid) in GLOSSARY.items():
        forms = ", ".join(json.dumps(form) for form in avoid)
        (root / "glossary" / f"{term_id}.md").write_text(
            f"---\nterm: {json.dumps(term)}\navoid: [{forms}]\nowner: marketing\n"
            f"approved_by: [sales, marketing]\n---\nA definition.\n",
            encoding="utf-8",
        )


def _write_inputs(root: Path, body: str, files: int) -> tuple[list[str], str]:
    """The asset (or ``files`` assets, named as PATHS); the argv tail and the reported prefix."""
    many = root / "content" / "many"
    shutil.rmtree(many, ignore_errors=True)
    if not files:
        (root / ASSET).write_text(FRONT_MATTER + body, encoding="utf-8")
        return [], ASSET
    (root / ASSET).write_text(FRONT_MATTER + "Nothing to see.\n", encoding="utf-8")
    many.mkdir()
    paths = []
    for index in range(files):
        (many / f"asset-{index:05d}.md").write_text(FRONT_MATTER + body, encoding="utf-8")
        paths.append(f"content/many/asset-{index:05d}.md")
    return paths, "content/many/"


def timed_check(root: Path, body: str, runs: int, files: int = 0) -> tuple[float, int, str]:
    """Least CPU time of ``smarthub check`` on the input; avoided forms reported; errors."""
    paths, reported = _write_inputs(root, body, files)
    times, avoided, problem = [], 0, ""
    for _ in range(runs):
        run, output, stderr = run_once([*CHECK, *paths], root, env=None)
        times.append(run.cpu_s)
        if run.exit_code not in (0, 1) or "Traceback" in stderr:
            problem = (
                f"exit {run.exit_code}: {stderr.strip().splitlines()[-1] if stderr.strip() else ''}"
            )
            break
        findings = json.loads(output)["findings"]
        avoided = sum(
            finding["code"] == "TERM001" and finding["path"].startswith(reported)
            for finding in findings
        )
    return min(times), avoided, problem


def main() -> None:
    """Run every case at n, 2n and 4n; exit 1 on super-linear growth or wrong findings."""
    parser = argparse.ArgumentParser(description="Adversarial inputs: linear time or fail.")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per size (the least counts; default 3)"
    )
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    args = parser.parse_args()
    started = time.perf_counter()
    failures: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="smarthub-adversarial-"))
    try:
        write_hub(root)
        baseline, _, problem = timed_check(root, "Nothing to see.\n", args.runs)
        if problem:
            sys.exit(f"smarthub check fails on the empty hub: {problem}")
        print(f"baseline (start-up, glossary, empty asset): {baseline:.3f} s of CPU\n")
        print(f"{'case':<44} {'size':>19} {'cpu s':>7} {'work s':>7} {'growth':>7}  avoided")
        for case in (case for case in CASES if args.only in case.name):
            previous = None
            for factor in (1, 2, 4):
                size = case.n * factor
                files = size if case.files else 0
                elapsed, avoided, problem = timed_check(root, case.text(size), args.runs, files)
                work = max(elapsed - baseline, 1e-3)
                growth = f"{work / previous:.2f}×" if previous else ""
                expected = case.expected(size)
                print(
                    f"{case.name:<44} {size:>9,} {case.unit:<9} {elapsed:>7.3f} {work:>7.3f} {growth:>7}  {avoided:,}/{expected:,}"
                )
                if problem:
                    failures.append(
                        f"{case.name} at {size:,} {case.unit}: check failed ({problem})"
                    )
                    break
                if avoided != expected:
                    failures.append(
                        f"{case.name} at {size:,} {case.unit}: {avoided:,} avoided forms reported, {expected:,} planted"
                    )
                if previous and work / previous > MAX_GROWTH:
                    failures.append(
                        f"{case.name}: {size // 2:,} -> {size:,} {case.unit} grew {work / previous:.1f}× (limit {MAX_GROWTH}×)"
                    )
                previous = work
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"\n{time.perf_counter() - started:.0f} s in all.")
    for failure in failures:
        print(f"FAIL {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
