"""The baseline: findings a team accepted when it adopted smarthub, hidden until they change.

``smarthub baseline`` writes every current finding to ``.smarthub-baseline.json`` next to
``mkdocs.yml``; ``smarthub check`` then reports only findings that are not in it. An entry
is a fingerprint, never a line number: the file, the rule, the matched text and the words
around it (``CONTEXT_WORDS`` on each side, within the paragraph, case-folded), so an edit
elsewhere in the file keeps it hidden while an edit to its own sentence brings it back.
Identical fingerprints in one file are counted, so a second identical mistake is reported.
Entries that no longer match a finding are reported as LINT002 at their line.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smarthub.checks.registry import find_rule
from smarthub.checks.stale_baseline import BASELINE_NAME as BASELINE_NAME
from smarthub.checks.stale_baseline import STALE_BASELINE
from smarthub.checks.stale_baseline import default_path as default_path
from smarthub.config import ConfigError, HubConfig
from smarthub.findings import Finding

if TYPE_CHECKING:
    from smarthub.engine import CheckResult

FORMAT_VERSION = 1
CONTEXT_WORDS = 3
_WINDOW = 240  # characters searched on each side for the context words
_WORD = re.compile(r"\w+")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_SPACE = re.compile(r"[ \t\n\r]*")
_ABOUT = (
    "Findings accepted when smarthub was adopted; 'smarthub check' hides them. "
    "Fix them over time and rerun 'smarthub baseline' to prune this file."
)
_REWRITE = "fix it by hand or rewrite it with 'smarthub baseline'"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What identifies a finding across edits: file, rule, matched text and nearby words."""

    path: str
    code: str
    match: str
    context: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One baseline entry: a fingerprint, how many findings it hides, and where it is written."""

    fingerprint: Fingerprint
    count: int
    start: int
    end: int


@dataclass
class Baseline:
    """A loaded baseline file: its entries and its text (to point stale entries at their line)."""

    path: Path
    display: str
    text: str
    entries: list[Entry]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset in the file."""
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1


def resolve(config: HubConfig, explicit: Path | None = None) -> Baseline | None:
    """The baseline to apply: ``explicit`` (which must exist), else the default file if present."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(
                [
                    f"{explicit}: no such baseline file: write one with 'smarthub baseline -o {explicit}'"
                ]
            )
        return load(explicit, config)
    path = default_path(config)
    return load(path, config) if path.is_file() else None


def load(path: Path, config: HubConfig) -> Baseline:
    """Read and validate a baseline file; every problem is a ``ConfigError`` naming its line."""
    display = _display(path, config)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ConfigError([f"{display}: cannot read the baseline ({error.strerror})"]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"{display}: the baseline is not UTF-8 text: {_REWRITE}"]) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(
            [f"{display}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}): {_REWRITE}"]
        ) from None
    except RecursionError:
        raise ConfigError([f"{display}: the baseline is nested too deeply: {_REWRITE}"]) from None
    baseline = Baseline(path, display, text, [])
    problems: list[str] = []
    keys, spans = _locate(text)

    def at(offset: int) -> str:
        line, column = baseline.position(offset)
        return f"{display}:{line}:{column}"

    if not isinstance(document, dict):
        raise ConfigError(
            [f"{at(_SPACE.match(text).end())}: a baseline is a JSON object: {_REWRITE}"]
        )
    version = document.get("version")
    if version != FORMAT_VERSION:
        where = at(keys.get("version", 0))
        problems.append(
            f"{where}: baseline version {json.dumps(version)} is not one this smarthub reads "
            f"(expected {FORMAT_VERSION}): rewrite it with 'smarthub baseline'"
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        problems.append(
            f"{at(keys.get('findings', 0))}: 'findings' must be a list of entries: {_REWRITE}"
        )
        findings = []
    for item, (start, end) in zip(findings, spans, strict=False):
        problem = _entry_problem(item)
        if problem:
            problems.append(f"{at(start)}: {problem}: {_REWRITE}")
            continue
        fingerprint = Fingerprint(item["path"], item["code"], item["match"], item["context"])
        baseline.entries.append(Entry(fingerprint, item["count"], start, end))
    if problems:
        raise ConfigError(problems)
    return baseline


def _entry_problem(item: Any) -> str | None:
    if not isinstance(item, dict):
        return "a baseline entry must be an object with path, code, match, context and count"
    for key in ("path", "code", "match", "context"):
        if not isinstance(item.get(key), str):
            return f"baseline entry needs '{key}' as a string"
    count = item.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        return "baseline entry needs 'count' as a whole number of at least 1"
    return None


def _locate(text: str) -> tuple[dict[str, int], list[tuple[int, int]]]:
    """Offsets of the top-level keys and the ``[start, end)`` of each entry of ``findings``.

    Called only on text ``json.loads`` accepted, so the walk never meets a syntax error;
    ``json``'s own decoder reads every value, so strings with brackets or escapes are safe.
    """
    decoder = json.JSONDecoder()
    keys: dict[str, int] = {}
    entries: list[tuple[int, int]] = []
    position = _SPACE.match(text).end()  # type: ignore[union-attr]
    if text[position : position + 1] != "{":
        return keys, entries

    def skip(offset: int, separator: str = "") -> int:
        offset = _SPACE.match(text, offset).end()  # type: ignore[union-attr]
        if separator and text[offset : offset + 1] == separator:
            offset = _SPACE.match(text, offset + 1).end()  # type: ignore[union-attr]
        return offset

    position = skip(position + 1)
    while text[position] != "}":
        key_start = position
        key, position = decoder.raw_decode(text, position)
        keys[key] = key_start
        position = skip(position, ":")
        if key == "findings" and text[position] == "[":
            entries = []
            position = skip(position + 1)
            while text[position] != "]":
                start = position
                _, position = decoder.raw_decode(text, position)
                entries.append((start, position))
                position = skip(position, ",")
            position += 1
        else:
            _, position = decoder.raw_decode(text, position)
        position = skip(position, ",")
    return keys, entries


def _display(path: Path, config: HubConfig) -> str:
    absolute = path.absolute()
    if absolute.is_relative_to(config.root):
        return absolute.relative_to(config.root).as_posix()
    return str(path)


class _Texts:
    """File texts and line starts by hub path: the loaded file if the check kept it, else the disk's."""

    def __init__(self, result: CheckResult) -> None:
        self.root = result.hub.config.root
        self.loaded = {source.rel: source for source in result.hub.sources if source.text}
        self.cache: dict[str, tuple[str, Sequence[int]]] = {}

    def get(self, path: str) -> tuple[str, Sequence[int]]:
        if path not in self.cache:
            source = self.loaded.get(path)
            if source is not None:
                self.cache[path] = (source.text, source.line_starts)
            else:
                try:
                    text = (self.root / path).read_bytes().decode("utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    text = ""
                self.cache[path] = (text, _line_starts(text))
        return self.cache[path]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _context(text: str, starts: Sequence[int], finding: Finding) -> str:
    """The case-folded words around a finding within its paragraph: ``"send the … today"``."""
    if not text:
        return "…"

    def offset(line: int, column: int) -> int:
        if line > len(starts):
            return len(text)
        return min(starts[line - 1] + column - 1, len(text))

    start = offset(finding.line, finding.column)
    end = max(offset(finding.end_line, finding.end_column), start)
    before = text[max(start - _WINDOW, 0) : start]
    paragraph_breaks = list(_BLANK_LINE.finditer(before))
    if paragraph_breaks:
        before = before[paragraph_breaks[-1].end() :]
    after = text[end : end + _WINDOW]
    paragraph_break = _BLANK_LINE.search(after)
    if paragraph_break:
        after = after[: paragraph_break.start()]
    words_before = _WORD.findall(before)[-CONTEXT_WORDS:] if CONTEXT_WORDS else []
    words_after = _WORD.findall(after)[:CONTEXT_WORDS]
    return " ".join([*words_before, "…", *words_after]).casefold()


def fingerprints(result: CheckResult) -> list[tuple[Finding, Fingerprint]]:
    """Each finding of ``result`` (in report order) with its fingerprint."""
    texts = _Texts(result)
    paired = []
    for finding in result.findings:
        text, starts = texts.get(finding.path)
        context = _context(text, starts, finding)
        match = " ".join(finding.match.split())  # "hot\nlead" rewrapped is still "hot lead"
        paired.append((finding, Fingerprint(finding.path, finding.code, match, context)))
    return paired


def render(result: CheckResult, prune: Baseline | None = None) -> tuple[str, int, int]:
    """The baseline file for ``result``: its text, the findings recorded and the entries.

    One entry a line, sorted, so a change to the baseline is a readable diff. LINT002
    findings are never recorded: rewriting the baseline is what prunes stale entries.
    With ``prune``, the file keeps only what that baseline already accepted (each count
    lowered to the findings that remain) and accepts nothing new.
    """
    counts = Counter(
        fingerprint
        for finding, fingerprint in fingerprints(result)
        if finding.code != STALE_BASELINE.code
    )
    if prune is not None:
        counts = _pruned(counts, prune)
    lines = [
        json.dumps(
            {
                "path": fingerprint.path,
                "code": fingerprint.code,
                "match": fingerprint.match,
                "context": fingerprint.context,
                "count": count,
            },
            ensure_ascii=False,
        )
        for fingerprint, count in sorted(
            counts.items(), key=lambda item: dataclasses.astuple(item[0])
        )
    ]
    body = ",\n    ".join(lines)
    findings = f"[\n    {body}\n  ]" if lines else "[]"
    text = (
        "{\n"
        f'  "version": {FORMAT_VERSION},\n'
        f'  "about": {json.dumps(_ABOUT)},\n'
        f'  "findings": {findings}\n'
        "}\n"
    )
    return text, sum(counts.values()), len(counts)


def _pruned(current: Counter[Fingerprint], prune: Baseline) -> Counter[Fingerprint]:
    """What ``prune`` accepted and still finds: never more of a kind than it held.

    A fingerprint found again keeps its entry (its count lowered to what remains). A
    finding whose words changed, because a neighbour was fixed or its sentence reworded,
    takes the place of a stale entry of the same file, rule and matched text, so burning
    findings down never turns the untouched ones next to them into new findings; no file
    ever gets more findings of one rule and text accepted than the baseline had.
    """
    accepted = Counter[Fingerprint]()
    for entry in prune.entries:
        accepted[entry.fingerprint] += entry.count
    kept = current & accepted  # the smaller count of each; zero counts are dropped
    stale = Counter((fp.path, fp.code, fp.match) for fp in (accepted - kept).elements())
    for fingerprint in sorted((current - kept).elements(), key=dataclasses.astuple):
        kind = (fingerprint.path, fingerprint.code, fingerprint.match)
        if stale[kind] > 0:
            stale[kind] -= 1
            kept[fingerprint] += 1
    return kept


def apply(
    result: CheckResult,
    baseline: Baseline,
    *,
    reported: set[str] | None,
    enabled: Iterable[str],
) -> tuple[list[Finding], int]:
    """The findings the baseline does not hide, plus LINT002 for stale entries; and how many it hid.

    Entries are judged stale only where the check could have found their findings: a file it
    read (all of them when ``reported`` is None) and a rule that ran (or no longer exists).
    """
    enabled = set(enabled)
    left: dict[Fingerprint, int] = {}
    first_entry: dict[Fingerprint, Entry] = {}
    for entry in baseline.entries:
        left[entry.fingerprint] = left.get(entry.fingerprint, 0) + entry.count
        first_entry.setdefault(entry.fingerprint, entry)
    recorded = dict(left)
    kept: list[Finding] = []
    hidden = 0
    for finding, fingerprint in fingerprints(result):
        if left.get(fingerprint, 0) > 0:
            left[fingerprint] -= 1
            hidden += 1
        else:
            kept.append(finding)
    if STALE_BASELINE.code in enabled:
        for fingerprint, remaining in left.items():
            if remaining and _judged(fingerprint, reported, enabled):
                kept.append(
                    _stale_finding(
                        baseline, first_entry[fingerprint], recorded[fingerprint], remaining
                    )
                )
    return kept, hidden


def _judged(fingerprint: Fingerprint, reported: set[str] | None, enabled: set[str]) -> bool:
    in_scope = reported is None or fingerprint.path in reported
    rule_ran = fingerprint.code in enabled or find_rule(fingerprint.code) is None
    return in_scope and rule_ran


def _stale_finding(baseline: Baseline, entry: Entry, recorded: int, remaining: int) -> Finding:
    line, column = baseline.position(entry.start)
    end_line, end_column = baseline.position(entry.end)
    fingerprint = entry.fingerprint
    what = f"{fingerprint.code} '{fingerprint.match}' in {fingerprint.path}"
    if remaining == recorded:
        state = "matches no finding"
    else:
        found = recorded - remaining
        state = f"records {recorded} findings but only {found} remain{'s' if found == 1 else ''}"
    return Finding(
        path=baseline.display,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=STALE_BASELINE.code,
        name=STALE_BASELINE.name,
        severity=STALE_BASELINE.severity,
        message=f"baseline entry {state} ({what}): prune it with 'smarthub baseline --prune'",
        match=baseline.text[entry.start : entry.end],
    )
