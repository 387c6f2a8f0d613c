"""What search answers: every page's kind and one line, and the exact names that find it.

Full-text ranking cannot promise that "MQL" puts the MQL definition first: lunr and Pagefind
score words, and a playbook titled "MQL to SQL hand-off" has the word too. So the build
writes a small table of answers, and ``answers.js`` puts the entry whose name *equals* the
query (a term, alias or abbreviation, a persona, a playbook or an asset title) on top of the
results, with its one line (a term's definition, an entry's summary), and labels every
result with its kind (and, for assets, personas and stages). Terms win a name they share
with anything else.

The table is a script (``window.smarthubAnswers = {...}``) rather than JSON, so the page can
load it with a ``<script>`` element, which also works when the site is opened from disk,
and it is loaded on the first search only. Every value is data set with ``textContent``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from smarthub import kinds
from smarthub.site import paths
from smarthub.site.index import HubIndex

ONE_LINE = 220  # characters of a definition or summary shown in a result
_SEPARATORS = re.compile(r"[\s\-‐–_/]+")


def normalized(name: str) -> str:
    """A name as a query is compared with it (``answers.js`` does the same)."""
    return _SEPARATORS.sub(" ", name.casefold()).strip()


def one_line(text: str | None) -> str:
    """``text`` on one line, cut at a word before ``ONE_LINE`` characters."""
    flat = " ".join((text or "").split())
    if len(flat) <= ONE_LINE:
        return flat
    return flat[: ONE_LINE - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True)
class Answer:
    """One page as search shows it."""

    page: str  # docs-relative path
    kind: str  # Term, Persona, Playbook, or the asset type's label
    title: str
    line: str
    facts: tuple[str, ...]  # personas and stages of an asset, audience of a playbook
    overdue: bool
    names: tuple[str, ...]  # what a query must equal to put this page first


def answers(index: HubIndex) -> list[Answer]:
    """Every term, persona, playbook and visible asset, terms first (they win shared names)."""
    hub = index.hub
    found: list[Answer] = []
    for term in index.terms_sorted():
        names = (term.term, *(term.aliases), *([term.abbreviation] if term.abbreviation else []))
        title = f"{term.term} ({term.abbreviation})" if term.abbreviation else term.term
        kind = "Term" if term.status == "approved" else f"Term, {term.status}"
        found.append(
            Answer(
                paths.term_page(term.id),
                kind,
                title,
                one_line(term.definition),
                (),
                index.review(term).overdue,
                names,
            )
        )
    for persona in index.personas_sorted():
        found.append(
            Answer(
                paths.persona_page(persona.id),
                "Persona",
                persona.name,
                one_line(persona.role + (f" · {persona.segment}" if persona.segment else "")),
                (),
                index.review(persona).overdue,
                (persona.name, persona.id),
            )
        )
    for playbook in index.playbooks_sorted():
        found.append(
            Answer(
                paths.playbook_page(playbook.id),
                "Playbook",
                playbook.title,
                one_line(playbook.summary),
                _facts(
                    ("For " + ", ".join(paths.label(team) for team in playbook.audience))
                    if playbook.audience
                    else ""
                ),
                index.review(playbook).overdue,
                (playbook.title,),
            )
        )
    for asset in index.assets:
        personas = [
            hub.personas[p].name if p in hub.personas else paths.label(p) for p in asset.personas
        ]
        found.append(
            Answer(
                paths.asset_page(index.config, asset),
                paths.label(asset.type),
                asset.title,
                one_line(asset.summary),
                _facts(
                    ("For " + ", ".join(personas)) if personas else "",
                    ", ".join(paths.label(stage) for stage in asset.stages),
                ),
                index.review(asset).overdue,
                (asset.title,),
            )
        )
    found += _other_kinds(index)
    return found


def _other_kinds(index: HubIndex) -> list[Answer]:
    """Entries of kinds added to the table: their title, and their summary if they have one."""
    described = {kind.name for kind in (kinds.TERM, kinds.PERSONA, kinds.PLAYBOOK, kinds.ASSET)}
    return [
        Answer(
            paths.entry_page(index.config, entry),
            paths.label(kind.name),
            kind.title(entry),
            one_line(getattr(entry, "summary", None)),
            (),
            hasattr(entry, "reviewed") and index.review(entry).overdue,
            (kind.title(entry),),
        )
        for kind in kinds.all_kinds()
        if kind.keyed and kind.name not in described
        for entry in index.entries(kind)
    ]


def _facts(*facts: str) -> tuple[str, ...]:
    return tuple(fact for fact in facts if fact)


def answers_script(index: HubIndex, url_of: Callable[[str], str | None]) -> bytes:
    """``answers.js``'s table: ``url_of`` maps a docs-relative page to its site-relative URL."""
    pages: dict[str, list[object]] = {}
    names: dict[str, str] = {}
    for answer in answers(index):
        url = url_of(answer.page)
        if url is None:
            continue
        pages[url] = [answer.kind, answer.title, answer.line, list(answer.facts), answer.overdue]
        for name in answer.names:
            names.setdefault(normalized(name), url)
    table = json.dumps({"pages": pages, "names": names}, ensure_ascii=False, sort_keys=True)
    # A table in a .js file is never parsed as HTML, but keep it inert anywhere it is pasted.
    table = table.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"window.smarthubAnswers = {table};\n".encode()
