"""VOICE004's grade as a writer reads it in the report: Flesch–Kincaid from counted prose.

The texts use words whose syllables the CMU Pronouncing Dictionary and smarthub's counter
agree on, so each expected grade is the one a reader would work out by hand:
0.39 x words per sentence + 11.8 x syllables per word - 15.59.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from smarthub.voice.syllables import count_syllables
from tests.conftest import write_hub

FRONT = (
    "---\n{title: A, type: one-pager, owner: marketing, status: draft, reviewed: 2026-11-01}\n---\n"
)
# 13 words, 38 syllables, 2 sentences: 0.39 x 6.5 + 11.8 x 38 / 13 - 15.59 = 21.44
HARD = (
    "Every international organization considers documentation. The controller checks "
    "invoices for quarterly accounting today.\n"
)
OPTIONS = {"voice": {"reading_grade": {"default": 12}, "min_words_for_grade": 10}}
MESSAGE = (
    "content/a.md:{line}:1: warning VOICE004 reads at grade 21.4 (Flesch–Kincaid); the limit "
    "for one-pager is 12: use shorter sentences and plainer words [voice.reading-level]"
)


def _check(root: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "smarthub", "check", "--no-cache", "--select", "VOICE004"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.splitlines()[:-1]  # the summary line last


def test_grade_is_the_flesch_kincaid_of_the_body(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", {"content/a.md": FRONT + HARD}, OPTIONS)
    assert _check(root) == [MESSAGE.format(line=4)]


@pytest.mark.parametrize(
    ("around", "grade"),
    [
        ("# A heading of plain short words\n\n{hard}", "21.4"),
        ("{hard}\n```\nrun make build now then make test again and again\n```\n", "21.4"),
        # "See and the link." (code and URL left out) adds a sentence of four one-syllable
        # words: 17 words, 42 syllables, 3 sentences -> 2.21 + 29.15 - 15.59 = 15.77
        ("{hard}\nSee `the code words here` and [the link](https://example.com/a-b-c).\n", "15.8"),
    ],
    ids=["heading", "code-block", "inline-code-and-url"],
)
def test_headings_code_and_urls_do_not_count(tmp_path: Path, around: str, grade: str) -> None:
    body = around.format(hard=HARD)
    root = write_hub(tmp_path / "hub", {"content/a.md": FRONT + body}, OPTIONS)
    line = 4 + body[: body.index("Every")].count("\n")
    assert _check(root) == [MESSAGE.replace("21.4", grade).format(line=line)]


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("make", 1),  # a silent final e
        ("the", 1),
        ("table", 2),  # but not after a consonant and l
        ("little", 2),
        ("organization", 5),
        ("documentation", 5),
        ("every", 3),
        ("best-in-class", 3),
        ("hr", 1),  # no vowel: still a syllable
        ("b2b", 1),
    ],
)
def test_syllables_of_a_word(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables
