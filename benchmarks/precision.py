"""Precision of the term rules on ``../shared/corpus``, judged by a brand reviewer.

    python benchmarks/precision.py [--write-unjudged FILE] [--corpus DIR]

Builds a temporary hub (the test options, the glossary in ``tests/precision/glossary/`` and a
copy of the corpus under ``content/corpus/``), runs ``smarthub check --format json --select
TERM001,TERM002,TERM003,TERM004`` in it (the test runs the same check in process), and compares its findings with ``tests/precision/judged.yml``. Prints per code the
findings, those judged right, wrong and not judged yet; the precision of TERM001–TERM003
together and of TERM004 (right / judged); the recall of judged-right findings (how many of
them are still found); the wrong findings by class; and the lists of unjudged findings and of
judged-right findings that disappeared.

``--close-fixed`` removes ``open: true`` from the wrong verdicts the code no longer reports,
so that the test fails if they come back. ``--write-unjudged FILE`` writes the unjudged findings as ``findings:`` entries of the judged
list with an empty verdict, each under a comment showing its line, ready to judge and paste.
Exit status: 0, or 1 when there are unjudged findings, judged-right ones disappeared or closed
wrong ones came back (what ``tests/test_precision.py`` checks).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "generator")]

from tests.precision import judging  # noqa: E402


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _context(root: Path, place: judging.Place) -> str:
    path = root / "content" / "corpus" / place.path
    line = path.read_text(encoding="utf-8-sig").split("\n")[place.line - 1]
    start = max(0, place.column - 1 - 60)
    return line[start : place.column - 1 + len(place.match) + 40].strip()


def main(argv: list[str] | None = None) -> int:
    """Run the check on the corpus, judge its findings, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-unjudged", type=Path, metavar="FILE")
    parser.add_argument(
        "--close-fixed",
        action="store_true",
        help="drop 'open: true' from wrong verdicts no longer reported, so they must stay away",
    )
    parser.add_argument("--corpus", type=Path, default=judging.CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(
            f"corpus not found at {args.corpus} (set --corpus or SMARTHUB_CORPUS)", file=sys.stderr
        )
        return 2
    with tempfile.TemporaryDirectory() as folder:
        root = judging.build_hub(Path(folder) / "hub", args.corpus)
        started = time.perf_counter()
        found = judging.run_findings_cli(root)
        seconds = time.perf_counter() - started
        judgement = judging.judge(found, judging.load_judged())
        contexts = {place: _context(root, place) for place in judgement.unjudged}

    print(f"Checked {args.corpus} with {judging.GLOSSARY.relative_to(REPO)} in {seconds:.1f} s")
    print()
    print("| code | findings | right | wrong | unjudged |")
    print("|---|---|---|---|---|")
    for code, counts in judgement.by_code().items():
        print(
            f"| {code} | {counts['findings']} | {counts['right']} | {counts['wrong']} "
            f"| {counts['unjudged']} |"
        )
    term = ("TERM001", "TERM002", "TERM003")
    print()
    print(f"precision TERM001-TERM003: {_percent(judgement.precision(term))}")
    print(f"precision TERM004: {_percent(judgement.precision(['TERM004']))}")
    print(
        f"recall of judged-right findings: {_percent(judgement.recall(judging.CODES))} "
        f"(TERM001-TERM003 {_percent(judgement.recall(term))}, "
        f"TERM004 {_percent(judgement.recall(['TERM004']))})"
    )
    print()
    print("wrong findings by class:")
    for kind, count in judgement.wrong_classes().most_common():
        codes = sorted({place.code for place, verdict in judgement.wrong if verdict.kind == kind})
        print(f"  {kind}: {count} ({', '.join(codes)})")
    print()
    print(f"unjudged findings: {len(judgement.unjudged)}")
    for place in judgement.unjudged:
        print(f"  {place}    | {contexts[place]}")
    print(f"judged-right findings that disappeared: {len(judgement.disappeared)}")
    for key in judgement.disappeared:
        print(f"  {key}")
    print(f"judged-wrong findings that came back (not marked open): {len(judgement.came_back)}")
    for place, verdict in judgement.came_back:
        print(f"  {place}: {verdict.kind}")
    fixed = len(judgement.fixed_places) + len(judgement.fixed_words)
    print(f"open wrong verdicts no longer reported (fixed; --close-fixed): {fixed}")
    if args.close_fixed and fixed:
        closed = judging.close_fixed(judgement)
        print(f"closed {closed} wrong verdicts in {judging.JUDGED.relative_to(REPO)}")
    if args.write_unjudged:
        lines = judging.unjudged_yaml(judgement.unjudged).split("\n")
        out = [lines[0]]
        for place, line in zip(judgement.unjudged, lines[1:], strict=False):
            out += [f"  # {contexts[place]}", line]
        args.write_unjudged.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"wrote {len(judgement.unjudged)} unjudged findings to {args.write_unjudged}")
    return 1 if judgement.unjudged or judgement.disappeared or judgement.came_back else 0


if __name__ == "__main__":
    sys.exit(main())
