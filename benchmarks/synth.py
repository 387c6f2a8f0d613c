"""Deterministic synthetic hubs for benchmarks: glossary, personas, playbooks and assets.

``generate(root, assets=1000)`` writes a complete hub (``mkdocs.yml``, 300 glossary terms
with aliases and avoided forms, 12 personas, playbooks, and ``assets`` content files with
headings, wrapped paragraphs, lists, tables, quotes, admonitions, code blocks and links)
and returns a ``Manifest`` with the findings it planted, file by file. The same seed gives
byte-identical hubs.

Run it on its own to look at a hub: ``python benchmarks/synth.py /tmp/hub --assets 100``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import vocabulary as vocab
from prose import NO_PLANTS, FileTally, Rates, SynthTerm, Writer, wrap

SEED = 20261101
TODAY = dt.date(2026, 11, 1)  # pass ``--today`` with this date so review findings are stable
GLOSSARY_SIZE = 300
MANIFEST_NAME = "synth-manifest.json"
_OVERDUE_RATE = 0.04
_BAD_KEY_RATE = 0.002
_UNKNOWN_PERSONA_RATE = 0.003
_DEPRECATED_TERMS = 6


@dataclass
class Manifest:
    """What a generated hub holds and which findings it planted where."""

    assets: int
    files: int = 0
    bytes: int = 0
    planted: Counter[str] = field(default_factory=Counter)
    avoided_by_file: dict[str, int] = field(default_factory=dict)
    decoys: int = 0

    def add(self, rel: str, text: str, tally: FileTally) -> None:
        """Count a written file and what was planted in it."""
        self.files += 1
        self.bytes += len(text.encode("utf-8"))
        self.planted.update(tally.total())
        self.decoys += tally.decoys
        if tally.planted["TERM001"]:
            self.avoided_by_file[rel] = tally.planted["TERM001"]

    def to_json(self) -> str:
        """The manifest as JSON (written next to the hub's files)."""
        return json.dumps(
            {
                "assets": self.assets,
                "files": self.files,
                "bytes": self.bytes,
                "planted": dict(sorted(self.planted.items())),
                "decoys": self.decoys,
                "avoided_by_file": self.avoided_by_file,
            },
            indent=1,
            sort_keys=True,
        )


def slug(text: str) -> str:
    """A file-name id from a title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_glossary(rng: random.Random, size: int = GLOSSARY_SIZE) -> list[SynthTerm]:
    """The curated terms plus composed ones (modifier + head) up to ``size`` entries."""
    terms = [
        SynthTerm(
            id=slug(term),
            term=term,
            category=category,
            owner=owner,
            abbreviation=abbreviation,
            aliases=aliases,
            avoid=avoid,
            casing=casing,
        )
        for term, abbreviation, aliases, avoid, casing, category, owner in vocab.CURATED_TERMS
    ]
    taken = {form.casefold() for term in terms for form in _forms(term)}
    pairs = [(modifier, head) for modifier in vocab.MODIFIERS for head in vocab.HEADS]
    rng.shuffle(pairs)
    for (modifier, synonym), (head, category) in pairs:
        if len(terms) >= size:
            break
        text = f"{modifier} {head}"
        avoid = (f"{synonym} {head}",) if rng.random() < 0.7 else ()
        aliases = (f"{modifier}-{head}",) if rng.random() < 0.25 else ()
        candidate = SynthTerm(
            id=slug(text),
            term=text,
            category=category,
            owner=rng.choice(vocab.TEAMS),
            aliases=aliases,
            avoid=avoid,
        )
        forms = {form.casefold() for form in _forms(candidate)}
        if forms & taken:
            continue
        taken |= forms
        terms.append(candidate)
    return _with_deprecations(rng, terms)


def _forms(term: SynthTerm) -> list[str]:
    return [
        term.term,
        *term.aliases,
        *term.avoid,
        *([term.abbreviation] if term.abbreviation else []),
    ]


def _with_deprecations(rng: random.Random, terms: list[SynthTerm]) -> list[SynthTerm]:
    """Mark a few composed terms deprecated, each replaced by another of its category."""
    composed = [
        index for index in range(len(vocab.CURATED_TERMS), len(terms)) if not terms[index].avoid
    ]
    for index in rng.sample(composed, min(_DEPRECATED_TERMS, len(composed))):
        old = terms[index]
        successor = next(
            term
            for term in terms
            if term.category == old.category and term.status == "approved" and term is not old
        )
        terms[index] = SynthTerm(
            id=old.id,
            term=old.term,
            category=old.category,
            owner=old.owner,
            aliases=old.aliases,
            status="deprecated",
            replaced_by=successor.id,
        )
    return terms


def _flow(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(items) + "]"


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a valid YAML double-quoted scalar


class HubWriter:
    """Writes one synthetic hub into ``root``."""

    def __init__(self, root: Path, assets: int, seed: int) -> None:
        self.root = root
        self.assets = assets
        self.rng = random.Random(seed)
        self.terms = build_glossary(self.rng)
        self.writer = Writer(self.rng, self.terms, Rates())
        self.manifest = Manifest(assets=assets)

    def write(self, rel: str, text: str, tally: FileTally) -> None:
        """Write one file and record it in the manifest."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.manifest.add(rel, text, tally)

    def reviewed(self, interval: int, overdue: bool) -> dt.date:
        """A review date that is fresh, or overdue by up to 200 days."""
        days = (
            interval + self.rng.randrange(1, 200)
            if overdue
            else self.rng.randrange(1, interval - 1)
        )
        return TODAY - dt.timedelta(days=days)

    def generate(self, *, content: bool = True) -> Manifest:
        """Write every file of the hub and return its manifest.

        Without ``content`` only ``mkdocs.yml``, the glossary and the personas are written:
        the frame for checking someone else's Markdown (the corpus).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "mkdocs.yml").write_text(_mkdocs_yml(), encoding="utf-8")
        for term in self.terms:
            self.glossary_entry(term)
        for persona in vocab.PERSONAS:
            self.persona(*persona)
        if not content:
            return self.manifest
        for index in range(max(5, self.assets // 50)):
            self.playbook(index)
        self.index_pages()
        plan = self.plan_assets()
        for index, (rel, asset_type) in enumerate(plan):
            self.asset(rel, asset_type, plan, index)
        (self.root / MANIFEST_NAME).write_text(self.manifest.to_json(), encoding="utf-8")
        return self.manifest

    def glossary_entry(self, term: SynthTerm) -> None:
        """``glossary/<id>.md``: front matter and a definition naming related terms."""
        writer = self.writer
        tally = writer.begin_file(NO_PLANTS)
        lines = [f"term: {_text(term.term)}"]
        if term.abbreviation:
            lines.append(f"abbreviation: {_text(term.abbreviation)}")
        if term.aliases:
            lines.append("aliases: [" + ", ".join(_text(alias) for alias in term.aliases) + "]")
        if term.avoid:
            lines.append("avoid:")
            lines += [
                f"  - text: {_text(form)}\n    reason: not our word; say {_text(term.term)}"
                for form in term.avoid
            ]
        if term.casing != "any":
            lines.append(f"casing: {term.casing}")
        if term.status != "approved":
            lines.append(f"status: {term.status}\nreplaced_by: {term.replaced_by}")
        lines.append(f"owner: {term.owner}")
        lines.append("approved_by: [sales, marketing]")
        related = self.rng.sample(
            [other.id for other in self.terms if other.status == "approved"], 2
        )
        lines.append(f"related: {_flow([rid for rid in related if rid != term.id])}")
        lines.append(f"reviewed: {self.reviewed(150, False).isoformat()}")
        definition = (
            f"{term.term[0].upper() + term.term[1:]} is how we name this across sales and marketing. "
            + writer.sentence()
            + " "
            + writer.sentence()
        )
        body = wrap(definition) + "\n"
        if term.avoid:
            tally.decoys += len(term.avoid)  # an entry's own forms: never flagged in its file
            body += "\nDo not write " + " or ".join(f"*{form}*" for form in term.avoid) + ".\n"
        self.write(f"glossary/{term.id}.md", "---\n" + "\n".join(lines) + "\n---\n" + body, tally)

    def persona(self, persona_id: str, name: str, role: str, segment: str) -> None:
        """``personas/<id>.md`` with goals, pains, channels and objections."""
        rng, writer = self.rng, self.writer
        tally = writer.begin_file()
        objections = "".join(
            f"  - objection: {_text(objection)}\n    response: {_text(response)}\n"
            for objection, response in rng.sample(vocab.OBJECTIONS, 2)
        )
        meta = (
            f"name: {_text(name)}\nrole: {_text(role)}\nsegment: {_text(segment)}\nowner: marketing\n"
            f"goals: [{', '.join(_text(goal) for goal in rng.sample(vocab.GOALS, 3))}]\n"
            f"pains: [{', '.join(_text(pain) for pain in rng.sample(vocab.PAINS, 3))}]\n"
            f"channels: {_flow(rng.sample(vocab.CHANNELS, 3))}\n"
            f"objections:\n{objections}reviewed: {self.reviewed(180, False).isoformat()}\n"
        )
        body = "\n\n".join(
            [writer.paragraph(4), writer.heading(), writer.paragraph(3), writer.bullet_list(4)]
        )
        self.write(f"personas/{persona_id}.md", f"---\n{meta}---\n{body}\n", tally)

    def playbook(self, index: int) -> None:
        """``playbooks/<id>.md``: a numbered process with owners."""
        rng, writer = self.rng, self.writer
        tally = writer.begin_file()
        title = f"{vocab.PLAYBOOK_TITLES[index % len(vocab.PLAYBOOK_TITLES)]} ({index // len(vocab.PLAYBOOK_TITLES) + 1})"
        meta = (
            f"title: {_text(title)}\nowner: {rng.choice(vocab.TEAMS)}\n"
            f"reviewed: {self.reviewed(180, False).isoformat()}\naudience: [sales, marketing]\n"
            f"personas: {_flow(rng.sample(writer.persona_ids, 2))}\nstages: {_flow(rng.sample(vocab.JOURNEY, 2))}\n"
            f"summary: {_text(writer.plain(rng.choice(vocab.SENTENCES)))}\n"
        )
        blocks = [writer.paragraph(3)]
        for step in range(1, 4):
            blocks += [
                f"## {step}. {writer.fill(rng.choice(vocab.HEADINGS))}",
                writer.paragraph(3),
                writer.bullet_list(3, ordered=True),
            ]
        blocks.append(writer.table(3))
        self.write(
            f"playbooks/{slug(title)}.md", f"---\n{meta}---\n" + "\n\n".join(blocks) + "\n", tally
        )

    def index_pages(self) -> None:
        """The home page and one section page per asset type."""
        writer = self.writer
        tally = writer.begin_file()
        home = "---\ntitle: Larkspur sales and marketing hub\n---\n" + writer.paragraph(4) + "\n"
        self.write("content/index.md", home, tally)
        for folder in vocab.TYPE_FOLDERS.values():
            tally = writer.begin_file()
            title = folder.replace("-", " ").capitalize()
            self.write(
                f"content/{folder}/index.md",
                f"---\ntitle: {title}\n---\n{writer.paragraph(3)}\n",
                tally,
            )

    def plan_assets(self) -> list[tuple[str, str]]:
        """Paths and types of every asset, decided before any is written (for links)."""
        plan = []
        for index in range(self.assets):
            asset_type = vocab.ASSET_TYPES[index % len(vocab.ASSET_TYPES)]
            folder = vocab.TYPE_FOLDERS[asset_type]
            topic = f"topic-{index // (5 * 40):03d}"
            plan.append((f"content/{folder}/{topic}/{asset_type}-{index:05d}.md", asset_type))
        return plan

    def asset(self, rel: str, asset_type: str, plan: list[tuple[str, str]], index: int) -> None:
        """One content asset: front matter, then sections of mixed Markdown blocks."""
        rng, writer = self.rng, self.writer
        tally = writer.begin_file()
        interval = 90 if asset_type == "battlecard" else 180
        status = rng.choices(("published", "draft", "retired"), (87, 10, 3))[0]
        personas = rng.sample(writer.persona_ids, rng.randrange(1, 3))
        key = "personas"
        roll = rng.random()
        if roll < _BAD_KEY_RATE:
            key, status = "persnas", "draft"  # META001: unknown key, with a did-you-mean
            tally.planted["META001"] += 1
        elif roll < _BAD_KEY_RATE + _UNKNOWN_PERSONA_RATE:
            personas = [*personas, "vp-marketing"]  # REFS001: no such persona
            tally.planted["REFS001"] += 1
        overdue = rng.random() < _OVERDUE_RATE and status != "retired"  # retired: never due
        if overdue:
            tally.planted["REVW001"] += 1
        title = writer.plain(rng.choice(vocab.TITLES[asset_type]))
        meta = (
            f"title: {_text(title)}\ntype: {asset_type}\nowner: {rng.choice(vocab.TEAMS)}\nstatus: {status}\n"
            f"reviewed: {self.reviewed(interval, overdue).isoformat()}\n{key}: {_flow(personas)}\n"
            f"stages: {_flow(rng.sample(vocab.JOURNEY, rng.randrange(1, 3)))}\n"
            f"summary: {_text(writer.plain(rng.choice(vocab.SENTENCES)))}\ntags: {_flow([asset_type, rng.choice(vocab.SEGMENTS)])}\n"
        )
        body = self.asset_body(asset_type, rel, plan, index)
        self.write(rel, f"---\n{meta}---\n{body}\n", tally)

    def asset_body(self, asset_type: str, rel: str, plan: list[tuple[str, str]], index: int) -> str:
        """Sections of paragraphs, lists, tables, quotes, admonitions, code and links."""
        rng, writer = self.rng, self.writer
        blocks = []
        if asset_type == "email-template":
            blocks.append(
                "**Use when:** "
                + writer.sentence()
                + "\n**Send:** within "
                + rng.choice(vocab.DAYS)
                + "."
            )
            blocks.append(
                "Hi {{ first_name }},\n\n" + writer.paragraph(3) + "\n\nBest,\n{{ sender_name }}"
            )
        else:
            blocks.append(writer.paragraph(rng.randrange(2, 4)))
        makers = (
            lambda: writer.paragraph(rng.randrange(2, 4)),
            lambda: writer.bullet_list(rng.randrange(3, 6), nested=rng.random() < 0.3),
            lambda: writer.table(rng.randrange(2, 5)),
            writer.quote,
            writer.admonition,
            writer.code_block,
            lambda: wrap(writer.sentence() + " " + writer.decoy_sentence()),
            lambda: self.links(rel, plan, index),
        )
        weights = (30, 18, 10, 8, 6, 5, 6, 8)
        for _ in range(rng.randrange(3, 5)):
            blocks.append(writer.heading())
            for maker in rng.choices(makers, weights, k=rng.randrange(1, 3)):
                blocks.append(maker())
        return "\n\n".join(blocks)

    def links(self, rel: str, plan: list[tuple[str, str]], index: int) -> str:
        """A sentence linking another asset (relative path) and the public website."""
        other = Path(plan[(index * 7919 + 13) % len(plan)][0])
        target = Path(*[".."] * (len(Path(rel).parts) - 2), *other.parts[1:])
        return wrap(
            f"For the full story, read the [related asset]({target.as_posix()}) and the "
            f"[pricing page](https://www.larkspur.example/pricing?ref={other.stem}). "
            + self.writer.sentence()
        )


def _mkdocs_yml() -> str:
    return (
        "site_name: Larkspur sales and marketing hub\n"
        "docs_dir: content\n"
        "theme:\n  name: material\n  font: false\n"
        "markdown_extensions:\n  - abbr\n  - attr_list\n  - md_in_html\n  - admonition\n  - tables\n"
        "plugins:\n  - search\n  - smarthub:\n"
        f"      teams: {_flow(vocab.TEAMS)}\n"
        f"      journey: {_flow(vocab.JOURNEY)}\n"
        f"      asset_types: {_flow(vocab.ASSET_TYPES)}\n"
        "      required_approvals: [sales, marketing]\n"
        "      review_interval_days: 180\n"
        "      review_intervals: {battlecard: 90}\n"
        f"      acronyms: {{allow: {_flow(vocab.ALLOWED_ACRONYMS)}}}\n"
    )


def generate(root: Path, assets: int, seed: int = SEED, *, content: bool = True) -> Manifest:
    """Write a synthetic hub with ``assets`` content files into ``root``."""
    return HubWriter(root, assets, seed).generate(content=content)


def _git(root: Path, *args: str) -> None:
    identity = ("-c", "user.name=smarthub bench", "-c", "user.email=bench@larkspur.example")
    subprocess.run(["git", *identity, "-C", str(root), *args], check=True, capture_output=True)


def commit_all(root: Path) -> None:
    """Make ``root`` a git repository with one commit holding every file."""
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Synthetic hub")


def modify_one_asset(root: Path) -> str:
    """Append a paragraph (with one avoided form) to one asset, as a pull request would."""
    rel = "content/case-studies/topic-000/case-study-00001.md"
    path = root / rel
    path.write_text(
        path.read_text(encoding="utf-8") + "\nWe sent the follow-up e-mail within two days.\n",
        encoding="utf-8",
    )
    return rel


def main() -> None:
    """Command line: write one hub and print its manifest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="folder to write the hub into")
    parser.add_argument("--assets", type=int, default=100, help="number of content assets")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--git", action="store_true", help="commit the hub to a new git repository")
    args = parser.parse_args()
    manifest = generate(args.root, args.assets, args.seed)
    if args.git:
        commit_all(args.root)
    print(manifest.to_json())


if __name__ == "__main__":
    main()
