"""The ``voice:`` and ``harvest:`` plugin options: brand-voice rules declared once, as data.

The VOICE rules check them, the site publishes them (the generated brand-voice page), and
``smarthub harvest`` reads ``harvest.ignore``. Every problem is reported with its line by the
config validator that calls ``parse_voice`` / ``parse_harvest``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Problem = Callable[[str, str], None]  # (dotted key, message)

_VOICE_KEYS = (
    "phrases",
    "max_sentence_words",
    "max_exclamations",
    "reading_grade",
    "unproven_claims",
    "pronouns",
    "min_words_for_grade",
)
_PHRASE_KEYS = ("text", "reason", "instead", "replace")


@dataclass(frozen=True, eq=False)  # identity: part of HubConfig (no __eq__ to build)
class VoicePhrase:
    """A phrase the brand avoids: why, what to do instead, and a literal replacement if any."""

    text: str
    reason: str | None = None
    instead: str | None = None
    replace: str | None = None  # a literal replacement: offered as an automatic fix


@dataclass(frozen=True, eq=False)  # identity: part of HubConfig (no __eq__ to build)
class VoiceSettings:
    """The brand-voice rules of a hub; empty or zero values switch a rule off."""

    phrases: tuple[VoicePhrase, ...] = ()
    max_sentence_words: int = 0
    max_exclamations: int | None = None
    reading_grade: dict[str, float] = field(default_factory=dict)  # "default" or an asset type
    min_words_for_grade: int = 100
    unproven_claims: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()
    pronouns_reason: str | None = None
    pronouns_types: frozenset[str] = (
        frozenset()
    )  # asset types the pronoun rule applies to; empty: all

    @property
    def configured(self) -> bool:
        """Whether any voice rule has something to check."""
        return bool(
            self.phrases
            or self.max_sentence_words
            or self.max_exclamations is not None
            or self.reading_grade
            or self.unproven_claims
            or self.pronouns
        )

    def grade_for(self, asset_type: str | None) -> float | None:
        """The highest reading grade allowed for an asset type (or the default), if any."""
        return self.reading_grade.get(asset_type or "", self.reading_grade.get("default"))


@dataclass(frozen=True, eq=False)  # identity: part of HubConfig (no __eq__ to build)
class HarvestSettings:
    """What ``smarthub harvest`` should not propose again."""

    ignore: frozenset[str] = frozenset()


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _whole_number(value: Any, key: str, problem: Problem, *, allow_zero: bool = True) -> int | None:
    low = 0 if allow_zero else 1
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        problem(key, f"expected a whole number of {low} or more, got {value!r}")
        return None
    return value


def _text_list(value: Any, key: str, problem: Problem, example: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(_text(item) for item in value):
        problem(key, f"expected a list of words or phrases, for example {example}")
        return ()
    return tuple(dict.fromkeys(str(item).strip() for item in value))


def parse_voice(raw: Any, problem: Problem, asset_types: tuple[str, ...]) -> VoiceSettings:
    """Validate the ``voice`` option; report each problem through ``problem``."""
    if raw is None:
        return VoiceSettings()
    if not isinstance(raw, dict):
        problem(
            "voice", "expected a mapping, for example {phrases: [synergy], max_sentence_words: 32}"
        )
        return VoiceSettings()
    for key in raw:
        if key not in _VOICE_KEYS:
            problem(
                f"voice.{key}", f"unknown voice option: known ones are {', '.join(_VOICE_KEYS)}"
            )
    phrases = _phrases(raw.get("phrases", []), problem)
    max_words = _whole_number(raw.get("max_sentence_words", 0), "voice.max_sentence_words", problem)
    exclamations = None
    if raw.get("max_exclamations") is not None:
        exclamations = _whole_number(raw["max_exclamations"], "voice.max_exclamations", problem)
    min_words = _whole_number(
        raw.get("min_words_for_grade", 100), "voice.min_words_for_grade", problem, allow_zero=False
    )
    grades = _grades(raw.get("reading_grade"), problem, asset_types)
    claims = (
        _text_list(raw["unproven_claims"], "voice.unproven_claims", problem, "[fastest, leading]")
        if "unproven_claims" in raw
        else ()
    )
    pronouns, pronouns_reason, pronouns_types = _pronouns(raw.get("pronouns"), problem, asset_types)
    return VoiceSettings(
        phrases=phrases,
        max_sentence_words=max_words or 0,
        max_exclamations=exclamations,
        reading_grade=grades,
        min_words_for_grade=min_words or 100,
        unproven_claims=claims,
        pronouns=pronouns,
        pronouns_reason=pronouns_reason,
        pronouns_types=pronouns_types,
    )


def _phrases(raw: Any, problem: Problem) -> tuple[VoicePhrase, ...]:
    if not isinstance(raw, list):
        problem("voice.phrases", "expected a list of phrases or {text, reason, instead, replace}")
        return ()
    phrases: list[VoicePhrase] = []
    for index, item in enumerate(raw):
        key = f"voice.phrases[{index}]"
        if isinstance(item, str) and _text(item):
            phrases.append(VoicePhrase(item.strip()))
            continue
        if not isinstance(item, dict) or not _text(item.get("text")):
            problem(
                key, "expected a phrase, or a mapping with 'text' (and reason, instead, replace)"
            )
            continue
        unknown = sorted(str(name) for name in item if name not in _PHRASE_KEYS)
        if unknown:
            problem(key, f"unknown key {', '.join(unknown)}: use text, reason, instead, replace")
        values = {}
        for name in ("reason", "instead", "replace"):
            value = item.get(name)
            if value is not None and not _text(value):
                problem(f"{key}.{name}", "expected a non-empty text")
            values[name] = _text(value)
        phrases.append(VoicePhrase(str(item["text"]).strip(), **values))
    seen: set[str] = set()
    for phrase in phrases:
        folded = phrase.text.casefold()
        if folded in seen:
            problem("voice.phrases", f"'{phrase.text}' is listed twice: keep one")
        seen.add(folded)
    return tuple(phrases)


def _grades(raw: Any, problem: Problem, asset_types: tuple[str, ...]) -> dict[str, float]:
    if raw is None:
        return {}
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raw = {"default": raw}
    if not isinstance(raw, dict):
        problem("voice.reading_grade", "expected a grade (10) or {default: 10, email-template: 8}")
        return {}
    grades: dict[str, float] = {}
    for name, grade in raw.items():
        if name != "default" and name not in asset_types:
            problem(
                f"voice.reading_grade.{name}",
                f"'{name}' is neither 'default' nor one of the asset_types ({', '.join(asset_types)})",
            )
        elif isinstance(grade, bool) or not isinstance(grade, int | float) or not 0 < grade <= 30:
            problem(f"voice.reading_grade.{name}", f"expected a grade from 1 to 30, got {grade!r}")
        else:
            grades[str(name)] = float(grade)
    return grades


def _pronouns(
    raw: Any, problem: Problem, asset_types: tuple[str, ...]
) -> tuple[tuple[str, ...], str | None, frozenset[str]]:
    if raw is None:
        return (), None, frozenset()
    if not isinstance(raw, dict) or set(raw) - {"avoid", "reason", "types"}:
        problem("voice.pronouns", "expected {avoid: [I], reason: ..., types: [one-pager]}")
        return (), None, frozenset()
    avoid = _text_list(raw.get("avoid", []), "voice.pronouns.avoid", problem, "[I, my]")
    reason = raw.get("reason")
    if reason is not None and not _text(reason):
        problem("voice.pronouns.reason", "expected a non-empty text")
    types = raw.get("types", [])
    if not isinstance(types, list) or not all(item in asset_types for item in types):
        problem(
            "voice.pronouns.types",
            f"expected a list of asset types from {', '.join(asset_types)}",
        )
        types = []
    return avoid, _text(reason), frozenset(types)


def parse_harvest(raw: Any, problem: Problem) -> HarvestSettings:
    """Validate the ``harvest`` option (``{ignore: [...]}``)."""
    if raw is None:
        return HarvestSettings()
    if not isinstance(raw, dict) or set(raw) - {"ignore"}:
        problem("harvest", "expected {ignore: [words or phrases harvest should not propose]}")
        return HarvestSettings()
    ignore = _text_list(raw.get("ignore", []), "harvest.ignore", problem, "[e-mail, Acme Corp]")
    return HarvestSettings(frozenset(item.casefold() for item in ignore))
