"""The term matcher alone: the form search (``find``) against the token walk it replaced.

    python benchmarks/matcher_find.py HUB [--runs 3]

Loads the hub (its glossary and every region the check reads), then finds every form in
every region both ways, interleaved, with the cyclic collector paused as in a check:
``TermMatcher.find`` (one regex over whole forms, a few Python steps per occurrence) and
``TermMatcher.find_by_tokens`` (a start regex, then ``match_at`` reading token by token:
the algorithm ``find`` used before, kept as its definition). Each pass builds its own
matcher, so compiling its regex is counted. Prints CPU seconds per pass (least of
``--runs``) and exits 1 if the two ways find different occurrences in any region.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from smarthub.config import load_config
from smarthub.load.hub import load_hub
from smarthub.matcher import Occurrence, TermMatcher


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    hub = load_hub(load_config(args.hub / "mkdocs.yml"))
    terms = list(hub.terms.values())
    texts = [region.text for source in hub.sources for region in source.regions]
    print(f"{len(terms)} terms, {len(texts)} regions, {sum(map(len, texts)):,} characters")
    found: dict[str, list[list[Occurrence]]] = {}
    seconds: dict[str, list[float]] = {"find": [], "find_by_tokens": []}
    gc.disable()
    for _ in range(args.runs):
        for way in seconds:
            started = time.process_time()
            matcher = TermMatcher(terms)
            finding = getattr(matcher, way)
            found[way] = [finding(text) for text in texts]
            seconds[way].append(time.process_time() - started)
    for way, times in seconds.items():
        occurrences = sum(map(len, found[way]))
        print(
            f"{way:>15}: {min(times):.3f} s CPU (least of {args.runs}), {occurrences} occurrences"
        )
    differing = sum(a != b for a, b in zip(found["find"], found["find_by_tokens"], strict=True))
    print(f"regions where the two ways differ: {differing}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
