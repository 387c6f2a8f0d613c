"""Hundreds of terms sharing a first word: the check must not slow down with the glossary.

    python benchmarks/shared_first_words.py [--runs 5] [--repeat 20]

Copies the sample hub (this repository) twice and adds a generated glossary to each: 500
terms and 5,000 terms, every one starting with one of ten words the sample hub uses a lot
("sales ...", "customer ...", "account ..."), each with an alias and an avoided form, so
hundreds of forms share each first word. Then:

1. ``smarthub check`` on both hubs, interleaved (500, 5,000, 500, ...), ``--runs`` times
   each: the median wall time and the least CPU time of the whole process. This includes
   reading and validating 10 times as many glossary files, which is the loader's cost, not
   the matcher's.
2. The matcher alone, in this process: building it, and finding every form in the text of
   the sample hub's own pages (``--repeat`` passes, interleaved, least of ``--runs``).
3. The same finding with the candidate positions found by pyahocorasick (a C Aho-Corasick
   automaton over the first words, on the lower-cased text) instead of the matcher's one
   trie-shaped regex, when ``pyahocorasick`` is installed: the measurement that decides
   which one the matcher uses (``benchmarks/RESULTS.md``, "Shared first words").

Exit 1 when finding with 5,000 terms takes more than twice the time it takes with 500.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from measure import run_once

from smarthub.config import load_config
from smarthub.load.hub import load_hub
from smarthub.matcher import TermMatcher, leftmost_longest
from smarthub.matcher_patterns import is_word_char

REPOSITORY = Path(__file__).resolve().parents[1]
HUB_PARTS = ("mkdocs.yml", "glossary", "personas", "playbooks", "content")
FIRST_WORDS = (
    "sales",
    "customer",
    "account",
    "pipeline",
    "marketing",
    "revenue",
    "deal",
    "lead",
    "buyer",
    "product",
)
SIZES = (500, 5_000)
MAX_RATIO = 2.0
CHECK = [sys.executable, "-m", "smarthub", "check", "--today", "2026-11-01", "--format", "json"]
SYLLABLES = ("ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "ze", "qua", "dri")


def _made_up(index: int) -> str:
    """A word no page uses, different for every index (so no form collides with another)."""
    word = ""
    while True:
        index, digit = divmod(index, len(SYLLABLES))
        word += SYLLABLES[digit]
        if index == 0:
            return word + "x"
        index -= 1


def write_hub(root: Path, terms: int) -> None:
    """The sample hub plus ``terms`` generated glossary entries sharing ten first words."""
    root.mkdir(parents=True)
    for part in HUB_PARTS:
        source = REPOSITORY / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)
    for index in range(terms):
        first = FIRST_WORDS[index % len(FIRST_WORDS)]
        name = _made_up(index)
        entry = (
            f"---\nterm: {first} {name}\naliases: [{first} {name} plan]\n"
            f"avoid: [{first}-{name}]\nowner: sales\napproved_by: [sales, marketing]\n---\n"
            f"A generated term.\n"
        )
        (root / "glossary" / f"zz-generated-{index:05d}.md").write_text(entry, encoding="utf-8")


def _texts(root: Path) -> tuple[TermMatcher, list[str], float]:
    """The hub's matcher (and the time to build it) and the texts of its own pages."""
    hub = load_hub(load_config(root / "mkdocs.yml"))
    started = time.perf_counter()
    matcher = TermMatcher(hub.terms.values())
    built = time.perf_counter() - started
    texts = [
        region.text
        for source in hub.sources
        if "zz-generated-" not in source.rel
        for region in source.regions
    ]
    return matcher, texts, built


class AhoCorasickStarts:
    """Candidate starts from a pyahocorasick automaton over the matcher's first tokens."""

    def __init__(self, matcher: TermMatcher) -> None:
        import ahocorasick  # optional: measured only when installed

        self.matcher = matcher
        self.automaton = ahocorasick.Automaton()
        for key in matcher._root:
            variants = (key, key + "s", key + "es") if is_word_char(key[0]) else (key,)
            for variant in variants:
                self.automaton.add_word(variant, (len(variant), is_word_char(key[0])))
        self.automaton.make_automaton()

    def starts(self, text: str) -> Iterator[int]:
        """Whole-word (or symbol) positions where a first token of some form is written."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a few letters lower-case to two characters
            yield from self.matcher.candidate_starts(text)
            return
        seen: set[int] = set()
        size = len(text)
        for end, (length, word) in self.automaton.iter(lowered):
            start = end - length + 1
            if start in seen:
                continue
            if word and end + 1 < size and is_word_char(text[end + 1]):
                continue
            if start == 0 or not is_word_char(text[start - 1]):
                seen.add(start)
                yield start

    def find(self, text: str) -> list:
        """What ``TermMatcher.find`` returns, with these candidate starts."""
        found = [self.matcher.match_at(text, start) for start in sorted(self.starts(text))]
        return leftmost_longest([occurrence for occurrence in found if occurrence is not None])


def _timed_finds(find, texts: list[str], repeat: int) -> tuple[float, int]:
    started = time.perf_counter()
    count = 0
    for _ in range(repeat):
        for text in texts:
            count += len(find(text))
    return time.perf_counter() - started, count // repeat


def main() -> None:
    """Measure both glossary sizes, interleaved; print the figures; exit 1 if not flat."""
    parser = argparse.ArgumentParser(description="5,000 vs 500 terms sharing first words.")
    parser.add_argument("--runs", type=int, default=5, help="runs per size (default 5)")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the text per run")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="smarthub-shared-first-words-"))
    try:
        hubs = {}
        for size in SIZES:
            write_hub(root / str(size), size)
            hubs[size] = root / str(size)
        wall: dict[int, list[float]] = {size: [] for size in SIZES}
        cpu: dict[int, list[float]] = {size: [] for size in SIZES}
        for _ in range(args.runs):
            for size in SIZES:
                run, output, stderr = run_once(CHECK, hubs[size], env=None)
                if run.exit_code not in (0, 1):
                    sys.exit(f"smarthub check failed on the {size}-term hub: {stderr.strip()}")
                json.loads(output)
                wall[size].append(run.wall_s)
                cpu[size].append(run.cpu_s)
        print(f"smarthub check of the sample hub, {args.runs} interleaved runs each:")
        for size in SIZES:
            print(
                f"  +{size:>5,} terms: median wall {statistics.median(wall[size]):.3f} s,"
                f" least CPU {min(cpu[size]):.3f} s"
            )

        loaded = {size: _texts(hubs[size]) for size in SIZES}
        finders = {size: {"trie regex": loaded[size][0].find} for size in SIZES}
        try:
            for size in SIZES:
                finders[size]["pyahocorasick"] = AhoCorasickStarts(loaded[size][0]).find
        except ImportError:
            print("  (pyahocorasick not installed: its row is skipped)")
        best: dict[tuple[int, str], float] = {}
        counts: dict[tuple[int, str], int] = {}
        for _ in range(args.runs):
            for size in SIZES:
                for name, find in finders[size].items():
                    elapsed, count = _timed_finds(find, loaded[size][1], args.repeat)
                    best[size, name] = min(best.get((size, name), elapsed), elapsed)
                    counts[size, name] = count
        characters = sum(len(text) for text in loaded[SIZES[0]][1])
        print(
            f"\nmatching only: the sample hub's pages ({characters:,} characters), "
            f"{args.repeat} passes, least of {args.runs} runs:"
        )
        for size in SIZES:
            matcher, _, built = loaded[size]
            print(f"  +{size:>5,} terms: {len(matcher.forms):,} forms, built in {built:.3f} s")
            for name in finders[size]:
                per_pass = best[size, name] / args.repeat
                print(
                    f"    {name:<14} {per_pass * 1000:8.2f} ms per pass,"
                    f" {counts[size, name]:,} occurrences"
                )
        starts = {size: {"trie regex": loaded[size][0].candidate_starts} for size in SIZES}
        for size in SIZES:
            if "pyahocorasick" in finders[size]:
                starts[size]["pyahocorasick"] = AhoCorasickStarts(loaded[size][0]).starts
        best_starts: dict[tuple[int, str], float] = {}
        for _ in range(args.runs):
            for size in SIZES:
                for name, candidate_starts in starts[size].items():
                    elapsed, _ = _timed_finds(
                        lambda text, starts=candidate_starts: list(starts(text)),
                        loaded[size][1],
                        args.repeat,
                    )
                    best_starts[size, name] = min(best_starts.get((size, name), elapsed), elapsed)
        print("  candidate positions alone (the part the two finders differ in):")
        for size in SIZES:
            for name in starts[size]:
                per_pass = best_starts[size, name] / args.repeat
                print(f"    +{size:>5,} terms, {name:<14} {per_pass * 1000:8.2f} ms per pass")
        failures = []
        for name in finders[SIZES[0]]:
            ratio = best[SIZES[1], name] / best[SIZES[0], name]
            print(f"  {name}: 5,000 terms take {ratio:.2f}× the time of 500")
            if ratio > MAX_RATIO:
                failures.append(f"{name}: {ratio:.2f}× (limit {MAX_RATIO}×)")
            if counts[SIZES[1], name] != counts[SIZES[1], "trie regex"]:
                failures.append(f"{name} finds other occurrences than the trie regex")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for failure in failures:
        print(f"FAIL {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
