"""TERM004's fast paths decide exactly what the plain reading of every word decides.

``_uses`` weighs each acronym-shaped word once per word where it can, and looks for page
definitions of the acronyms a page uses only. The oracle below is that plain reading (every
word weighed where it stands, every definition on the page collected); generated pages full
of the rule's corner cases, the sample hub and the shared corpus must give the same uses and
the same verdict on each used acronym.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
from bisect import bisect_right
from pathlib import Path

import pytest

from smarthub.checks import acronym_definitions
from smarthub.checks.acronym_definitions import (
    _CAMEL_PART,
    _LETTERS,
    _SMALL_WORDS,
    _initials_spell,
)
from smarthub.checks.acronym_lists import read_list
from smarthub.checks.acronyms import (
    _ACRONYM,
    _CAPITAL_TOKEN,
    _CONTRACTION,
    _PHRASE_JOINERS,
    _VERSION,
    _build_vocabulary,
    _in_capitals_line,
    _in_capitals_phrase,
    _known,
    _ordinary,
    _stem,
    _uses,
    _Vocabulary,
    is_acronym,
)
from smarthub.checks.context import CheckContext
from smarthub.config import load_config
from smarthub.engine import run_check
from smarthub.load import load_hub
from smarthub.matcher import starts_word
from smarthub.model import SourceFile
from tests.conftest import entry, write_hub

REPOSITORY = Path(__file__).resolve().parent.parent
# ``../shared/corpus`` beside the repository; SMARTHUB_CORPUS points elsewhere (a worktree).
CORPUS = Path(os.environ.get("SMARTHUB_CORPUS") or REPOSITORY.parent / "shared" / "corpus")

Uses = dict[str, list[tuple[int, int, str]]]


def plain_uses(
    ctx: CheckContext, source: SourceFile, vocabulary: _Vocabulary
) -> tuple[Uses, set[str]]:
    """Every acronym-shaped word weighed where it stands; every page definition collected."""
    uses: Uses = {}
    words = vocabulary.words
    texts = []
    for region, occurrences in ctx.occurrences(source):
        text = region.text
        texts.append(text)
        in_forms = [(found.start, found.end) for found in occurrences]
        for match in _ACRONYM.finditer(text):
            word = match.group(1)
            start, end = match.span()
            if word in vocabulary.defined or not is_acronym(word) or not starts_word(text, start):
                continue
            if start and text[start - 1] == ".":
                continue
            if in_forms:
                index = bisect_right(in_forms, (start, float("inf"))) - 1
                if index >= 0 and in_forms[index][0] <= start < in_forms[index][1]:
                    continue
            if words and _CONTRACTION.match(text, match.end(1)):
                continue
            if vocabulary.versions and _VERSION.match(text, match.end(1)):
                continue
            stem = _stem(word)
            if stem in vocabulary.defined or _known(word, text, start, match.end(1), vocabulary):
                continue
            file_start, file_end = region.file_span(start, end)
            if words and (
                _in_capitals_phrase(text, start, end, words)
                or _in_capitals_line(source, file_start, words)
            ):
                continue
            uses.setdefault(stem, []).append((file_start, file_end, word))
    on_page = acronym_definitions.in_source(source)
    for text in texts:
        on_page |= acronym_definitions.in_text(text)
    return uses, on_page


def assert_same_as_plain(root: Path) -> int:
    """Compare the rule's reading of every file of the hub at ``root``; return the uses seen."""
    hub = load_hub(load_config(root / "mkdocs.yml"))
    ctx = CheckContext(hub=hub, today=dt.date(2026, 11, 1))
    vocabulary = _build_vocabulary(ctx)
    seen = 0
    for source in ctx.sources():
        uses, on_page = _uses(ctx, source, vocabulary)
        expected_uses, expected_on_page = plain_uses(ctx, source, vocabulary)
        assert uses == expected_uses, source.rel
        used = set(uses).union(word for places in uses.values() for _, _, word in places)
        assert on_page == expected_on_page & used, source.rel
        seen += sum(map(len, uses.values()))
    return seen


# Pieces of pages: acronyms the rule must weigh where they stand, the ways a page defines
# one, and what makes a capital word no acronym.
WORDS = [
    "QBR", "QBRs", "QBR's", "NRR", "CE", "TA", "IC1", "IC2", "IC", "FY24", "FY24Q1", "TL;DR",
    "TL", "DR", "USD", "RSD", "KB", "XIV", "P4PORT", "2FA", "FA", "MQL", "MQLs", "SQL", "ABM",
    "CEO", "PDF", "UTF-8", "SOC-2", "DON'T", "NOTE", "AM", "PT", "TX", "EMEA", "ABCDEFGH",
    "GTM", "SLA", ".NET", "x.NET", "QBR.com", "sales@QBR", "CIP", "NBM", "ABX", "ROI", "SFDC",
]  # fmt: skip
JOINERS = [" ", " ", " ", ", ", " or ", " aka ", " (", ") ", ": ", " - ", " = ", ". ", "\n", " | "]
PROSE = [
    "the team", "Quarterly Business Review", "Net Revenue Retention", "Customer Engineer",
    "Code Intelligence Platform", "New Business Meetings", "Account-Based Experiences",
    "Salesforce", "Individual Contributor", "Fiscal Year", "see below", "500", "9:00", "Austin,",
    "READ THIS BEFORE", "PLEASE DO NOT SHARE",
    "**", "*[QBR]: Quarterly Business Review", "“", "”", "'", "`code`", "hot lead",
]  # fmt: skip
LINES = [
    "| **QBR** | Quarterly Business Review |", "| CE | Owner |", "NRR\n: Net Revenue Retention",
    "QBR\n\n:   Quarterly Business Review", "- **TA:** Technical Advisor", "CE = Customer Engineer",
    "TOFU: top of funnel", "NRR", "> QBR - Quarterly Business Review", "1. CIP: Code Intelligence Platform",
]  # fmt: skip
BREAKS = ["\n", "\n", "\n\n", "\r\n", "\u2028", "\x0c"]


def generated_page(rng: random.Random) -> str:
    """A body of random lines made of the pieces above."""
    lines = []
    for _ in range(rng.randint(1, 8)):
        if rng.random() < 0.25:
            lines.append(rng.choice(LINES))
            continue
        pieces = []
        for _ in range(rng.randint(1, 10)):
            pieces.append(rng.choice(WORDS if rng.random() < 0.5 else PROSE))
            pieces.append(rng.choice(JOINERS))
        lines.append("".join(pieces))
    newline = rng.choice(BREAKS) if rng.random() < 0.2 else "\n"
    return newline.join(lines) + "\n"


def test_generated_pages_read_the_same_as_the_plain_reading(tmp_path: Path) -> None:
    rng = random.Random(2026)
    front = (
        "title: Page {index}\ntype: battlecard\nowner: sales\nstatus: draft\nreviewed: 2026-11-01"
    )
    files = {
        f"content/page-{index}.md": entry(front.format(index=index), generated_page(rng))
        for index in range(400)
    }
    files["glossary/marketing-qualified-lead.md"] = entry(
        "term: Marketing Qualified Lead\nabbreviation: MQL\nowner: marketing\n"
        "approved_by: [sales, marketing]",
        "A lead.\n",
    )
    root = write_hub(tmp_path / "hub", files, {"acronyms": {"allow": ["CEO", "PDF", "FA"]}})
    assert assert_same_as_plain(root) > 500  # the generated pages do use many acronyms


def test_the_sample_hub_reads_the_same_as_the_plain_reading() -> None:
    assert_same_as_plain(REPOSITORY)  # it defines every acronym it uses: no use to count


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_the_corpus_reads_the_same_as_the_plain_reading(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", {})
    shutil.copytree(
        CORPUS, root / "content" / "corpus", ignore=shutil.ignore_patterns("LICENSES", "*.tsv")
    )
    assert assert_same_as_plain(root) > 1000


@pytest.mark.parametrize(
    "text",
    [
        "Quarterly Business Review (QBR) and NRR (Net Revenue Retention), CE.",
        "ABCDEFGH (AB) and XQBR (QBR) and QBRQBR.",
        "Code Intelligence Platform, CIP; QBR's and QBRs; NBMs or New Business Meetings.",
        "",
    ],
)
def test_definitions_looked_for_only_where_asked(text: str) -> None:
    everything = acronym_definitions.in_text(text)
    shaped: dict[str, list] = {}
    for match in acronym_definitions.SHAPED.finditer(text):
        shaped.setdefault(match.group(1), []).append(match)
    for only in ({"QBR"}, {"NRR", "CE"}, {"CIP", "NBM", "AB", "CDEFGH"}, set()):
        assert acronym_definitions.paired(only, shaped) == everything & only


# Lines that define an acronym, or nearly do, for the line-by-line definitions.
DEFINITION_LINES = [
    "QBR", "**QBR**", "  QBR  ", "QBR\t", "NRR:", ": Net Revenue Retention", ":   Quarterly Business Review",
    "    : too deep", "", "   ", "| QBR | Quarterly Business Review |", "| **CE** | Customer Engineer |",
    "CE | Customer Engineer", r"| QBR \| x | Quarterly Business Review |", "|", "- NRR: Net Revenue Retention",
    "> > TA - Technical Advisor", "1) CIP = Code Intelligence Platform", "[QBR: Quarterly Business Review",
    "QBRs – Quarterly Business Reviews", "TOFU: top of funnel", "TOFU:top of funnel", "the QBR: not here",
    "*[NBM]: New Business Meeting", "NBM", "  : New Business Meeting", "CE — Customer Engineer",
    "XQBR: Quarterly Business Review", "QBR's: Quarterly Business Review", "ABCDEFGH: A B C",
]  # fmt: skip
FEW_AND_MANY = [
    {"QBR"}, {"NRR", "CE"}, {"QBR", "NRR", "CE", "TA"},
    {"QBR", "NRR", "CE", "TA", "CIP", "TOFU", "NBM"}, {"ABCDEFGH", "XQBR", "QB"}, set(),
]  # fmt: skip


def test_line_definitions_of_some_acronyms_are_those_of_all_lines() -> None:
    """``in_source`` with ``only`` reads only some lines (or whole pages by regex) when "\\n"
    is the only line break: it must find what reading every line finds."""
    rng = random.Random(15)
    for _ in range(3000):
        lines = rng.choices(DEFINITION_LINES, k=rng.randint(1, 7))
        newline = rng.choice(["\n"] * 6 + ["\r\n", "\u2028", "\x0c", "\x85"])
        body = newline.join(lines) + rng.choice(["", "\n", "\n\n"])
        front = "---\ntitle: Page\n---\n"
        source = SourceFile(
            Path("page.md"), "page.md", "page", text=front + body, body_start=len(front)
        )
        everything = acronym_definitions.in_source(source)
        for only in FEW_AND_MANY:
            assert acronym_definitions.in_source(source, only=only) == everything & only, body


def test_each_hub_is_checked_against_its_own_glossary(tmp_path: Path) -> None:
    """The vocabulary kept between batches of one check is never another hub's."""
    page = entry(
        "title: Page\ntype: battlecard\nowner: sales\nstatus: draft\nreviewed: 2026-11-01",
        "Book the QBR early.\n",
    )
    review = entry(
        "term: Quarterly Business Review\nabbreviation: QBR\nowner: sales\n"
        "approved_by: [sales, marketing]",
        "A review.\n",
    )
    found = []
    for name, files in (
        ("with", {"content/page.md": page, "glossary/qbr.md": review}),
        ("without", {"content/page.md": page}),
        ("with-again", {"content/page.md": page, "glossary/qbr.md": review}),
    ):
        root = write_hub(tmp_path / name, files)
        result = run_check(load_config(root / "mkdocs.yml"), today=dt.date(2026, 11, 1))
        found.append([(f.path, f.line, f.column) for f in result.findings if f.code == "TERM004"])
    assert found == [[], [("content/page.md", 8, 10)], []]


def plain_in_capitals_phrase(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """``_in_capitals_phrase`` without its shortcut: the capital words around counted always."""
    left = start
    while left and (
        text[left - 1] in _PHRASE_JOINERS or text[left - 1].isupper() or text[left - 1].isdigit()
    ):
        left -= 1
    right = end
    while right < len(text) and (
        text[right] in _PHRASE_JOINERS or text[right].isupper() or text[right].isdigit()
    ):
        right += 1
    tokens = _CAPITAL_TOKEN.findall(text, left, right)
    return sum(_ordinary(token, words) for token in tokens) >= 2


CAPITALS_PIECES = [
    "QBR", "QBRs", "QBR's", "NOTE", "DO", "NOT", "SHARE", "README", "IT'S", "IT’S", "ÉTÉ", "A1",
    "2026", "the", "team", "Book", "x", "ABCDEFGH",
]  # fmt: skip
CAPITALS_JOINERS = [" ", "  ", "\t", "\u00a0", "'", "’", "-", "/", "&", " & ", ": ", ", ", "|", ""]


def test_capitals_phrase_shortcut_decides_as_counting_the_words() -> None:
    rng = random.Random(4)
    words = frozenset(read_list("words"))
    compared = 0
    for _ in range(4000):
        pieces = []
        for _ in range(rng.randint(1, 7)):
            pieces += [rng.choice(CAPITALS_PIECES), rng.choice(CAPITALS_JOINERS)]
        text = "".join(pieces)
        for match in _ACRONYM.finditer(text):
            start, end = match.span()
            expected = plain_in_capitals_phrase(text, start, end, words)
            assert _in_capitals_phrase(text, start, end, words) == expected, (text, start)
            compared += 1
    assert compared > 5000


def plain_long_form_before(acronym: str, before: str) -> str | None:
    """``long_form_before`` reading every word of the clause (no stop once enough are read)."""
    letters = [char.lower() for char in acronym if char.isalpha()]
    if not letters:
        return None
    tail = before[-160:]
    clause_start = 0
    for boundary in re.finditer(r"[\x00.!?;:]\s", tail):
        clause_start = boundary.end()
    clause = tail[clause_start:]
    parts: list[tuple[str, int]] = []
    for word in reversed(list(_LETTERS.finditer(clause))):
        if len(word.group()) > 1 and word.group().isupper():
            break
        parts[:0] = [
            (part.group(), word.start() + part.start())
            for part in _CAMEL_PART.finditer(word.group())
        ]
    content = [(part, at) for part, at in parts if part.lower() not in _SMALL_WORDS]
    for candidate in (parts, content):
        if _initials_spell(letters, [part for part, _ in candidate]):
            start = candidate[-len(letters)][1]
            return clause[start:].rstrip(" \t\u00a0,-–—(") or None
    return None


LONG_FORM_WORDS = [
    "Code", "Intelligence", "Platform", "code", "of", "the", "and", "HubSpot", "Account-Based",
    "Experiences", "New", "Business", "Meetings", "SSO", "A", "x", "Customer", "Engineer",
    "Sales", "including", "deployments", "Quarterly", "Review", "Net", "Revenue", "Retention",
]  # fmt: skip
LONG_FORM_JOINERS = [" ", " ", " ", ", ", ". ", "; ", ": ", " (", " - ", "\x00 ", "-", "\n"]


def test_long_form_before_reads_only_the_words_that_can_spell() -> None:
    rng = random.Random(7)
    acronyms = ["CIP", "NBM", "ABX", "CE", "QBR", "NRR", "HS", "CIPX", "AB", "ABCDEF", "C2"]
    for _ in range(4000):
        pieces = []
        for _ in range(rng.randint(0, 30)):
            pieces += [rng.choice(LONG_FORM_WORDS), rng.choice(LONG_FORM_JOINERS)]
        before = "".join(pieces)
        for acronym in acronyms:
            expected = plain_long_form_before(acronym, before)
            assert acronym_definitions.long_form_before(acronym, before) == expected, before
