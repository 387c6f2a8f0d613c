"""What the VOICE rules add to ``smarthub check`` on the corpus (issue 14: at most 20%).

    python benchmarks/voice_cost.py [--runs 5] [--corpus DIR] [--keep DIR] [--without-grade]

Builds a hub in a temporary folder (or ``--keep DIR``): the benchmark suite's synthetic
glossary and personas, and a copy of ``../shared/corpus`` in ``content/corpus/`` with every
page given asset front matter (the page's own front matter replaced, its body kept), so
the VOICE rules, which read assets and playbooks, run on every page. Two configuration
files sit side by side: ``mkdocs.yml`` without a ``voice`` block and ``mkdocs-voice.yml``
with the sample hub's whole ``voice`` block (read from this repository's ``mkdocs.yml``).
``smarthub check --no-cache --format json -f <config>`` then runs interleaved (A, B, A,
B, ...) after one warm-up each, and the table gives user + system CPU of the whole
process tree (``os.wait4``), mean and median, and the ratio to the run without voice: of
the means, of the medians, and the median of the ratios within each round.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

import synth
import yaml
from measure import Command, MeasureError, Measurement, measure_interleaved
from suites import CORPUS, PYTHON, SAMPLE_HUB

_TYPES = ("battlecard", "case-study", "email-template", "one-pager", "talk-track")
NO_VOICE = "no `voice` block"
WHOLE = "sample hub's whole block"
NO_GRADE = "sample hub's block without `reading_grade`"


class _AnyTag(yaml.SafeLoader):
    """A YAML loader that reads MkDocs' tags (``!ENV``, ``!!python/name:``) as plain values."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def sample_voice_block() -> dict:
    """The ``voice`` option of the sample hub's ``mkdocs.yml``."""
    config = yaml.load((SAMPLE_HUB / "mkdocs.yml").read_text(encoding="utf-8"), _AnyTag)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "smarthub" in plugin:
            return plugin["smarthub"]["voice"]
    raise SystemExit("the sample hub's mkdocs.yml has no smarthub voice block")


def _as_asset(text: str, index: int, title: str) -> str:
    """The page with asset front matter in place of its own (a draft: no personas needed)."""
    body = text
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            head = yaml.load(text[4:end], _AnyTag) if end > 4 else None
            if isinstance(head, dict) and isinstance(head.get("title"), str):
                title = head["title"]
            body = text[end + 4 :].lstrip("\n")
    front = {
        "title": title,
        "type": _TYPES[index % len(_TYPES)],
        "owner": "marketing",
        "status": "draft",
        "reviewed": synth.TODAY,
    }
    return "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n\n" + body


def build_hub(root: Path, corpus: Path) -> int:
    """Write the voice-cost hub into ``root``; return the number of corpus pages."""
    if not corpus.is_dir():
        raise SystemExit(f"no corpus at {corpus}: give --corpus or SMARTHUB_CORPUS")
    synth.generate(root, assets=0, content=False)
    pages = sorted(
        path for path in corpus.rglob("*.md") if path.parent != corpus and path.is_file()
    )
    for index, page in enumerate(pages):
        rel = page.relative_to(corpus)
        # One flat name per page: ``index.html.md`` repeats in every folder of the corpus.
        name = "--".join(rel.with_suffix("").with_suffix("").parts).lower()
        target = root / "content" / "corpus" / f"{name}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page.read_text(encoding="utf-8", errors="replace")
        target.write_text(_as_asset(text, index, rel.parent.name or name), encoding="utf-8")
    base = (root / "mkdocs.yml").read_text(encoding="utf-8")
    voice = sample_voice_block()
    without_grade = {key: value for key, value in voice.items() if key != "reading_grade"}
    # JSON is YAML: the block goes in as one flow mapping under the plugin's options.
    (root / "mkdocs-voice.yml").write_text(
        base + f"      voice: {json.dumps(voice)}\n", encoding="utf-8"
    )
    (root / "mkdocs-voice-no-grade.yml").write_text(
        base + f"      voice: {json.dumps(without_grade)}\n", encoding="utf-8"
    )
    return len(pages)


def check_argv(config: str) -> list[str]:
    """The measured command: a cold check of the whole hub with one configuration file."""
    return [PYTHON, "-m", "smarthub", "check", "--no-cache", "--format", "json", "-f", config]


def voice_counts(output: str) -> Counter[str]:
    """VOICE findings by code in a JSON report."""
    report = json.loads(output)
    return Counter(
        finding["code"] for finding in report["findings"] if finding["code"].startswith("VOICE")
    )


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    """Build the hub, measure the configurations interleaved, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per configuration")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ.get("SMARTHUB_CORPUS", CORPUS)),
        help="the handbook pages (default: SMARTHUB_CORPUS or ../shared/corpus)",
    )
    parser.add_argument("--keep", type=Path, help="build the hub here and keep it")
    parser.add_argument(
        "--without-grade", action="store_true", help="also measure the block minus reading_grade"
    )
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="voice-cost-"))
    root = args.keep.resolve() if args.keep else workdir / "hub"
    if root.exists():
        shutil.rmtree(root)
    pages = build_hub(root, args.corpus.resolve())
    env = dict(os.environ)
    # Measure the code of this checkout, whatever copy of smarthub is installed.
    generator = str(SAMPLE_HUB / "generator")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [generator, env.get("PYTHONPATH")]))
    configs = [(NO_VOICE, "mkdocs.yml"), (WHOLE, "mkdocs-voice.yml")]
    if args.without_grade:
        configs.insert(1, (NO_GRADE, "mkdocs-voice-no-grade.yml"))
    commands = [Command(label, check_argv(config), root) for label, config in configs]
    load_before = _load()
    found = measure_interleaved(commands, env=env, repetitions=args.runs, budget_s=1e6)
    load_after = _load()
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    for item in found:
        if isinstance(item, MeasureError):
            print(item, file=sys.stderr)
            return 2
    measured = [item for item in found if isinstance(item, Measurement)]
    base_mean = statistics.mean(run.cpu_s for run in measured[0].runs)
    base_median = measured[0].cpu_s
    print(
        f"{pages} corpus pages as assets; `smarthub check --no-cache --format json -f <config>`,"
        f" {args.runs} runs each after a warm-up, interleaved; load average {load_before}"
        f" before, {load_after} after.\n"
    )
    print(
        "| configuration | CPU mean | CPU median | vs no voice (mean) | (median)"
        " | (median of rounds) | VOICE findings |"
    )
    print("|---|---|---|---|---|---|---|")
    for measurement in measured:
        mean = statistics.mean(run.cpu_s for run in measurement.runs)
        median = measurement.cpu_s
        counts = voice_counts(measurement.output)
        shown = ", ".join(f"{code} {n}" for code, n in sorted(counts.items())) or "none"
        if measurement is measured[0]:
            print(f"| {measurement.label} | {mean:.2f} s | {median:.2f} s | | | | {shown} |")
        else:
            # Each round runs every configuration once, back to back: the ratio within a
            # round is the least moved by the machine's speed drifting between rounds.
            rounds = statistics.median(
                run.cpu_s / base.cpu_s
                for base, run in zip(measured[0].runs, measurement.runs, strict=False)
            )
            print(
                f"| {measurement.label} | {mean:.2f} s | {median:.2f} s"
                f" | {mean / base_mean - 1:+.0%} | {median / base_median - 1:+.0%}"
                f" | {rounds - 1:+.0%} | {shown} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
