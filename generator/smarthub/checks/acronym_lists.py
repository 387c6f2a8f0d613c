"""Built-in lists of capitalised words that are not undefined acronyms (TERM004).

Each list is a package data file, ``data/acronyms/<name>.txt``: one code a line, ``#``
comments, and an optional condition after the code:

- ``after-number``: only right after a number or a time (``9:00 AM``, ``500 KB``, ``7 pm PT``);
- ``next-to-number``: only right before or after a number (``EUR 100``, ``100 EUR``);
- ``after-place``: only right after a place name and a comma, and at the end of the
  address (``Austin, TX``, ``Boston, MA 02110``; not ``Blog, Campaign, AR, PR``);
- ``in-date-format``: only inside a date pattern (``YYYY-MM-DD``).

Every list is on unless the hub's ``acronyms.builtin`` switches it off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# In the order the documentation lists them.
BUILTIN_LISTS = (
    "words",
    "everyday",
    "formats",
    "time",
    "timezones",
    "units",
    "currencies",
    "regions",
)
CONDITIONS = ("after-number", "next-to-number", "after-place", "in-date-format")

# A number or a time right before (``12``, ``9:00``, ``10am``, ``7 p.m.``), then spaces.
_AFTER_NUMBER = re.compile(r"(?:\d|\d\s?[ap]\.?m\.?|\b[ap]\.?m\.?)[ \t\u00a0\u202f]*\Z", re.I)
# A capitalised place name, a comma, a space: ``Austin, ``, ``San Francisco, ``.
_AFTER_PLACE = re.compile(r"\b[A-Z][a-z][\w.'’-]*,[ \t\u00a0]+\Z")
_BEFORE_NUMBER = re.compile(r"[ \t\u00a0]?[$€£¥]?\d")
# What may follow a state code that ends an address: nothing, a ZIP code, or punctuation
# that closes the sentence or the bracket, or a comma before a lowercase word ("Austin, TX,
# then"); a comma before a capital means a list ("Campaign, AR, PR").
_PLACE_END = re.compile(r"[ \t\u00a0]*(?:\Z|\d{5}|[.;:!?()\]\n\x00]|,[ \t]+[^\W\d_A-Z])")
_DATE_PART = "[YMDHS]"


@dataclass(frozen=True)
class KnownCodes:
    """The codes of the enabled lists, by the condition under which each counts."""

    always: frozenset[str] = frozenset()
    after_number: frozenset[str] = frozenset()
    next_to_number: frozenset[str] = frozenset()
    after_place: frozenset[str] = frozenset()
    in_date_format: frozenset[str] = frozenset()
    compounds: tuple[str, ...] = ()  # codes written with punctuation inside: TL;DR

    def knows(self, code: str, text: str, start: int, end: int) -> bool:
        """Whether ``code``, found at ``text[start:end]``, is one of these lists' codes there."""
        if code in self.always:
            return True
        before = text[max(0, start - 24) : start]
        if code in self.after_number and _AFTER_NUMBER.search(before):
            return True
        if code in self.next_to_number and (
            _AFTER_NUMBER.search(before) or _BEFORE_NUMBER.match(text, end)
        ):
            return True
        if code in self.after_place and _AFTER_PLACE.search(before) and _PLACE_END.match(text, end):
            return True
        if code in self.in_date_format and _in_date_format(text, start, end):
            return True
        return any(_in_compound(compound, code, text, start) for compound in self.compounds)


def _in_compound(compound: str, code: str, text: str, start: int) -> bool:
    """Whether ``code`` at ``start`` is a part of ``compound`` written out there (TL in TL;DR)."""
    offset = compound.find(code)
    while offset >= 0:
        if text.startswith(compound, start - offset) and start >= offset:
            return True
        offset = compound.find(code, offset + 1)
    return False


def _in_date_format(text: str, start: int, end: int) -> bool:
    """``MM`` inside ``YYYY-MM-DD`` or ``DD/MM``: a date pattern joins it to another part."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return bool(
        re.fullmatch(rf"{_DATE_PART}[-/.:]", before, re.I)
        or re.fullmatch(rf"[-/.:]{_DATE_PART}", after, re.I)
    )


@cache
def read_list(name: str) -> dict[str, str]:
    """The codes of one built-in list, each with its condition (``""``: always)."""
    text = resources.files("smarthub").joinpath(f"data/acronyms/{name}.txt").read_text("utf-8")
    codes: dict[str, str] = {}
    for line in text.splitlines():
        code, _, condition = line.split("#", 1)[0].strip().partition(" ")
        if code:
            codes[code] = condition.strip()
    return codes


@cache
def known_codes(enabled: frozenset[str]) -> KnownCodes:
    """The codes of the enabled built-in lists (an unconditional entry wins over a condition)."""
    by_condition: dict[str, set[str]] = {"": set(), **{name: set() for name in CONDITIONS}}
    for name in BUILTIN_LISTS:
        if name in enabled:
            for code, condition in read_list(name).items():
                by_condition[condition].add(code)
    always = {code for code in by_condition[""] if code.isalnum()}
    return KnownCodes(
        always=frozenset(always),
        compounds=tuple(sorted(code for code in by_condition[""] if not code.isalnum())),
        after_number=frozenset(by_condition["after-number"] - always),
        next_to_number=frozenset(by_condition["next-to-number"] - always),
        after_place=frozenset(by_condition["after-place"] - always),
        in_date_format=frozenset(by_condition["in-date-format"] - always),
    )
