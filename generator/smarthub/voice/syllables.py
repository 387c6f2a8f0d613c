"""Syllables of an English word, for the Flesch–Kincaid grade of VOICE004.

SyllaPy looks the word up in its list of counts taken from the CMU Pronouncing Dictionary
and falls back on spelling rules for words the list lacks. On the corpus it agrees with
CMUdict on 95.5% of running words where Pyphen's hyphenation points agreed on 90.8%, and
it is ten times faster (``benchmarks/syllable_counters.py``). It is imported on the first
grade: its word list takes about 20 ms to load.
"""

from __future__ import annotations


def count_syllables(word: str) -> int:
    """Syllables of a lower-case English word (at least one, also for a word with digits)."""
    import syllapy

    return max(1, syllapy.count(word))
