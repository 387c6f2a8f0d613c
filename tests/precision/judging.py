"""Judge the term findings on ``../shared/corpus`` against a hand-judged list.

A brand reviewer judged every TERM001–TERM004 finding that smarthub reported on the corpus
with the glossary in ``glossary/`` beside this file: ``right`` (the reviewer wants it) or
``wrong`` (a false positive), with a reason and, for wrong ones, the class of mistake.
``judged.yml`` holds the verdicts in two forms:

- ``words``: one verdict for every finding of a code whose match is a given word, wherever
  it is (``NOTE`` is never an undefined acronym). A right word lists the places it was
  found (``at``), so a finding that disappears is noticed (per file: the acronym rule
  reports an acronym once per file, and that first use may move).
- ``findings``: one verdict for one place, keyed by path, line, column, code and match.
  A place verdict wins over a word verdict.

A wrong verdict marked ``open: true`` is a known false positive that the current code still
reports: it is counted, but tolerated. Once a fix makes it go away, ``benchmarks/precision.py
--close-fixed`` removes the mark, and from then on the test fails if it comes back.

``benchmarks/precision.py`` prints the figures; ``tests/test_precision.py`` fails when they
change. Paths are relative to the corpus folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
# ``../shared/corpus`` beside the repository; SMARTHUB_CORPUS points elsewhere (a worktree).
CORPUS = Path(os.environ.get("SMARTHUB_CORPUS") or REPO.parent / "shared" / "corpus")
GLOSSARY = HERE / "glossary"
JUDGED = HERE / "judged.yml"
CODES = ("TERM001", "TERM002", "TERM003", "TERM004")
CORPUS_PREFIX = "content/corpus/"
VERDICTS = ("right", "wrong")

# The options the repository's tests use (tests/conftest.py), so the acronym rule sees the
# same small allow list a new hub starts with.
OPTIONS: dict[str, Any] = {
    "teams": ["sales", "marketing"],
    "journey": ["awareness", "consideration", "decision", "onboarding", "expansion"],
    "asset_types": ["battlecard", "case-study", "email-template", "one-pager", "talk-track"],
    "required_approvals": ["sales", "marketing"],
    "acronyms": {"allow": ["CEO", "PDF"]},
}


@dataclass(frozen=True, order=True)
class Place:
    """One finding, as the judged list keys it."""

    path: str
    line: int
    column: int
    code: str
    match: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.match!r}"

    @property
    def at(self) -> str:
        """``path:line:column``, the form a word rule lists its places in."""
        return f"{self.path}:{self.line}:{self.column}"


@dataclass
class Verdict:
    """A reviewer's judgement: right or wrong, why, and for wrong ones the class of mistake."""

    verdict: str
    reason: str
    kind: str = ""
    open: bool = False  # a wrong finding the current code still reports, tolerated for now


@dataclass
class WordRule:
    """One verdict for every finding of ``code`` whose match is ``word``, wherever it is."""

    code: str
    word: str
    verdict: Verdict
    at: tuple[str, ...] = ()

    def covers(self, place: Place) -> bool:
        """Whether this rule judges ``place``."""
        return place.code == self.code and place.match == self.word


@dataclass
class JudgedList:
    """The verdicts of ``judged.yml``."""

    places: dict[Place, Verdict] = field(default_factory=dict)
    words: list[WordRule] = field(default_factory=list)

    def verdict(self, place: Place) -> Verdict | None:
        """The verdict for ``place``: its own, else its word rule's, else None."""
        if place in self.places:
            return self.places[place]
        rule = self.rule_for(place)
        return rule.verdict if rule else None

    def rule_for(self, place: Place) -> WordRule | None:
        """The word rule that judges ``place`` when it has no verdict of its own."""
        if place in self.places:
            return None
        return next((rule for rule in self.words if rule.covers(place)), None)

    def expected_right(self) -> dict[str, tuple[str, str, str] | None]:
        """Every place judged right, as ``path:line:column code match`` keys.

        A key from a word rule maps to its ``(path, code, word)``: it counts as still found
        while that file reports that word anywhere, since the acronym rule reports each
        acronym once per file, at its first use, which moves when an earlier use stops
        counting. A key from a place verdict maps to None: only that place counts.
        """
        keys: dict[str, tuple[str, str, str] | None] = {
            _key(place): None
            for place, verdict in self.places.items()
            if verdict.verdict == "right"
        }
        for rule in self.words:
            if rule.verdict.verdict == "right":
                for at in rule.at:
                    path = at.rsplit(":", 2)[0]
                    keys[f"{at} {rule.code} {rule.word}"] = (path, rule.code, rule.word)
        return keys


def _code_of(key: str) -> str:
    # Paths and matches may hold spaces; the code between them never does.
    found = re.search(r" ([A-Z]+[0-9]{3}) ", key)
    return found.group(1) if found else ""


def _key(place: Place) -> str:
    return f"{place.at} {place.code} {place.match}"


def _verdict(entry: dict[str, Any], where: str) -> Verdict:
    verdict = str(entry.get("verdict") or "")
    if verdict not in VERDICTS:
        raise ValueError(f"{where}: verdict must be right or wrong, not {verdict!r}")
    return Verdict(
        verdict,
        str(entry.get("reason") or ""),
        str(entry.get("class") or ""),
        open=bool(entry.get("open")),
    )


def load_judged(path: Path = JUDGED) -> JudgedList:
    """Read the judged list; entries with an empty verdict (not judged yet) are skipped."""
    document = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    document = document or {}
    judged = JudgedList()
    for index, entry in enumerate(document.get("words") or []):
        if not entry.get("verdict"):
            continue
        judged.words.append(
            WordRule(
                code=entry["code"],
                word=str(entry["word"]),
                verdict=_verdict(entry, f"{path.name}: words[{index}]"),
                at=tuple(entry.get("at") or ()),
            )
        )
    for index, entry in enumerate(document.get("findings") or []):
        if not entry.get("verdict"):
            continue
        place = Place(
            entry["path"], int(entry["line"]), int(entry["column"]), entry["code"], entry["match"]
        )
        judged.places[place] = _verdict(entry, f"{path.name}: findings[{index}]")
    return judged


def build_hub(root: Path, corpus: Path = CORPUS) -> Path:
    """Write a hub at ``root``: the judged glossary and a copy of the corpus in ``content/corpus``."""
    root.mkdir(parents=True, exist_ok=True)
    config = {
        "site_name": "Precision hub",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"smarthub": OPTIONS}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    shutil.copytree(GLOSSARY, root / "glossary")

    def ignore(folder: str, names: list[str]) -> list[str]:
        top = Path(folder) == corpus
        return [name for name in names if top and name in ("README.md", "MANIFEST.tsv", "LICENSES")]

    shutil.copytree(corpus, root / "content" / "corpus", ignore=ignore)
    return root


def run_findings_cli(root: Path) -> list[Place]:
    """The term findings on the corpus files, from ``smarthub check --format json`` as users run it."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "smarthub",
            "check",
            "--format",
            "json",
            "--select",
            ",".join(CODES),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=_env_with_this_package(),
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"smarthub check exited {done.returncode}: {done.stderr.strip()}")
    return sorted(
        Place(
            finding["path"][len(CORPUS_PREFIX) :],
            finding["line"],
            finding["column"],
            finding["code"],
            finding["match"],
        )
        for finding in json.loads(done.stdout)["findings"]
        if finding["path"].startswith(CORPUS_PREFIX)
    )


def _env_with_this_package() -> dict[str, str]:
    # The check must run this checkout's smarthub, not whichever copy is installed.
    import smarthub

    package_parent = str(Path(smarthub.__file__).resolve().parents[1])
    path = os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def run_findings(root: Path) -> list[Place]:
    """The term findings on the corpus files of the hub at ``root``, checked in this process."""
    from smarthub.config import load_config
    from smarthub.engine import run_check

    config = load_config(root / "mkdocs.yml")
    result = run_check(config, select=CODES, today=None)
    return sorted(
        Place(
            finding.path[len(CORPUS_PREFIX) :],
            finding.line,
            finding.column,
            finding.code,
            finding.match,
        )
        for finding in result.findings
        if finding.path.startswith(CORPUS_PREFIX)
    )


@dataclass
class Judgement:
    """The findings of one run, sorted by verdict."""

    right: list[Place] = field(default_factory=list)
    wrong: list[tuple[Place, Verdict]] = field(default_factory=list)
    unjudged: list[Place] = field(default_factory=list)
    disappeared: list[str] = field(default_factory=list)
    expected_right: int = 0
    fixed_places: list[Place] = field(default_factory=list)
    fixed_words: list[WordRule] = field(default_factory=list)

    @property
    def came_back(self) -> list[tuple[Place, Verdict]]:
        """Wrong findings that are reported although no longer marked open (regressions)."""
        return [(place, verdict) for place, verdict in self.wrong if not verdict.open]

    def by_code(self) -> dict[str, Counter[str]]:
        """Per code: findings, right, wrong, unjudged."""
        table: dict[str, Counter[str]] = {code: Counter() for code in CODES}
        for place in self.right:
            table[place.code].update(["findings", "right"])
        for place, _ in self.wrong:
            table[place.code].update(["findings", "wrong"])
        for place in self.unjudged:
            table[place.code].update(["findings", "unjudged"])
        return table

    def precision(self, codes: Iterable[str]) -> float | None:
        """Right / judged, over the findings of ``codes``; None when none was judged."""
        wanted = set(codes)
        right = sum(place.code in wanted for place in self.right)
        wrong = sum(place.code in wanted for place, _ in self.wrong)
        return right / (right + wrong) if right + wrong else None

    def recall(self, codes: Iterable[str]) -> float | None:
        """Of the places judged right for ``codes``, the share still found."""
        wanted = set(codes)
        missing = sum(_code_of(key) in wanted for key in self.disappeared)
        found = sum(place.code in wanted for place in self.right)
        expected = found + missing
        return found / expected if expected else None

    def wrong_classes(self) -> Counter[str]:
        """How many wrong findings fall in each class of mistake."""
        return Counter(verdict.kind or "unclassified" for _, verdict in self.wrong)


def judge(found: list[Place], judged: JudgedList) -> Judgement:
    """Sort ``found`` into right, wrong and unjudged; list judged-right places now missing."""
    judgement = Judgement()
    seen: set[str] = set()
    seen_in_file: set[tuple[str, str, str]] = set()
    used_rules: set[int] = set()
    for place in found:
        verdict = judged.verdict(place)
        rule = judged.rule_for(place)
        if rule is not None:
            used_rules.add(id(rule))
        seen.add(_key(place))
        seen_in_file.add((place.path, place.code, place.match))
        if verdict is None:
            judgement.unjudged.append(place)
        elif verdict.verdict == "right":
            judgement.right.append(place)
        else:
            judgement.wrong.append((place, verdict))
    expected = judged.expected_right()
    judgement.expected_right = len(expected)
    judgement.disappeared = sorted(
        key
        for key, in_file in expected.items()
        if key not in seen and (in_file is None or in_file not in seen_in_file)
    )
    found_places = set(found)
    judgement.fixed_places = sorted(
        place
        for place, verdict in judged.places.items()
        if verdict.open and place not in found_places
    )
    judgement.fixed_words = [
        rule for rule in judged.words if rule.verdict.open and id(rule) not in used_rules
    ]
    return judgement


def close_fixed(judgement: Judgement, path: Path = JUDGED) -> int:
    """Drop ``open: true`` from the wrong verdicts no longer reported; return how many."""
    places = {_flow_key(place) for place in judgement.fixed_places}
    words = {(rule.code, rule.word) for rule in judgement.fixed_words}
    lines = path.read_text(encoding="utf-8").split("\n")
    closed = 0
    for index, line in enumerate(lines):
        if ", open: true" not in line:
            continue
        entry = yaml.safe_load(line.strip().removeprefix("- "))
        if not isinstance(entry, dict):
            continue
        if "word" in entry:
            hit = (entry["code"], str(entry["word"])) in words
        else:
            hit = (
                _flow_key(
                    Place(
                        entry["path"],
                        int(entry["line"]),
                        int(entry["column"]),
                        entry["code"],
                        entry["match"],
                    )
                )
                in places
            )
        if hit:
            lines[index] = line.replace(", open: true", "")
            closed += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return closed


def _flow_key(place: Place) -> str:
    return _key(place)


def unjudged_yaml(places: list[Place]) -> str:
    """``places`` as ``findings`` entries of the judged list, verdict left empty to fill in."""
    lines = ["findings:"]
    for place in places:
        lines.append(
            "  - {"
            + ", ".join(
                [
                    f"path: {_quoted(place.path)}",
                    f"line: {place.line}",
                    f"column: {place.column}",
                    f"code: {place.code}",
                    f"match: {_quoted(place.match)}",
                    "verdict: ",
                    "reason: ",
                ]
            )
            + "}"
        )
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: safe inside a flow mapping, and never
    # read as a boolean (NO, ON) or a number.
    return json.dumps(text, ensure_ascii=False)
