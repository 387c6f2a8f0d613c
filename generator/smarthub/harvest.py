"""``smarthub harvest``: what the glossary does not cover yet, ranked by how often it occurs.

It reads the prose the check reads (the loader's regions: code, URLs and HTML left out) in
every file except the glossary's own entries, and proposes:

- **variants**: one word or phrase spelled several ways (``e-mail`` / ``email``,
  ``on-boarding`` / ``onboarding``, ``set up`` / ``setup``) with no glossary entry;
- **case variants** of a name written with an inner capital (``HubSpot`` / ``Hubspot``);
- **names and acronyms**: capitalised multi-word names and acronyms with no entry, with
  the long form when a page defines it (``Quarterly Business Review (QBR)``);
- **conflicts**: terms whose avoided forms are still used beside their accepted ones.

Candidates in ``harvest.ignore`` are never proposed again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from smarthub.checks.acronym_definitions import long_form_before
from smarthub.checks.acronym_lists import known_codes
from smarthub.checks.acronyms import is_acronym
from smarthub.config import HubConfig
from smarthub.matcher import TermMatcher, forms_of
from smarthub.model import Hub, SourceFile
from smarthub.wording import counted

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ACRONYM = re.compile(r"(?<![\w.@/-])([A-Z][A-Z0-9]{1,5})(?:s|'s|’s)?(?![\w@/-])")
_NAME = re.compile(
    r"(?<![\w.@/-])([A-Z][\w’'-]*(?:[ \t]+(?:of|and|for|&)?[ \t]*[A-Z][\w’'-]*){1,3})"
)
# Words that make a two-word phrase ordinary English, not a spelling of a compound:
# "every day" / "everyday", "may be" / "maybe", "in to" / "into".
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "from",
        "with",
        "as",
        "into",
        "onto",
        "up",
        "down",
        "out",
        "off",
        "over",
        "under",
        "any",
        "some",
        "every",
        "no",
        "all",
        "may",
        "might",
        "can",
        "will",
        "be",
        "is",
        "are",
        "was",
        "were",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "how",
        "when",
        "where",
        "why",
        "each",
        "per",
        "not",
        "so",
        "than",
        "then",
        "more",
        "most",
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "she",
        "they",
        "am",
    ]
)
_SENTENCE_OPENERS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "Our",
        "Your",
        "Their",
        "We",
        "You",
        "It",
        "In",
        "On",
        "For",
        "How",
        "What",
        "Why",
        "When",
        "Where",
        "Who",
        "If",
    ]
)


@dataclass
class Variant:
    """One way of writing a candidate, with how often and where it is written so."""

    text: str
    count: int = 0
    files: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, object]:
        """The variant for the JSON output."""
        return {"text": self.text, "count": self.count, "files": sorted(self.files)}


@dataclass
class Candidate:
    """Something the glossary might need: its kind, its spellings and, for acronyms, a long form."""

    kind: str  # variant | case | name | acronym | conflict
    key: str
    variants: list[Variant]
    long_form: str | None = None
    term_id: str | None = None  # for conflicts: the entry whose avoided forms are used

    @property
    def count(self) -> int:
        """All occurrences of every variant."""
        return sum(variant.count for variant in self.variants)

    @property
    def files(self) -> set[str]:
        """Every file that writes any variant."""
        return set().union(*(variant.files for variant in self.variants))

    @property
    def preferred(self) -> Variant:
        """The most frequent spelling (ties: the first in text order)."""
        return max(self.variants, key=lambda variant: variant.count)

    def as_json(self) -> dict[str, object]:
        """The candidate for the JSON output."""
        data: dict[str, object] = {
            "kind": self.kind,
            "key": self.key,
            "count": self.count,
            "files": len(self.files),
            "variants": [variant.as_json() for variant in self.variants],
        }
        if self.long_form:
            data["long_form"] = self.long_form
        if self.term_id:
            data["term"] = self.term_id
        return data


class _Tally:
    """Counts of spellings by a shared key, with the files they appear in."""

    def __init__(self) -> None:
        self.by_key: dict[str, dict[str, Variant]] = defaultdict(dict)

    def add(self, key: str, text: str, rel: str) -> None:
        variant = self.by_key[key].get(text)
        if variant is None:
            variant = self.by_key[key][text] = Variant(text)
        variant.count += 1
        variant.files.add(rel)


def harvest(hub: Hub, *, min_count: int = 2) -> list[Candidate]:
    """Every candidate of the hub, most frequent first, without those in ``harvest.ignore``."""
    config = hub.config
    matcher = TermMatcher(hub.terms.values())
    covered = {form.text.casefold() for term in hub.terms.values() for form in forms_of(term)}
    sources = [source for source in hub.sources if source.kind != "term"]
    words, pairs, names, acronyms = _Tally(), _Tally(), _Tally(), _Tally()
    long_forms: dict[str, Counter[str]] = defaultdict(Counter)
    for source in sources:
        for text, in_glossary in _prose(source, matcher):
            _count_words(text, source.rel, words, pairs, in_glossary)
            _count_names(text, source.rel, names, acronyms, long_forms, in_glossary)
    candidates = [
        *_spelling_variants(words, pairs, covered),
        *_case_variants(words, covered),
        *_names(names, covered, min_count),
        *_acronyms(acronyms, long_forms, covered, config, hub, min_count),
        *_conflicts(hub, matcher, sources),
    ]
    ignored = config.harvest.ignore
    kept = [
        candidate
        for candidate in candidates
        if candidate.count >= min_count
        and candidate.key.casefold() not in ignored
        and not any(variant.text.casefold() in ignored for variant in candidate.variants)
    ]
    order = {"conflict": 0, "variant": 1, "case": 1, "acronym": 2, "name": 3}
    return sorted(kept, key=lambda c: (order[c.kind], -c.count, c.key))


def _prose(source: SourceFile, matcher: TermMatcher) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Each region's text, split where something was skipped, with the glossary's spans."""
    for region in source.regions:
        spans = [(found.start, found.end) for found in matcher.find(region.text)]
        yield region.text, spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(span_start <= start and end <= span_end for span_start, span_end in spans)


def _count_words(
    text: str, rel: str, words: _Tally, pairs: _Tally, in_glossary: list[tuple[int, int]]
) -> None:
    previous: re.Match[str] | None = None
    for match in _WORD.finditer(text):
        word = match.group()
        if "'" in word or "’" in word or _glued(text, match.start(), match.end()):
            previous = None
            continue
        if not _inside(in_glossary, match.start(), match.end()):
            words.add(word.replace("-", "").casefold(), word, rel)
            if (
                previous is not None
                and "-" not in word
                and "-" not in previous.group()
                and text[previous.end() : match.start()] == " "
                and previous.group().casefold() not in _FUNCTION_WORDS
                and word.casefold() not in _FUNCTION_WORDS
            ):
                pair = f"{previous.group()} {word}"
                pairs.add(pair.replace(" ", "").casefold(), pair, rel)
        previous = match


def _glued(text: str, start: int, end: int) -> bool:
    """Part of an identifier, handle, file name or domain rather than a word of prose."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in "@#_/.:" or after in "@_/:":
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isalnum()


def _shape(text: str) -> str:
    return "hyphen" if "-" in text else "space" if " " in text else "joined"


def _spelling_variants(words: _Tally, pairs: _Tally, covered: set[str]) -> Iterator[Candidate]:
    for key, spellings in words.by_key.items():
        merged = dict(spellings)
        if key in pairs.by_key:
            merged.update(pairs.by_key[key])
        by_shape: dict[str, list[Variant]] = defaultdict(list)
        for variant in merged.values():
            by_shape[_shape(variant.text)].append(variant)
        if len(by_shape) < 2 or ("hyphen" not in by_shape and "joined" not in by_shape):
            continue
        if "joined" not in by_shape and "space" in by_shape and "hyphen" in by_shape:
            continue  # "follow up" / "follow-up": verb and noun, both right
        variants = [_fold_case(shape_variants) for shape_variants in by_shape.values()]
        if any(variant.text.casefold() in covered for variant in variants):
            continue
        yield Candidate("variant", key, sorted(variants, key=lambda v: (-v.count, v.text)))


def _fold_case(variants: list[Variant]) -> Variant:
    """Spellings of one shape that differ only in case, as one (the most frequent spelling)."""
    folded = Variant(max(variants, key=lambda variant: variant.count).text)
    for variant in variants:
        folded.count += variant.count
        folded.files |= variant.files
    return folded


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


def _inner_capital(word: str) -> bool:
    """``HubSpot``, not ``HUBSPOT`` and not a plural acronym such as ``GIFs``."""
    return (
        any(char.isupper() for char in word[1:])
        and not word.isupper()
        and not _PLURAL_ACRONYM.fullmatch(word)
    )


def _case_variants(words: _Tally, covered: set[str]) -> Iterator[Candidate]:
    for key, spellings in words.by_key.items():
        if key in covered:
            continue
        capitalised = [
            variant
            for text, variant in spellings.items()
            if " " not in text and "-" not in text and text[:1].isupper() and not text.isupper()
        ]
        lower = spellings.get(key)
        if lower is not None and 2 * lower.count >= sum(v.count for v in capitalised):
            continue  # a common word ("this" / "THis", "handbook"): not a name
        if len(capitalised) >= 2 and any(_inner_capital(v.text) for v in capitalised):
            yield Candidate("case", key, sorted(capitalised, key=lambda v: (-v.count, v.text)))


def _count_names(
    text: str,
    rel: str,
    names: _Tally,
    acronyms: _Tally,
    long_forms: dict[str, Counter[str]],
    in_glossary: list[tuple[int, int]],
) -> None:
    for match in _NAME.finditer(text):
        words = match.group(1).split()
        while words and words[0] in _SENTENCE_OPENERS:
            words = words[1:]
        if "I" in words:
            continue  # "How I", "What I": a question, not a name
        if len(words) >= 2 and not _inside(in_glossary, match.start(1), match.end(1)):
            name = " ".join(words)
            names.add(name.casefold(), name, rel)
    for match in _ACRONYM.finditer(text):
        word = match.group(1)
        if not is_acronym(word) or _inside(in_glossary, match.start(1), match.end(1)):
            continue
        acronyms.add(word, word, rel)
        long_form = _long_form_before(text, match.start(), word)
        if long_form:
            long_forms[word][long_form] += 1


def _long_form_before(text: str, start: int, acronym: str) -> str | None:
    """``Quarterly Business Review`` in ``Quarterly Business Review (QBR)``: brackets only,
    the surest pairing, and the long form as TERM004 reads it."""
    if start == 0 or text[start - 1] != "(":
        return None
    return long_form_before(acronym, text[max(0, start - 160) : start - 1])


def _names(names: _Tally, covered: set[str], min_count: int) -> Iterator[Candidate]:
    for key, spellings in names.by_key.items():
        if key in covered:
            continue
        variants = sorted(spellings.values(), key=lambda v: (-v.count, v.text))
        if sum(v.count for v in variants) >= max(min_count, 3):
            yield Candidate("name", key, variants)


def _acronyms(
    acronyms: _Tally,
    long_forms: dict[str, Counter[str]],
    covered: set[str],
    config: HubConfig,
    hub: Hub,
    min_count: int,
) -> Iterator[Candidate]:
    defined = {form.casefold() for form in config.acronyms_allow} | covered
    # What TERM004 already knows everywhere (its built-in lists) is no candidate either.
    known = known_codes(frozenset(config.acronyms_builtin)).always
    for key, spellings in acronyms.by_key.items():
        if key.casefold() in defined or key in known:
            continue
        long_form = long_forms[key].most_common(1)[0][0] if long_forms.get(key) else None
        yield Candidate("acronym", key, list(spellings.values()), long_form=long_form)


def _conflicts(
    hub: Hub, matcher: TermMatcher, sources: Iterable[SourceFile]
) -> Iterator[Candidate]:
    avoided: dict[str, dict[str, Variant]] = defaultdict(dict)
    accepted: dict[str, Variant] = {}
    for source in sources:
        for region in source.regions:
            for found in matcher.find(region.text):
                term_id = found.form.term_id
                if found.form.kind == "avoid":
                    text = " ".join(found.stem.split())
                    variant = avoided[term_id].setdefault(text.casefold(), Variant(text))
                else:
                    variant = accepted.setdefault(term_id, Variant(hub.terms[term_id].term))
                variant.count += 1
                variant.files.add(source.rel)
    for term_id, used in avoided.items():
        if term_id in accepted:
            variants = [accepted[term_id], *sorted(used.values(), key=lambda v: -v.count)]
            yield Candidate("conflict", hub.terms[term_id].term, variants, term_id=term_id)


_KIND_TITLES = {
    "conflict": "Avoided forms still in use beside the agreed term",
    "variant": "Spelled several ways, no glossary entry",
    "case": "Names written in several cases, no glossary entry",
    "acronym": "Acronyms with no glossary entry",
    "name": "Capitalised names with no glossary entry",
}


def render_text(candidates: list[Candidate], *, limit: int) -> str:
    """Candidates grouped by kind, most frequent first, a line each."""
    if not candidates:
        return "Nothing to harvest: every repeated spelling, name and acronym is in the glossary.\n"
    lines: list[str] = []
    for kind in _KIND_TITLES:
        group = [candidate for candidate in candidates if candidate.kind == kind][:limit]
        if not group:
            continue
        lines.append(f"{_KIND_TITLES[kind]}:")
        for candidate in group:
            spelled = " · ".join(f"{v.text} ({v.count})" for v in candidate.variants)
            extra = f" = {candidate.long_form}" if candidate.long_form else ""
            files = len(candidate.files)
            lines.append(f"  {candidate.count:>5}  {spelled}{extra}  in {counted(files, 'file')}")
        lines.append("")
    lines.append(
        "Propose entries with 'smarthub harvest --write'; list what should never be proposed "
        "under harvest.ignore in mkdocs.yml."
    )
    return "\n".join(lines) + "\n"


def render_json(candidates: list[Candidate]) -> str:
    """The candidates as JSON: ``{"version": 1, "candidates": [...]}``."""
    import json

    document = {"version": 1, "candidates": [candidate.as_json() for candidate in candidates]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def draft_entry(candidate: Candidate, owner: str) -> tuple[str, str] | None:
    """``(id, Markdown)`` of a proposed glossary entry for a candidate, or ``None`` (conflicts)."""
    from smarthub.scaffold import slugify, yaml_scalar

    if candidate.kind == "conflict":
        return None
    preferred = candidate.preferred.text
    others = [v.text for v in candidate.variants if v.text != preferred]
    lines = ["---"]
    if candidate.kind == "acronym":
        term = candidate.long_form or preferred
        lines.append(f"term: {yaml_scalar(term)}")
        if candidate.long_form:
            lines.append(f"abbreviation: {yaml_scalar(preferred)}")
    else:
        lines.append(f"term: {yaml_scalar(preferred)}")
    if candidate.kind == "case":
        lines.append("casing: exact")
    elif others:
        lines.append("avoid:")
        lines += [f"  - {yaml_scalar(text)}" for text in others]
    seen = ", ".join(f"{v.text} ({v.count})" for v in candidate.variants)
    lines += ["status: proposed", f"owner: {yaml_scalar(owner)}", "---"]
    slug = slugify(candidate.long_form or preferred)
    if not slug:
        return None
    body = (
        f"Proposed by `smarthub harvest`: written {seen} in {len(candidate.files)} files. "
        "Replace this paragraph with the definition both teams agree on, then ask sales and "
        "marketing to sign it off under `approved_by`.\n"
    )
    return slug, "\n".join(lines) + "\n" + body
