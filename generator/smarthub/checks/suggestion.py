"""What to write instead of a term occurrence: the target's form in the writer's case and inflection.

A glossary term's capitals are either a *title* or a *spelling*. ``Win rate`` (casing ``any``
or ``sentence``, no capital past the first letter) is a title: the entry is headed that
way, but in running text it is ``win rate``. ``HubSpot``, ``Ledger Core`` with ``casing:
exact``, ``Marketing Qualified Lead`` and every abbreviation are spellings: they are written
as listed wherever they stand. A title takes the case of what it replaces (lower case
mid-sentence, a capital where the writer wrote one, capitals in text written in capitals);
a spelling never changes.

Plurals are English, not suffixes: the replacement's plural comes from ``inflect``; when it
is not a regular ``-s``, ``-es`` or ``-ies`` plural (``analyses``, ``people``, ``sheep``)
the suggestion is given but is not safe to apply without a person.
"""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from smarthub.matcher import Occurrence

if TYPE_CHECKING:
    from inflect import engine as InflectEngine

    from smarthub.model import Term

_ACRONYM = re.compile(r"[A-Z0-9&]*[A-Z][A-Z0-9&]*")
_POSSESSIVES = ("'s", "’s", "'S", "’S")
_PLURAL_POSSESSIVES = ("s'", "s’", "S'", "S’")


@dataclass(frozen=True)
class Suggestion:
    """A replacement text, and whether ``--fix`` may apply it without a person."""

    text: str
    safe: bool = True


def is_acronym(text: str) -> bool:
    """Two or more capitals and nothing lower-case: ``BDR``, ``B2B``, ``M&A``."""
    return bool(_ACRONYM.fullmatch(text)) and sum(char.isupper() for char in text) >= 2


def is_spelling(text: str, term: Term, *, replaces_acronym: bool = False) -> bool:
    """Whether a target form's capitals are its spelling rather than a title's first letter.

    A spelling: ``casing: exact``, the abbreviation, a capital past the first letter
    (``HubSpot``), a term whose entry lists under ``avoid`` a form written as a name
    (``Sales Force`` or ``NodeJS`` for ``Salesforce`` or ``Node.js``; sentence case such as
    ``Close rate`` is not a name), and a
    one-word term replacing an acronym (``SFDC`` -> ``Salesforce``: one word with its own
    acronym is a name).
    """
    return (
        term.casing == "exact"
        or text == term.abbreviation
        or any(char.isupper() for char in text[1:])
        or any(_written_as_name(form.text) for form in term.avoid)
        or (replaces_acronym and len(text.split()) == 1)
    )


def _written_as_name(text: str) -> bool:
    """Capitals past the first letter, and not an acronym: ``Sales Force``, ``NodeJS``."""
    return not is_acronym(text) and any(char.isupper() for char in text[1:])


def replacement(
    occurrence: Occurrence, target: Term, *, at_sentence_start: bool, in_capitals: bool = False
) -> Suggestion:
    """What to write instead of ``occurrence``: a form of ``target`` in the writer's case.

    An occurrence of an acronym (an abbreviation, or an avoided form like ``BDR``) is
    replaced by the target's abbreviation when it has one, never by the long form.
    ``in_capitals`` says the text around the occurrence is written in capitals.
    """
    listed = occurrence.form.text
    acronym = occurrence.form.kind == "abbreviation" or is_acronym(listed)
    base = target.abbreviation if acronym and target.abbreviation else target.term
    spelling = is_spelling(base, target, replaces_acronym=acronym)
    style = (
        "spelling"
        if spelling
        else _written_style(occurrence.stem, listed, at_sentence_start, in_capitals)
    )
    text, safe = _inflected(
        base, occurrence.inflection, spelling, acronym=base == target.abbreviation
    )
    return Suggestion(_styled(text, style), safe)


def _written_style(written: str, listed: str, at_sentence_start: bool, in_capitals: bool) -> str:
    """How the writer cased the form: ``upper``, ``title``, ``capital`` or ``lower``.

    A capital the listed form has itself (``Hubspot``, ``BDR``) says nothing about the
    writer, except at a sentence start. One word in capitals in a sentence (``UX`` for a
    listed ``ux``) is an acronym, not shouting: only several words in capitals, or text
    written in capitals, make the replacement capitals.
    """
    letters = [char for char in written if char.isalpha()]
    capitals = len(letters) >= 2 and all(char.isupper() for char in letters)
    if capitals and not is_acronym(listed) and (in_capitals or len(written.split()) > 1):
        return "upper"
    if not written[:1].isupper():
        return "lower"
    if (capitals or listed[:1].isupper()) and not at_sentence_start:
        return "lower"
    words = written.split()
    if len(words) > 1 and all(word[:1].isupper() for word in words):
        return "title"
    return "capital"


def _styled(text: str, style: str) -> str:
    if style == "upper":
        return text.upper()
    if style == "title":
        return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))
    if style == "capital":
        return text[:1].upper() + text[1:]
    if style == "lower":
        return text[:1].lower() + text[1:]
    return text


def _inflected(base: str, inflection: str, spelling: bool, *, acronym: bool) -> tuple[str, bool]:
    """``base`` with the occurrence's inflection carried over as English, and whether it is safe.

    The matcher's inflections are possessive (``'s``), plural (``s``, ``es``) or both (``s'``).
    """
    if not inflection or inflection in _POSSESSIVES:
        return base + inflection, True
    plural, regular = (base + "s", True) if acronym else _plural(base, spelling)
    if inflection in _PLURAL_POSSESSIVES:
        apostrophe = inflection[1:]
        plural += apostrophe if plural.endswith("s") else apostrophe + "s"
    return plural, regular


@cache
def _plural(base: str, spelling: bool) -> tuple[str, bool]:
    """The plural of ``base`` and whether it is regular (``-s``, ``-es``, consonant ``-y`` to ``-ies``).

    Irregular or undecidable plurals (``people``, ``sheep``, ``mothers-in-law``) come back
    as ``inflect`` spells them (a spelling just takes ``s``), flagged unsafe. Remembered:
    a hub's findings ask for the same few targets' plurals again and again (50 µs each).
    """
    lower = base.lower()
    plural = _inflect().plural_noun(lower)
    for suffix in ("es", "s"):
        if plural == lower + suffix:
            return base + suffix, True
    if lower[-2:-1] not in "aeiou" and plural == lower[:-1] + "ies":
        return base[:-1] + "ies", True
    if spelling:
        return base + "s", False
    return base[:1] + plural[1:] if base[:1].isupper() else plural, False


@cache
def _inflect() -> InflectEngine:
    """inflect's engine, imported on the first plural (most runs never need one).

    inflect 7 wraps its API in typeguard's ``@typechecked``, which recompiles every
    function on import: 1-5 s here (jaraco/inflect#212). The checks are for inflect's own
    callers' mistakes, so the import runs with a no-op ``typechecked``: 0.07 s.
    """
    if "inflect" not in sys.modules:
        saved = sys.modules.get("typeguard")
        no_checks = types.ModuleType("typeguard")
        no_checks.typechecked = _no_typecheck  # type: ignore[attr-defined]
        sys.modules["typeguard"] = no_checks
        try:
            import inflect
        finally:
            if saved is None:
                del sys.modules["typeguard"]
            else:
                sys.modules["typeguard"] = saved
    import inflect

    return inflect.engine()


def _no_typecheck(function: Any = None, **_options: Any) -> Any:
    return function if function is not None else _no_typecheck
