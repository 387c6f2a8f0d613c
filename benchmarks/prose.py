"""Real-looking sales and marketing prose from templates, counting every finding it plants.

A ``Writer`` fills the templates of ``vocabulary.py`` with glossary forms. Most slots get an
accepted form; at fixed rates a slot gets an avoided form (TERM001), a wrong-case product
name (TERM003), a deprecated term (TERM002) or an acronym nobody defined (TERM004). Every
plant in text that ``smarthub check`` reads is counted in the current ``FileTally``, so the
generator knows the exact number of findings a correct checker reports.

Decoys are the opposite: avoided forms placed where no checker should flag them (fenced and
inline code, URLs, HTML comments). A plain text search such as ripgrep finds them anyway.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field

import vocabulary as vocab

_SLOT = re.compile(r"\{(\w+)\}")
_ARTICLE = re.compile(r"\b([Aa]) (?=[aeiouAEIOU])")  # "a executive" -> "an executive"
_RISKY_LINE_START = re.compile(r"^(?:[-*+>#=|]|\d+[.)]|~~~|```)")
_PLURAL_CATEGORIES = frozenset({"lead", "role", "doc", "meeting", "program"})


@dataclass(frozen=True)
class SynthTerm:
    """A glossary entry of the synthetic hub."""

    id: str
    term: str
    category: str
    owner: str
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    casing: str = "any"
    status: str = "approved"
    replaced_by: str | None = None


@dataclass(frozen=True)
class Rates:
    """How often a term slot gets a planted finding instead of an accepted form."""

    avoid: float = 0.035
    casing: float = 0.03
    deprecated: float = 0.01
    undefined_acronym: float = 0.5
    emphasis_split: float = 0.1


NO_PLANTS = Rates(avoid=0.0, casing=0.0, deprecated=0.0, undefined_acronym=0.0)


@dataclass
class FileTally:
    """What one file contains: planted findings by code, and decoys."""

    planted: Counter[str] = field(default_factory=Counter)
    acronyms: set[str] = field(default_factory=set)
    decoys: int = 0

    def total(self) -> Counter[str]:
        """Planted findings by code, undefined acronyms counted once per file."""
        counts = Counter(self.planted)
        if self.acronyms:
            counts["TERM004"] = len(self.acronyms)
        return counts


class Writer:
    """Fills templates with glossary forms for one hub, one file at a time."""

    def __init__(self, rng: random.Random, terms: list[SynthTerm], rates: Rates) -> None:
        self.rng = rng
        self.rates = rates
        self.approved = [term for term in terms if term.status == "approved"]
        self.deprecated = [term for term in terms if term.status == "deprecated"]
        self.by_category: dict[str, list[SynthTerm]] = {}
        for term in self.approved:
            self.by_category.setdefault(term.category, []).append(term)
        self.single_word_avoid = [
            form for term in self.approved for form in term.avoid if " " not in form
        ]
        self.every_avoid = [form for term in self.approved for form in term.avoid]
        self.tally = FileTally()
        self.current_rates = rates
        self.markup = True  # False while writing front-matter values, where ** is literal text
        self.persona_ids: list[str] = [persona[0] for persona in vocab.PERSONAS]

    def begin_file(self, rates: Rates | None = None) -> FileTally:
        """Start counting plants for a new file; ``rates`` overrides the hub's rates."""
        self.tally = FileTally()
        self.current_rates = rates or self.rates
        return self.tally

    # Slots -----------------------------------------------------------------------------

    def fill(self, template: str) -> str:
        """The template with every slot filled; plants are counted."""
        pieces: list[str] = []
        last = 0
        for match in _SLOT.finditer(template):
            pieces.append(template[last : match.start()])
            at_start = not "".join(pieces).strip()
            pieces.append(self._slot(match.group(1), at_start))
            last = match.end()
        pieces.append(template[last:])
        return _ARTICLE.sub(r"\1n ", "".join(pieces))

    def plain(self, template: str) -> str:
        """``fill`` for a front-matter value: no Markdown emphasis in plants."""
        self.markup = False
        try:
            return self.fill(template)
        finally:
            self.markup = True

    def _slot(self, name: str, at_start: bool) -> str:
        rng = self.rng
        if name == "persona":
            return vocab.PERSONA_PHRASES[rng.choice(self.persona_ids)]
        if name == "persona_title":
            return rng.choice(vocab.PERSONAS)[2]
        if name == "company":
            return rng.choice(vocab.COMPANIES)
        if name == "competitor":
            text = rng.choice(vocab.COMPETITORS)
            return text[0].upper() + text[1:] if at_start else text
        if name == "segment":
            return rng.choice(vocab.SEGMENTS)
        if name == "pct":
            return f"{rng.randrange(8, 64)}%"
        if name == "n":
            return f"{rng.randrange(2, 2000):,}"
        if name == "days":
            return rng.choice(vocab.DAYS)
        if name == "acronym":
            return self._acronym()
        plural = name.endswith("s") and name[:-1] in self.by_category
        category = name[:-1] if plural else name
        return self.term_text(category, plural=plural, at_start=at_start)

    def _acronym(self) -> str:
        if self.rng.random() < self.current_rates.undefined_acronym:
            word = self.rng.choice(vocab.UNDEFINED_ACRONYMS)
            self.tally.acronyms.add(word)
            return word
        with_abbreviation = [term for term in self.approved if term.abbreviation]
        return self.rng.choice(with_abbreviation).abbreviation or "ARR"

    def term_text(self, category: str, *, plural: bool = False, at_start: bool = False) -> str:
        """A form of a term of ``category`` (any category for ``thing``), maybe a plant."""
        rng, rates = self.rng, self.current_rates
        pool = self.approved if category == "thing" else self.by_category[category]
        deprecated = [term for term in self.deprecated if term.category == category]
        roll = rng.random()
        if deprecated and roll < rates.deprecated:
            self.tally.planted["TERM002"] += 1
            return self._inflect(rng.choice(deprecated).term, plural, at_start, category)
        term = rng.choice(pool)
        roll = rng.random()
        if term.avoid and roll < rates.avoid:
            self.tally.planted["TERM001"] += 1
            form = rng.choice(term.avoid)
            if self.markup and " " in form and rng.random() < rates.emphasis_split:
                head, _, tail = form.rpartition(" ")
                return f"{head} **{self._inflect(tail, plural, False, category)}**"
            return self._inflect(form, plural, at_start, category)
        if term.casing == "exact" and roll < rates.avoid + rates.casing:
            self.tally.planted["TERM003"] += 1
            wrong = term.term.lower() if term.term.lower() != term.term else term.term.upper()
            return wrong  # never capitalised: "Salesforce" would be right again
        choices = [term.term] * 3 + list(term.aliases)
        if term.abbreviation:
            choices += [term.abbreviation] * 2
        return self._inflect(rng.choice(choices), plural, at_start, category)

    @staticmethod
    def _inflect(form: str, plural: bool, at_start: bool, category: str) -> str:
        # No "-ies" plurals: the matcher's inflections are s, es, 's and s' only.
        if (
            plural
            and category in _PLURAL_CATEGORIES
            and " of " not in form
            and not form.endswith("y")
        ):
            form += "es" if form.endswith(("s", "x", "ch", "sh")) else "s"
        if at_start and form[:1].islower():
            form = form[0].upper() + form[1:]
        return form

    # Blocks ----------------------------------------------------------------------------

    def sentence(self) -> str:
        """One sentence of sales prose."""
        return self.fill(self.rng.choice(vocab.SENTENCES))

    def paragraph(self, sentences: int) -> str:
        """A paragraph wrapped at 88 columns, as writers' editors leave them."""
        text = " ".join(self.sentence() for _ in range(sentences))
        return wrap(text)

    def heading(self, level: int = 2) -> str:
        """A section heading."""
        return "#" * level + " " + self.fill(self.rng.choice(vocab.HEADINGS))

    def bullet_list(self, items: int, *, nested: bool = False, ordered: bool = False) -> str:
        """A list, optionally with a nested level under its first item."""
        lines = []
        for index in range(items):
            marker = f"{index + 1}." if ordered else "-"
            lines.append(f"{marker} {self.fill(self.rng.choice(vocab.LIST_ITEMS))}")
            if nested and index == 0:
                indent = " " * (len(marker) + 1)
                for _ in range(2):
                    lines.append(f"{indent}- {self.fill(self.rng.choice(vocab.LIST_ITEMS))}")
        return "\n".join(lines)

    def table(self, rows: int) -> str:
        """A pipe table of three columns."""
        header = [self.fill(cell) for cell in self.rng.choice(vocab.TABLE_HEADERS)]
        lines = ["| " + " | ".join(header) + " |", "|---|---|---|"]
        for _ in range(rows):
            cells = [self.fill(self.rng.choice(vocab.TABLE_CELLS)) for _ in range(3)]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def quote(self) -> str:
        """A customer quote with its attribution."""
        said = self.fill(self.rng.choice(vocab.QUOTES))
        who = f"{self.rng.choice(vocab.FIRST_NAMES)}, {self.rng.choice(vocab.JOB_TITLES)} at {self.rng.choice(vocab.COMPANIES)}"
        return f"> “{said}”\n>\n> — {who}"

    def admonition(self) -> str:
        """A MkDocs admonition: its body is indented, which plain CommonMark reads as code."""
        kind, title = self.rng.choice(
            (("tip", "Tip"), ("warning", "Internal only"), ("note", "Note"))
        )
        body = textwrap.indent(self.paragraph(2), "    ")
        return f'!!! {kind} "{title}"\n\n{body}'

    def code_block(self) -> str:
        """A fenced code block holding an avoided form: a decoy."""
        language, snippet = self.rng.choice(vocab.CODE_SNIPPETS)
        self.tally.decoys += 1
        return f"```{language}\n{snippet.format(decoy=self.rng.choice(self.every_avoid))}\n```"

    def decoy_sentence(self) -> str:
        """A sentence whose avoided form sits in inline code, a URL or an HTML comment."""
        form = self.rng.choice(self.single_word_avoid)
        slug = form.lower()
        self.tally.decoys += 1
        return self.rng.choice(
            (
                f"Set the `{form}` field to blank before you import the list.",
                f"The old page at <https://www.larkspur.example/resources/{slug}> redirects here.",
                f"Unsubscribe links point to https://www.larkspur.example/preferences/{slug} for now.",
                f"Read the [style notes](https://www.larkspur.example/style/{slug}.html) first.",
                f"<!-- previous wording: {form} -->",
            )
        )


def wrap(text: str) -> str:
    """``text`` wrapped at 88 columns, unless a line would start like Markdown syntax."""
    wrapped = textwrap.fill(text, width=88, break_long_words=False, break_on_hyphens=False)
    if any(_RISKY_LINE_START.match(line) for line in wrapped.splitlines()[1:]):
        return text
    return wrapped
