"""A kind of file is one table row plus its template: a new kind loads, is checked and renders.

The kind added here (``competitors/``, a ``Competitor`` model) is declared as a
contributor would declare it in ``smarthub/kinds.py``: one ``Kind`` row whose model's
fields are the front-matter contract, and a page template. Nothing else is written for
it, and the real loader, CLI, schema export and ``mkdocs build`` pick it up.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config as load_mkdocs_config

from smarthub import kinds, scaffold
from smarthub.cli import cli
from smarthub.config import load_config
from smarthub.load import load_hub
from smarthub.model import SourceFile, Term
from smarthub.model.contract import Field, fields_of
from smarthub.model.fields import key, not_a_key
from tests.conftest import entry, write_hub


@dataclass(kw_only=True)
class Competitor:
    """A competitor the sales team meets in deals."""

    source: SourceFile = not_a_key()
    name: str = key("The competitor's name.")
    owner: str = key("The team that owns this entry.", refers_to="team")
    threat: str = key("How often we lose to them.", default="medium", choices=("low", "high"))
    strengths: list[str] = key("What they are good at.", default_factory=list)
    personas: list[str] = key(default_factory=list, refers_to="persona")
    reviewed: dt.date | None = key(default=None)

    @property
    def id(self) -> str:
        """The competitor's id: its file name without ``.md``."""
        return self.source.id


PAGE_TEMPLATE = """\
---
title: {{ competitor.name|page_title }}
smarthub_generated: competitor
---
# {{ competitor.name|md }}

<p class="competitor-facts">Threat: {{ competitor.threat|label }} · Owner: {{ competitor.owner|label }}</p>

{{ body }}
"""
INDEX_TEMPLATE = """\
---
smarthub_generated: index
---
# Competitors

{% for competitor in site.entries(kind) %}
- [{{ competitor.name|md }}]({{ href(kind.page(competitor.id)) }})
{% endfor %}
"""
SCAFFOLD_TEMPLATE = """\
---
name: {{ title|yaml }}
owner: {{ owner }}
reviewed: {{ today }}
---
What they sell, and where we win.
"""

FILES = {
    "glossary/marketing-qualified-lead.md": entry(
        """
        term: Marketing-qualified lead
        abbreviation: MQL
        avoid: [hot lead]
        owner: marketing
        approved_by: [sales, marketing]
        """,
        "A marketing-qualified lead (MQL) is a lead whose score has reached 60 points.\n",
    ),
    "personas/controller.md": entry("name: Controller\nrole: Head of finance\nowner: sales"),
    "competitors/acme.md": entry(
        """
        name: Acme Ledger
        owner: sales
        threat: high
        strengths: [price]
        personas: [controller]
        """,
        "Acme wins when the MQL comes from a price comparison.\n",
    ),
    "competitors/globex.md": entry(
        """
        name: Globex
        owner: sales
        threat: severe
        strenghts: [support]
        personas: [controler]
        """,
        "Every hot lead that mentions Globex goes to the pipeline meeting.\n",
    ),
    "content/index.md": "# Hub\n",
}


@pytest.fixture
def competitor_kind(tmp_path: Path) -> Iterator[kinds.Kind]:
    """The ``competitor`` kind in the table for one test, with its templates."""
    templates = tmp_path / "templates"
    (templates / "new").mkdir(parents=True)
    (templates / "competitor.md.j2").write_text(PAGE_TEMPLATE, encoding="utf-8")
    (templates / "competitors_index.md.j2").write_text(INDEX_TEMPLATE, encoding="utf-8")
    (templates / "new" / "competitor.md.j2").write_text(SCAFFOLD_TEMPLATE, encoding="utf-8")
    kind = kinds.register(
        kinds.Kind(
            "competitor",
            Competitor,
            "competitors_dir",
            "name",
            "competitor",
            default_folder="competitors",
            site_folder="competitors",
            page_template="competitor.md.j2",
            index_template="competitors_index.md.j2",
            section="Competitors",
            scaffold_template="competitor.md.j2",
            template_folder=templates,
        )
    )
    try:
        yield kind
    finally:
        kinds.unregister(kind.name)


def test_a_new_kind_loads_into_the_hub(tmp_path: Path, competitor_kind: kinds.Kind) -> None:
    root = write_hub(tmp_path / "hub", FILES)
    hub = load_hub(load_config(root / "mkdocs.yml"))
    acme = hub.entries_of("competitor")["acme"]
    assert (acme.name, acme.threat, acme.strengths, acme.personas) == (
        "Acme Ledger",
        "high",
        ["price"],
        ["controller"],
    )
    assert hub.entry_for(acme.source) is acme
    # A wrong optional value is reported and left at its default, as for the built-in kinds.
    assert hub.entries_of("competitor")["globex"].threat == "medium"


def test_a_new_kind_is_checked_like_the_others(tmp_path: Path, competitor_kind: kinds.Kind) -> None:
    root = write_hub(tmp_path / "hub", FILES)
    result = CliRunner().invoke(
        cli, ["check", "-f", str(root / "mkdocs.yml"), "--no-cache", "--select", "META,REFS,TERM"]
    )
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "competitors/globex.md:4:9: error META001 'threat' must be one of low, high, got 'severe' [meta.invalid]",
        "competitors/globex.md:5:1: error META001 unknown key 'strenghts': did you mean 'strengths'? (put custom keys under 'extra:') [meta.invalid]",
        "competitors/globex.md:6:12: error REFS001 'personas' names unknown persona 'controler': did you mean 'controller'? [refs.unknown]",
        "competitors/globex.md:8:7: error TERM001 'hot lead' is not our language: use 'marketing-qualified lead' [term.avoided]",
        "Found 4 errors and 0 warnings in 1 file (checked 5 files).",
    ]


def test_a_checked_file_of_a_new_kind_loads_only_itself(
    tmp_path: Path, competitor_kind: kinds.Kind
) -> None:
    """Nothing refers to a competitor, so checking one loads no other competitor."""
    root = write_hub(tmp_path / "hub", FILES)
    hub = load_hub(load_config(root / "mkdocs.yml"), selected={"competitors/acme.md"})
    assert list(hub.entries_of("competitor")) == ["acme"]
    assert list(hub.personas) == ["controller"]  # referred to, so always loaded
    result = CliRunner().invoke(
        cli,
        ["check", "-f", str(root / "mkdocs.yml"), "--no-cache", str(root / "competitors/acme.md")],
    )
    assert (result.exit_code, result.output) == (
        0,
        "All clear: checked 1 file, no findings.\n",
    )


def test_a_new_kind_takes_its_folder_from_its_option(
    tmp_path: Path, competitor_kind: kinds.Kind
) -> None:
    files = {
        rel.replace("competitors/", "rivals/"): text
        for rel, text in FILES.items()
        if rel != "competitors/globex.md"
    }
    root = write_hub(tmp_path / "hub", files, {"competitors_dir": "rivals"})
    hub = load_hub(load_config(root / "mkdocs.yml"))
    assert [entry.source.rel for entry in hub.entries_of("competitor").values()] == [
        "rivals/acme.md"
    ]


def test_a_new_kind_renders_in_a_real_mkdocs_build(
    tmp_path: Path, competitor_kind: kinds.Kind
) -> None:
    files = {rel: text for rel, text in FILES.items() if rel != "competitors/globex.md"}
    root = write_hub(tmp_path / "hub", files)
    here = Path.cwd()
    os.chdir(root)  # MkDocs resolves docs_dir and site_dir against the working folder
    try:
        build(load_mkdocs_config(str(root / "mkdocs.yml")))
    finally:
        os.chdir(here)
    page = (root / "site" / "competitors" / "acme" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Acme Ledger</h1>", page)
    assert '<p class="competitor-facts">Threat: High · Owner: Sales</p>' in page
    # The body is prose like any other: the term is linked to its glossary page.
    assert re.search(
        r'<a class="smarthub-term" href="\.\./\.\./glossary/marketing-qualified-lead/">'
        r"<abbr [^>]*>MQL</abbr></a> comes from a price comparison",
        page,
    )
    # The navigation has the kind's section, titled by its row, leading to its index page.
    flat = " ".join(page.split())
    assert (
        '<a href="../" class="md-nav__link"> <span class="md-ellipsis"> Competitors </span>' in flat
    )
    listing = (root / "site" / "competitors" / "index.html").read_text(encoding="utf-8")
    assert '<a href="acme/">Acme Ledger</a>' in listing
    # Search answers name it with its kind.
    answers = (root / "site" / "assets" / "smarthub" / "answers-data.js").read_text("utf-8")
    table = json.loads(answers.removeprefix("window.smarthubAnswers = ").removesuffix(";\n"))
    assert table["pages"]["competitors/acme/"] == ["Competitor", "Acme Ledger", "", [], False]
    assert table["names"]["acme ledger"] == "competitors/acme/"


def test_new_writes_a_file_of_the_new_kind_that_loads_clean(
    tmp_path: Path, competitor_kind: kinds.Kind
) -> None:
    root = write_hub(tmp_path / "hub", {"content/index.md": "# Hub\n"})
    config = load_config(root / "mkdocs.yml")
    planned = scaffold.plan(config, "competitor", "Initech", today=dt.date(2026, 11, 30))
    assert planned.rel == "competitors/initech.md"
    scaffold.create(planned)
    hub = load_hub(config)
    assert hub.problems == []
    assert hub.entries_of("competitor")["initech"].name == "Initech"


def test_schema_export_covers_the_new_kind(tmp_path: Path, competitor_kind: kinds.Kind) -> None:
    root = write_hub(tmp_path / "hub", FILES)
    out = tmp_path / "schema"
    result = CliRunner().invoke(cli, ["schema", "-f", str(root / "mkdocs.yml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    schema = json.loads((out / "competitor.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "smarthub competitor front matter"
    assert schema["required"] == ["name", "owner"]
    assert schema["properties"]["threat"] == {
        "description": "How often we lose to them.",
        "enum": ["low", "high"],
    }
    assert schema["properties"]["personas"] == {
        "type": "array",
        "items": {"enum": ["controller"]},
    }


def test_the_front_matter_contract_is_the_model() -> None:
    """Field names, value kinds and requiredness come from the dataclass, in its order."""
    contract = [(field.name, field.kind, field.required) for field in fields_of(Term)]
    assert contract == [
        ("term", "text", True),
        ("abbreviation", "text", False),
        ("aliases", "texts", False),
        ("avoid", "avoid", False),
        ("casing", "choice", False),
        ("status", "choice", False),
        ("replaced_by", "text", False),
        ("owner", "text", True),
        ("approved_by", "ids", False),
        ("related", "ids", False),
        ("reviewed", "date", False),
        ("extra", "mapping", False),
        ("smarthub", "mapping", False),
    ]
    assert fields_of(Competitor)[2] == Field(
        "threat", "choice", False, ("low", "high"), None, "How often we lose to them."
    )


def test_a_field_type_with_no_front_matter_meaning_is_refused_when_declared() -> None:
    @dataclass(kw_only=True)
    class Odd:
        source: SourceFile = not_a_key()
        size: float = key()

    with pytest.raises(
        TypeError, match=r"Odd\.size: no front-matter value kind for <class 'float'>"
    ):
        fields_of(Odd)


def test_a_kind_is_registered_once_and_built_in_kinds_stay(competitor_kind: kinds.Kind) -> None:
    with pytest.raises(ValueError, match="a kind named 'competitor' exists already"):
        kinds.register(competitor_kind)
    with pytest.raises(ValueError, match="'term' is a built-in kind"):
        kinds.unregister("term")


def test_the_built_in_rows_are_whole_and_their_templates_ship() -> None:
    templates = Path(kinds.__file__).parent / "templates"
    for kind in kinds.BUILTIN:
        assert kinds.row_problems(kind) == [], kind.name
        for template in (kind.page_template, kind.index_template):
            assert template is None or (templates / template).is_file(), template
        assert (
            kind.scaffold_template is None or (templates / "new" / kind.scaffold_template).is_file()
        )


def test_an_inconsistent_row_is_refused_when_registered() -> None:
    with pytest.raises(ValueError) as refused:
        kinds.register(
            kinds.Kind(
                "rival", Competitor, "rivals_dir", "title", "rival", page_template="rival.md.j2"
            )
        )
    assert str(refused.value) == (
        "kind 'rival': title_field 'title' is not a key of Competitor; a page or index template "
        "needs a site_folder to put the pages in; rivals_dir needs a default_folder"
    )
    assert "rival" not in [kind.name for kind in kinds.all_kinds()]
