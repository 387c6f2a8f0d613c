"""Where a page defines an acronym itself (TERM004 then stays quiet about it on that page).

A page defines an acronym when it pairs it with words, in one of these ways:

- explicit syntax, where any words count: ``Long Form (ACR)`` (also ``\\(ACR\\)``,
  ``("ACR")``, ``(aka ACR)``, ``(ACR for short)``; not a list such as ``(SSO, SCIM)``), a Markdown abbreviation
  ``*[ACR]: Long Form`` and a definition list (``ACR`` on its own line, then ``: Long Form``);
- loose pairings, where the words must *spell* the acronym: ``ACR (Long Form)``,
  ``ACR: Long Form``, ``ACR - Long Form``, ``ACR = Long Form`` at the start of a line or list
  item, and a table row with ``ACR`` alone in one cell and its long form in another.

The words spell the acronym (``spells``) when the first word starts with its first letter
and its other letters follow in order within the next few words, as in Schwartz and Hearst's
abbreviation algorithm: ``TOFU: top of funnel``, ``SDR = Sales Development Rep``. For
``ACR (Long Form)``, Title Case words that start with the acronym's first letter also count
(``SFDC (Salesforce)``), but ``SLA (see below)`` or ``PMM: Alex Isken`` define nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

from smarthub.model import SourceFile

_ACR = r"[A-Z][A-Z0-9]{1,5}"
_INFLECTION = r"(?:'s|’s|s)?"
_MARKUP = "*_"

# Every pairing is looked for around each acronym-shaped word (one scan of the text, since
# scanning for each pattern everywhere took longer than the rest of the rule together).
SHAPED = re.compile(rf"({_ACR}){_INFLECTION}(?!\w)")
# "Words (ACR)": what may come between the bracket and the acronym (quotes, "aka") and what
# may follow it (a closing quote, " for short"); the words before are checked in code.
_OPEN_BRACKET_BEFORE = re.compile(
    r"\\?\(\s*[\"“'‘]?(?:(?:aka|a\.k\.a\.|or|i\.e\.,?|also|abbreviated(?: as)?)\s+)?\Z"
)
_CLOSE_BRACKET_AFTER = re.compile(r"[\"”'’]?\s*(?:\\?\)|\s+for\s+short)")
# "ACR (Long Form)"
_BRACKET_AFTER = re.compile(r"\s*\\?\(([^()\x00\n]{2,160}?)\\?\)")
# "Words, ACR", "Words or ACR", "Words aka ACR": defined when the words before spell it.
_CONNECTOR_BEFORE = re.compile(r"(?:,|\bor|\baka|\ba\.k\.a\.|\balso known as)[ \t]*[\"“'‘]?\Z")
# "GLU GitLab University": the acronym, then words whose initials spell it.
_WORDS_AFTER = re.compile(r"[ \t]+(?=[A-Z])([^\x00\n.,;:()]{3,80})")
_ABBREVIATION = re.compile(rf"^[ \t]*\*\[({_ACR})\]:[ \t]*\S", re.MULTILINE)
# Line patterns, each matched at the "\n" before a line (the page is read as "\n" + body):
# searched for over a whole page, a pattern that starts with a literal "\n" lets the regex
# engine skip from line break to line break in C. ``$`` needs MULTILINE to end a line there.
# A line that is an acronym alone (then ": Long Form" on the next line: a definition list).
_DEFINITION_TERM = re.compile(
    rf"\n[ \t]*[{_MARKUP}]*({_ACR}){_INFLECTION}[{_MARKUP}]*[ \t]*$", re.MULTILINE
)
_DEFINITION = re.compile(r"^[ \t]{0,3}:[ \t]+\S")
# "ACR: Long Form" at the start of a line, list item or quote.
_LINE_PAIR = re.compile(
    r"\n[ \t]*(?:>[ \t]*)*(?:[-*+][ \t]+|\d+[.)][ \t]+)?\[?"
    rf"[{_MARKUP}]*({_ACR}){_INFLECTION}[{_MARKUP}]*[ \t]*(?::|=|-|–|—)[{_MARKUP}]*[ \t]+(.+)$",
    re.MULTILINE,
)
_CELL_ACRONYM = re.compile(rf"[{_MARKUP}]*({_ACR}){_INFLECTION}[{_MARKUP}]*")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_LETTERS = re.compile(r"[^\W\d_]+")
_CAMEL_PART = re.compile(r"[^\W\d_][^\W\d_A-Z]*")  # HubSpot: Hub, Spot
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "for", "in", "of", "on", "the", "to", "with"}
)
_QUOTES_AND_BRACKETS = "\"'”’)]*_"


def spells(acronym: str, words: str) -> bool:
    """Whether ``words`` (the start of a long form) spell ``acronym``.

    The first word starts with the acronym's first letter; its other letters follow in
    order within ``min(n + 5, 2n)`` words (``n``: its letters), and at least two thirds
    of all its letters start a word or a capitalised part of one (``HubSpot``):
    ``TOFU: top of funnel`` spells, ``CS | Configuration not working as expected`` does not.
    """
    letters = [char.lower() for char in acronym if char.isalpha()]
    found = _LETTERS.findall(words)
    if len(letters) < 2 or not found or found[0][0].lower() != letters[0]:
        return False
    chars: list[tuple[str, bool]] = []
    for word in found[: min(len(letters) + 5, 2 * len(letters))]:
        for index, char in enumerate(word):
            starts = index == 0 or (char.isupper() and word[index - 1].islower())
            chars.append((char.lower(), starts))
    best = _most_word_starts(letters, chars)
    return best >= 0 and best + 1 >= -(-2 * len(letters) // 3)


def _most_word_starts(letters: list[str], chars: list[tuple[str, bool]]) -> int:
    """The most letters after the first that can match at word starts, in order (-1: none).

    ``letters[0]`` is matched at ``chars[0]``; ``best[j]`` is the best count with the
    letters so far matched and the last one at or before character ``j``.
    """
    best = [0] * len(chars)
    for letter in letters[1:]:
        following = [-1] * len(chars)
        carried = -1
        for index in range(1, len(chars)):
            if best[index - 1] >= 0 and chars[index][0] == letter:
                carried = max(carried, best[index - 1] + chars[index][1])
            following[index] = carried
        best = following
    return best[-1] if best else -1


def spelled_before(acronym: str, before: str) -> bool:
    """Whether the words at the end of ``before`` are the acronym's long form."""
    return long_form_before(acronym, before) is not None


def long_form_before(acronym: str, before: str) -> str | None:
    """The words at the end of ``before`` that are the acronym's long form, if they are.

    Stricter than ``spells``, since a comma or an "or" pairs less surely than brackets:
    the initials of the last words (small words such as "of" skipped, ``HubSpot`` counting
    as two) are the acronym's letters, though its last letter may sit inside the last word:
    ``Code Intelligence Platform, CIP``, ``Account-Based Experiences aka ABX``; but not
    ``including Sales, TS`` or ``Dongles (VGA, HDMI, DVI)``.
    """
    letters = [char.lower() for char in acronym if char.isalpha()]
    if not letters:
        return None
    tail = before[-160:]
    clause_start = 0
    for boundary in re.finditer(r"[\x00.!?;:]\s", tail):
        clause_start = boundary.end()
    clause = tail[clause_start:]
    parts: list[tuple[str, int]] = []  # word parts (HubSpot: Hub, Spot) and their offsets
    content = 0  # how many of them are no small word
    for word in reversed(list(_LETTERS.finditer(clause))):
        if len(word.group()) > 1 and word.group().isupper():
            break  # another acronym: a list, not a long form
        in_word = [
            (part.group(), word.start() + part.start())
            for part in _CAMEL_PART.finditer(word.group())
        ]
        parts[:0] = in_word
        content += sum(part.lower() not in _SMALL_WORDS for part, _ in in_word)
        if content >= len(letters):
            break  # only the last words' initials count: the earlier ones cannot change it
    content_parts = [(part, at) for part, at in parts if part.lower() not in _SMALL_WORDS]
    for candidate in (parts, content_parts):
        if _initials_spell(letters, [part for part, _ in candidate]):
            start = candidate[-len(letters)][1]
            return clause[start:].rstrip(" \t\u00a0,-–—(") or None
    return None


def _initials_spell(letters: list[str], words: list[str]) -> bool:
    """The last words' initials are the letters (from three letters on, the last one may be
    inside the last word: ``Account-Based Experiences``, ABX)."""
    if len(words) < len(letters):
        return False
    last = words[-len(letters) :]
    initials = [word[0].lower() for word in last]
    if initials == letters:
        return True
    # Only for three letters or more: "deployments, CE" must not define CE.
    return len(letters) > 2 and initials[:-1] == letters[:-1] and letters[-1] in last[-1].lower()


def _title_case_from(acronym: str, words: str) -> bool:
    """Title Case words starting with the acronym's first letter: ``SFDC (Salesforce)``."""
    found = _LETTERS.findall(words)
    return (
        bool(found)
        and found[0][0] == acronym[0]
        and any(char.islower() for char in words)
        and all(word[0].isupper() for word in found if len(word) > 3)
    )


def _after_words(text: str, start: int) -> bool:
    """Whether words end right before ``start`` (spaces, quotes and closing markup between)."""
    index = start - 1
    while index >= 0 and text[index] in " \t\u00a0":
        index -= 1
    while index >= 0 and text[index] in _QUOTES_AND_BRACKETS:
        index -= 1
    return index >= 0 and text[index].isalpha()


def in_text(text: str) -> set[str]:
    """Acronyms a region's prose defines: ``Long Form (ACR)``, ``ACR (Long Form)``,
    ``Long Form, ACR``, ``ACR Long Form``."""
    return {match.group(1) for match in SHAPED.finditer(text) if _pairs_with_words(text, match)}


def paired(acronyms: Iterable[str], shaped: Mapping[str, list[re.Match[str]]]) -> set[str]:
    """Those of ``acronyms`` that ``in_text`` finds defined in some of a page's texts, given
    ``shaped``: every match of ``SHAPED.finditer`` over those texts, by acronym (its group 1).

    TERM004 collects ``shaped`` while it looks for uses, so the texts are read once; one
    pairing of an acronym is enough, so its other places are not weighed.
    """
    return {
        acronym
        for acronym in acronyms
        if any(_pairs_with_words(match.string, match) for match in shaped.get(acronym, ()))
    }


def _pairs_with_words(text: str, match: re.Match[str]) -> bool:
    """Whether the acronym-shaped word ``match`` found is paired with its long form there."""
    start, end = match.span()
    if start and (text[start - 1].isalnum() or text[start - 1] in "_.@"):
        return False
    acronym = match.group(1)
    before = text[max(0, start - 24) : start]
    # The two searches back from the acronym are the slow part of this test; the cheap
    # conditions in front of them (a bracket, a connector word) skip most uses.
    opening = _OPEN_BRACKET_BEFORE.search(before) if "(" in before else None
    if (
        opening
        and _CLOSE_BRACKET_AFTER.match(text, end)
        and _after_words(text, start - len(before) + opening.start())
    ):
        return True
    connector = _CONNECTOR_BEFORE.search(before) if _may_end_in_connector(before) else None
    if connector:
        connector_start = start - len(before) + connector.start()
        if spelled_before(acronym, text[max(0, connector_start - 160) : connector_start]):
            return True
    bracket = _BRACKET_AFTER.match(text, end)
    if bracket:
        words = bracket.group(1)
        if spells(acronym, words) or _title_case_from(acronym, words):
            return True
    following = _WORDS_AFTER.match(text, end)
    return bool(following and spelled_after(acronym, following.group(1)))


def _may_end_in_connector(before: str) -> bool:
    """Whether ``before`` may end as ``_CONNECTOR_BEFORE`` asks: a comma, "or", "aka",
    "a.k.a." or "also known as", then blanks and at most one opening quote."""
    if before.endswith(_OPENING_QUOTES):
        before = before[:-1]
    return before.rstrip(" \t").endswith(_CONNECTORS)


_OPENING_QUOTES = ('"', "“", "'", "‘")
_CONNECTORS = (",", "or", "aka", "a.k.a.", "also known as")


def spelled_after(acronym: str, after: str) -> bool:
    """Whether the words at the start of ``after`` are the acronym's long form, initial by
    initial (as in ``spelled_before``): ``GLU GitLab University``, not ``SFDC Opportunity``."""
    letters = [char.lower() for char in acronym if char.isalpha()]
    words = [part for word in _LETTERS.findall(after) for part in _CAMEL_PART.findall(word)]
    content = [word for word in words if word.lower() not in _SMALL_WORDS]
    return any(
        [word[0].lower() for word in candidate[: len(letters)]] == letters
        for candidate in (words, content)
    )


def in_source(source: SourceFile, only: Collection[str] | None = None) -> set[str]:
    """Acronyms the file's Markdown defines line by line (abbreviations, lists, tables);
    with ``only``, just those of these acronyms (``in_source(source) & only``)."""
    body = source.text[source.body_start :]
    defined = set(_ABBREVIATION.findall(body)) if "*[" in body else set()
    if only is not None and _breaks_at_newlines_only(body):
        return (defined | _in_lines_at_breaks(body, only)).intersection(only)
    lines = body.splitlines()
    for index, line in enumerate(lines):
        defined |= _in_line("\n" + line, 1, len(line) + 1, lines[index + 1 : index + 3])
    return defined if only is None else defined.intersection(only)


def _in_line(text: str, start: int, end: int, following: list[str] | None = None) -> set[str]:
    """Acronyms the line ``text[start:end]`` defines (a "\\n" before it): a table row,
    ``ACR: Long Form``, or ``ACR`` alone followed by a ``: definition`` line (``following``:
    the next two lines; ``None``: those after it in ``text``, read only when needed)."""
    line = text[start:end]
    defined = _in_table_row(line) if "|" in line else set()
    pair = _LINE_PAIR.match(text, start - 1)
    if pair and spells(pair.group(1), pair.group(2)):
        defined.add(pair.group(1))
    term = _DEFINITION_TERM.match(text, start - 1)
    if term:
        if following is None:
            following = _lines_after(text, end)
        if _definition_follows(following):
            defined.add(term.group(1))
    return defined


def _in_lines_at_breaks(body: str, only: Collection[str]) -> set[str]:
    """What ``in_source``'s reading of each line finds of ``only``, for a ``body`` whose only
    line break is "\\n", reading in Python only the lines that may hold a definition."""
    text = "\n" + body  # every line, the first one included, follows a "\n"
    if len(only) <= _FEW:
        defined = set()
        for line_start, line_end in _lines_holding(text, only):
            defined |= _in_line(text, line_start, line_end)
        return defined
    return _in_whole_page(text, only)


# Finding the lines that hold an acronym costs a pass over the page per acronym: past a
# few acronyms, searching the whole page for each pattern once is cheaper (measured on the
# corpus and at 10,000 assets).
_FEW = 4


def _lines_holding(text: str, words: Collection[str]) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of the lines of ``text`` ("\\n" breaks) holding any of
    ``words``, in order: a line that defines an acronym holds it, and ``str.find`` skips the
    rest of a long page in C."""
    spans = {}
    for word in words:
        position = text.find(word)
        while position != -1:
            line_start, line_end = _line_around(text, position)
            spans[line_start] = line_end
            position = text.find(word, line_end)
    return sorted(spans.items())


def _in_whole_page(text: str, only: Collection[str]) -> set[str]:
    """What ``_in_line`` finds of ``only`` on every line of ``text`` ("\\n" + a body with
    "\\n" breaks only): each pattern searched for once over the page, and only the lines it
    finds read in Python."""
    defined = set()
    for pair in _LINE_PAIR.finditer(text):
        if pair.group(1) in only and spells(pair.group(1), pair.group(2)):
            defined.add(pair.group(1))
    for term in _DEFINITION_TERM.finditer(text):
        if term.group(1) in only and _definition_follows(_lines_after(text, term.end())):
            defined.add(term.group(1))
    bar = text.find("|")
    while bar != -1:
        line_start, line_end = _line_around(text, bar)
        defined |= _in_table_row(text[line_start:line_end])
        bar = text.find("|", line_end)
    return defined


def _line_around(text: str, position: int) -> tuple[int, int]:
    """The ``[start, end)`` span of the line of ``text`` ("\\n" breaks) holding ``position``."""
    end = text.find("\n", position)
    return text.rfind("\n", 0, position) + 1, len(text) if end == -1 else end


def _breaks_at_newlines_only(body: str) -> bool:
    """Whether "\\n" is the only character in ``body`` at which ``str.splitlines`` breaks a line.

    One ``in`` per character: a regex with a character class was four times slower.
    """
    if any(char in body for char in "\r\x0b\x0c\x1c\x1d\x1e"):
        return False
    return body.isascii() or not any(char in body for char in "\x85\u2028\u2029")


def _lines_after(text: str, line_end: int, count: int = 2) -> list[str]:
    """Up to ``count`` lines that follow the line ending at ``line_end`` ("\\n" breaks only),
    as ``str.splitlines`` gives them (no empty line after a final "\\n")."""
    lines = []
    position = line_end
    while len(lines) < count and position + 1 < len(text):
        start = position + 1
        position = text.find("\n", start)
        position = len(text) if position == -1 else position
        lines.append(text[start:position])
    return lines


def _definition_follows(following: list[str]) -> bool:
    """A ``: definition`` line next, or after one blank line (Python-Markdown's def_list);
    ``following``: the (up to two) lines after the term."""
    for line in following[:2]:
        if _DEFINITION.match(line):
            return True
        if line.strip():
            return False
    return False


def _in_table_row(line: str) -> set[str]:
    """Acronyms alone in a cell of a table row whose other cell spells them out."""
    cells = [cell.strip() for cell in _CELL_SPLIT.split(line)]
    defined: set[str] = set()
    for index, cell in enumerate(cells):
        alone = _CELL_ACRONYM.fullmatch(cell)
        if alone and any(
            spells(alone.group(1), other)
            for other_index, other in enumerate(cells)
            if other_index != index
        ):
            defined.add(alone.group(1))
    return defined
