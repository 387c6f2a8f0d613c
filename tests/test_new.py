"""``smarthub new``: files that pass the real check, safe paths, and one-line refusals."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from smarthub.scaffold import plural_folder, slugify, yaml_scalar
from tests.conftest import entry
from tests.test_cli import run

TODAY = "2026-11-23"
PERSONA = entry("name: Rachel, the controller\nrole: Controller\nowner: sales", "Owns the close.\n")


@pytest.fixture
def root(hub: Callable[..., Path]) -> Path:
    return hub({"personas/controller.md": PERSONA})


def new(root: Path, *args: str) -> str:
    """Run ``smarthub new``; return the path it printed."""
    done = run(root, "new", *args, "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "Next: fill in what its 'smarthub:' comments ask for.\n"
    return done.stdout.strip()


def findings(root: Path) -> list[tuple[str, int, str, str]]:
    done = run(root, "check", "--format", "json", "--today", TODAY)
    assert done.returncode in (0, 1), done.stderr
    return [
        (finding["path"], finding["line"], finding["code"], finding["message"])
        for finding in json.loads(done.stdout)["findings"]
    ]


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:])


# -- ids and folders -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Marketing Qualified Lead", "marketing-qualified-lead"),
        ("  Buyer's journey  ", "buyers-journey"),
        ("R&D hand-off", "r-and-d-hand-off"),
        ("Café Über Straße, Ørsted", "cafe-uber-strasse-orsted"),
        ("vs. Acme (2026)!", "vs-acme-2026"),
        ("日本", ""),
        ("---", ""),
        ("a" * 50 + " " + "b" * 50, "a" * 50),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("asset_type", "folder"),
    [
        ("battlecard", "battlecards"),
        ("case-study", "case-studies"),
        ("email-template", "email-templates"),
        ("one-pager", "one-pagers"),
        ("talk-track", "talk-tracks"),
        ("playbook-day", "playbook-days"),
        ("brief", "briefs"),
        ("match", "matches"),
    ],
)
def test_plural_folder(asset_type: str, folder: str) -> None:
    assert plural_folder(asset_type) == folder


@pytest.mark.parametrize(
    "title",
    ["Deal desk: approvals", "'quoted' \"both\" #1", "yes", "2026", "- dash", "a: b: c", "@at"],
)
def test_yaml_scalar_reads_back(title: str) -> None:
    assert yaml.safe_load(f"key: {yaml_scalar(title)}") == {"key": title}


# -- each kind, checked by the real check ------------------------------------------------


def test_new_term_is_proposed_and_waits_only_for_its_definition(root: Path) -> None:
    assert new(root, "term", "Marketing Qualified Lead") == "glossary/marketing-qualified-lead.md"
    path = root / "glossary" / "marketing-qualified-lead.md"
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "term: Marketing Qualified Lead\n"
        "status: proposed  # smarthub: becomes approved once sales and marketing sign it off in approved_by\n"
        "owner: sales\n"
        "approved_by: []\n"
        "reviewed: 2026-11-23\n"
        "# Optional: uncomment what applies.\n"
        "# abbreviation: ABC\n"
        "# aliases: [another accepted spelling]\n"
        "# avoid:\n"
        "#   - text: a form writers must not use\n"
        "#     reason: why, in a few words\n"
        "# casing: any  # any | exact | sentence\n"
        "# related: [another-term-id]\n"
        "---\n"
        "<!-- smarthub: write the definition here, as the first paragraph: one or two sentences "
        "that start with the term. `smarthub check` reports the entry until you do. -->\n"
    )
    assert findings(root) == [
        (
            "glossary/marketing-qualified-lead.md",
            16,
            "META001",
            "glossary entry has no definition: write it as the first paragraph after the front matter",
        )
    ]
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\nA Marketing Qualified Lead is a lead that marketing scored above 60.\n")
    assert findings(root) == []


def test_new_persona_waits_only_for_its_role(root: Path) -> None:
    assert (
        new(root, "persona", "Carla, the mid-market CFO") == "personas/carla-the-mid-market-cfo.md"
    )
    path = root / "personas" / "carla-the-mid-market-cfo.md"
    meta = front_matter(path)
    assert meta == {
        "name": "Carla, the mid-market CFO",
        "role": None,
        "owner": "sales",
        "reviewed": dt.date(2026, 11, 23),
    }
    assert findings(root) == [
        (
            "personas/carla-the-mid-market-cfo.md",
            1,
            "META001",
            "required key 'role' is missing: add 'role: ...' to the front matter",
        )
    ]
    text = path.read_text(encoding="utf-8").replace("role:  #", "role: Chief Financial Officer  #")
    path.write_text(text, encoding="utf-8")
    assert findings(root) == []


def test_new_playbook_and_asset_pass_the_check(root: Path) -> None:
    assert new(root, "playbook", "Deal desk: approvals", "--owner", "marketing") == (
        "playbooks/deal-desk-approvals.md"
    )
    assert new(root, "asset", "vs. Acme", "--type", "battlecard") == (
        "content/battlecards/vs-acme.md"
    )
    assert new(root, "asset", "Kestrel story", "--type", "case-study", "--dir", "stories/2026") == (
        "content/stories/2026/kestrel-story.md"
    )
    assert findings(root) == []
    playbook = front_matter(root / "playbooks" / "deal-desk-approvals.md")
    assert playbook["title"] == "Deal desk: approvals" and playbook["owner"] == "marketing"
    asset = front_matter(root / "content" / "battlecards" / "vs-acme.md")
    assert asset == {
        "title": "vs. Acme",
        "type": "battlecard",
        "owner": "sales",
        "status": "draft",
        "reviewed": dt.date(2026, 11, 23),
        "personas": [],
        "stages": [],
    }
    text = (root / "content" / "battlecards" / "vs-acme.md").read_text(encoding="utf-8")
    assert "(required to publish): controller\n" in text


def test_reviewed_defaults_to_today(root: Path) -> None:
    done = run(root, "new", "playbook", "Pipeline meeting")
    assert done.returncode == 0, done.stderr
    meta = front_matter(root / "playbooks" / "pipeline-meeting.md")
    assert meta["reviewed"] in (dt.date.today(), dt.date.today() - dt.timedelta(days=1))


def test_path_is_printed_relative_to_the_working_folder(root: Path) -> None:
    (root / "content" / "one-pagers").mkdir(parents=True)
    done = run(root / "content", "new", "asset", "Overview", "--type", "one-pager")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "one-pagers/overview.md\n"


# -- refusals: exit 2, one line, nothing written -------------------------------------------


def refused(root: Path, *args: str) -> str:
    before = sorted(path for path in root.rglob("*"))
    done = run(root, "new", *args)
    assert done.returncode == 2, done.stdout
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert sorted(path for path in root.rglob("*")) == before
    return done.stderr


def test_refuses_to_overwrite(root: Path) -> None:
    new(root, "term", "Email")
    path = root / "glossary" / "email.md"
    path.write_text("mine", encoding="utf-8")
    assert refused(root, "term", "Email") == (
        "smarthub: glossary/email.md already exists: smarthub new never overwrites a file\n"
    )
    assert path.read_text(encoding="utf-8") == "mine"


def test_refuses_an_id_used_elsewhere_ignoring_case(root: Path) -> None:
    (root / "content" / "one-pagers").mkdir(parents=True)
    (root / "content" / "one-pagers" / "Acme.md").write_text("x", encoding="utf-8")
    assert refused(root, "asset", "acme", "--type", "battlecard") == (
        "smarthub: the id 'acme' is already used by content/one-pagers/Acme.md: choose another title\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["playbook", "X", "--dir", "../x"],
            "--dir '../x' leaves playbooks/: give a folder inside it, for example --dir 2026",
        ),
        (
            ["asset", "X", "--type", "battlecard", "--dir", "../glossary"],
            "--dir '../glossary' leaves content/: give a folder inside it, for example --dir 2026",
        ),
        (
            ["term", "X", "--dir", "/tmp"],
            "--dir '/tmp' leaves glossary/: give a folder inside it, for example --dir 2026",
        ),
        (
            ["term", "X", "--dir", ".drafts"],
            "--dir '.drafts': folders starting with '.' are not read by smarthub",
        ),
        (["term", "X", "--dir", ""], "--dir is empty: give a folder name or leave the option out"),
        (
            ["term", "日本語"],
            "cannot make an id from '日本語': use a title with Latin letters or digits",
        ),
        (
            ["term", "   "],
            "give a title, for example: smarthub new term 'Marketing-qualified lead'",
        ),
        (
            ["asset", "Overview"],
            "an asset needs --type: one of battlecard, case-study, email-template, one-pager, talk-track",
        ),
        (
            ["asset", "Overview", "--type", "batlecard"],
            "--type 'batlecard' is not one of this hub's asset types: did you mean 'battlecard'?",
        ),
        (
            ["asset", "Overview", "--type", "webinar"],
            "--type 'webinar' is not one of this hub's asset types: choose one of battlecard, case-study, email-template, one-pager, talk-track",
        ),
        (
            ["term", "Overview", "--type", "battlecard"],
            "--type is for assets only; a term has no type",
        ),
        (
            ["term", "Overview", "--owner", "marketting"],
            "--owner 'marketting' is not one of this hub's teams: did you mean 'marketing'?",
        ),
        (
            ["asset", "Index", "--type", "one-pager"],
            "an asset cannot have the id 'index': index.md files are section pages",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(root: Path, args: list[str], message: str) -> None:
    assert refused(root, *args) == f"smarthub: {message}\n"


def test_unknown_kind_is_a_usage_error(root: Path) -> None:
    done = run(root, "new", "webinar", "X")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_refuses_a_folder_that_links_out_of_the_hub(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "glossary").mkdir(exist_ok=True)
    (root / "glossary" / "linked").symlink_to(outside, target_is_directory=True)
    assert refused(root, "term", "Escape", "--dir", "linked") == (
        "smarthub: --dir 'linked' leaves glossary/: give a folder inside it, for example --dir 2026\n"
    )
    assert list(outside.iterdir()) == []
