"""Commands that write never delete, overwrite or publish what is not theirs; odd files never
stop ``mkdocs build``, ``smarthub build`` or ``smarthub serve``; what the check reads is what
the site publishes (symbolic links, ``INHERIT:``). Real commands, real folders.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import entry, write_hub
from tests.site.conftest import TODAY, mkdocs, smarthub

EMAIL = entry(
    "term: email\navoid: [e-mail]\nowner: marketing\napproved_by: [sales, marketing]",
    "A message.\n",
)
ASSET = (
    "---\ntitle: Battlecard\ntype: battlecard\nowner: sales\nstatus: published\n"
    "reviewed: 2026-10-01\npersonas: [cfo]\nstages: [decision]\n---\n"
)
FILES = {
    "glossary/email.md": EMAIL,
    "personas/cfo.md": entry("name: CFO\nrole: Chief Financial Officer\nowner: sales", "Text.\n"),
    "content/index.md": "# Hub\n\nWelcome.\n",
    "content/battlecards/rival.md": ASSET + "Send an email.\n",
}


@pytest.fixture
def hub_root(tmp_path: Path) -> Path:
    return write_hub(tmp_path / "hub", FILES)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


# 1. Output folders.


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            ".",
            "-d {root}: is the hub or holds it, and would be emptied: choose a folder such as {root}/site",
        ),
        (
            "..",
            "-d {parent}: is the hub or holds it, and would be emptied: choose a folder such as {root}/site",
        ),
        (
            "content/site",
            "-d content/site: is inside the hub's source folder content/, whose files it would "
            "replace: choose a folder outside it, such as {root}/site",
        ),
        (
            "glossary",
            "-d glossary: is inside the hub's source folder glossary/, whose files it would "
            "replace: choose a folder outside it, such as {root}/site",
        ),
        (
            "../work",
            "-d ../work: is not empty and was not written by smarthub, so its files would be "
            "deleted: choose a new or empty folder, or empty this one yourself",
        ),
        ("../link", "-d ../link: is a symbolic link: give the real folder instead"),
    ],
    ids=["hub", "around-the-hub", "in-docs", "glossary", "someone-elses-folder", "symlink"],
)
def test_build_refuses_targets_it_would_empty(hub_root: Path, target: str, message: str) -> None:
    work = hub_root.parent / "work"
    work.mkdir()
    (work / "thesis.docx").write_bytes(b"years of work")
    (hub_root.parent / "link").symlink_to(work)
    before = _snapshot(hub_root.parent)
    done = smarthub("build", "-d", target, cwd=hub_root)
    expected = message.format(root=hub_root, parent=hub_root.parent)
    if target == ".":
        expected = expected.replace(f"-d {hub_root}", "-d .")
    if target == "..":
        expected = expected.replace(f"-d {hub_root.parent}", "-d ..")
    assert (done.returncode, done.stderr) == (2, f"smarthub: {expected}\n")
    assert done.stdout == ""  # refused before the check ran
    assert _snapshot(hub_root.parent) == before


def test_build_and_stage_reuse_their_own_folders_only(hub_root: Path) -> None:
    site, staged = hub_root.parent / "out-site", hub_root.parent / "out-staged"
    for _ in range(2):  # the second run recognises the marker of the first
        built = smarthub("build", "--today", TODAY, "-d", site, cwd=hub_root)
        assert built.returncode == 0, built.stderr
        done = smarthub("stage", staged, "--today", TODAY, cwd=hub_root)
        assert done.returncode == 0, done.stderr
    assert (site / ".smarthub-output").is_file() and (site / "index.html").is_file()
    assert (staged / ".smarthub-output").is_file() and (staged / "mkdocs.yml").is_file()
    # A link planted in smarthub's own folder is refused, never written through.
    (staged / "docs" / "glossary").rename(staged / "elsewhere")
    (staged / "docs" / "glossary").symlink_to(hub_root / "glossary")
    before = _snapshot(hub_root)
    done = smarthub("stage", staged, cwd=hub_root)
    assert done.returncode == 2
    assert done.stderr == (
        f"smarthub: stage {staged}: holds a symbolic link, {staged}/docs/glossary, that the "
        "build would write through: remove it\n"
    )
    assert _snapshot(hub_root) == before


def test_stage_refuses_a_folder_with_other_files(hub_root: Path) -> None:
    other = hub_root.parent / "notes"
    other.mkdir()
    (other / "todo.txt").write_text("keep me")
    done = smarthub("stage", other, cwd=hub_root)
    assert (done.returncode, done.stderr) == (
        2,
        f"smarthub: stage {other}: is not empty and was not written by smarthub, so its files "
        "would be deleted: choose a new or empty folder, or empty this one yourself\n",
    )
    assert _snapshot(other) == {"todo.txt": b"keep me"}


# 2. Symbolic links and special files in the docs folder.


@pytest.fixture
def linked_hub(hub_root: Path, tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(ASSET + "An e-mail nobody checked.\n")
    (hub_root / "content" / "env.txt").symlink_to("/proc/self/environ")
    (hub_root / "content" / "shared").symlink_to(outside)
    (hub_root / "content" / "inside.md").symlink_to(hub_root / "content/battlecards/rival.md")
    os.mkfifo(hub_root / "content" / "pipe.md")
    os.mkfifo(hub_root / "content" / "pipe.txt")
    return hub_root


LINK_FINDINGS = (
    "content/env.txt:1:1: error LOAD001 env.txt is a symbolic link to a file outside the hub, "
    "which is not read: copy the file into the hub [load.unreadable]\n"
    "content/pipe.md:1:1: error LOAD001 pipe.md is not a regular file (a pipe, socket or "
    "device), which is not read: remove it or rename it without '.md' [load.unreadable]\n"
    "content/shared:1:1: error LOAD001 shared is a symbolic link to a folder, whose files are "
    "neither checked nor published: copy the folder into the hub instead [load.unreadable]\n"
)


def test_links_out_of_the_hub_are_reported_and_never_published(linked_hub: Path) -> None:
    checked = smarthub("check", "--today", TODAY, cwd=linked_hub)
    assert checked.returncode == 1
    assert checked.stdout.startswith(LINK_FINDINGS), checked.stdout
    built = smarthub("build", "--today", TODAY, "-d", linked_hub / "site", cwd=linked_hub)
    assert built.returncode == 1, built.stderr
    assert "Traceback" not in built.stderr
    assert (
        "WARNING -  content/pipe.txt is not a regular file (a pipe, socket or device), which is "
        "not read: remove it: not published\n"
    ) in built.stderr
    plain = mkdocs("build", "-d", linked_hub / "plain", cwd=linked_hub)
    assert "Traceback" not in plain.stderr
    staged = smarthub("stage", linked_hub.parent / "staged", cwd=linked_hub)
    assert staged.returncode == 0, staged.stderr
    for site in (linked_hub / "site", linked_hub / "plain", linked_hub.parent / "staged"):
        published = {path.relative_to(site).as_posix() for path in site.rglob("*")}
        assert not {name for name in published if name.split("/")[-1].startswith(("env", "pipe"))}
        assert not [name for name in published if "shared" in name or "secret" in name]
        if site.name != "staged":  # a link inside the hub is checked, and MkDocs publishes it
            assert any("inside" in name for name in published)
        for path in site.rglob("*"):
            if path.is_file():
                assert b"PYTHONPATH=" not in path.read_bytes(), path


# 3. The same hostile inputs through every front end.

BOMB = (
    "---\n"
    + "".join(
        f"{name}: &{name} [{', '.join(['*' + previous] * 9) if previous else ', '.join(['x'] * 9)}]\n"
        for previous, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
    )
    + "title: Bomb\ntype: battlecard\nowner: sales\nstatus: *i\nreviewed: 2026-10-01\n---\nBody.\n"
)
HOSTILE = {
    "content/bomb.md": BOMB,
    "content/big.md": ASSET.replace("Battlecard", "9" * 5000),
    "content/edge.md": ASSET.replace("2026-10-01", "9999-12-31"),
}


def test_hostile_files_give_findings_not_tracebacks_in_every_build(hub_root: Path) -> None:
    write_hub(hub_root, HOSTILE)
    os.mkfifo(hub_root / "content" / "pipe.md")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(hub_root / "content" / "socket.md"))
    try:
        for command in (
            lambda: smarthub("check", "--today", TODAY, cwd=hub_root),
            lambda: smarthub("build", "--today", TODAY, "-d", hub_root / "s1", cwd=hub_root),
            lambda: mkdocs("build", "-d", hub_root / "s2", cwd=hub_root),
        ):
            done = command()  # each has a timeout: a blocked read would fail here
            assert done.returncode == 1, done.stderr[-2000:]
            assert "Traceback" not in done.stderr and "internal error" not in done.stderr
            assert "status' must be one of draft, published, retired, got [[[...]" in (
                done.stdout + done.stderr
            )
            assert "pipe.md is not a regular file" in done.stdout + done.stderr
    finally:
        listener.close()
    assert (hub_root / "s1" / "edge" / "index.html").is_file()
    assert (hub_root / "s2" / "big" / "index.html").is_file()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status


def test_serve_keeps_serving_and_shows_the_error(hub_root: Path, tmp_path: Path) -> None:
    os.mkfifo(hub_root / "content" / "pipe.md")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "smarthub", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=hub_root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/"

    def wait_for(text: str, after: int = 0) -> str:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            log.seek(0)
            output = log.read()
            if text in output[after:]:
                return output
            assert process.poll() is None, output
            time.sleep(0.3)
        log.seek(0)
        raise AssertionError(f"no {text!r} within 90 s:\n{log.read()}")

    try:
        output = wait_for("Serving on")
        assert "pipe.md is not a regular file" in output
        assert _get(url) == 200
        mark = len(output)
        (hub_root / "content" / "bomb.md").write_text(BOMB)
        output = wait_for("got [[[...]", mark)
        output = wait_for("Documentation built", mark)
        assert _get(url) == 200
        assert _get(url + "battlecards/rival/") == 200
        assert "Traceback" not in output and "internal error" not in output
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


# 4. INHERIT, followed as MkDocs follows it.


def test_inherited_settings_are_the_hubs_settings(hub_root: Path) -> None:
    base = (hub_root / "mkdocs.yml").read_text()
    (hub_root / "config").mkdir()
    (hub_root / "config" / "base.yml").write_text(
        base.replace("docs_dir: content", "docs_dir: ../nowhere")
    )
    (hub_root / "mkdocs.yml").write_text("INHERIT: config/base.yml\ndocs_dir: content\n")
    (hub_root / "content" / "typo.md").write_text(ASSET + "An e-mail.\n")
    done = smarthub("check", "--today", TODAY, cwd=hub_root)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith(
        "content/typo.md:10:4: error TERM001 'e-mail' is not our language: use 'email' [term.avoided]\n"
    )
    staged = hub_root.parent / "staged"
    assert smarthub("stage", staged, cwd=hub_root).returncode == 0
    settings = (staged / "mkdocs.yml").read_text()
    assert "INHERIT" not in settings and "site_name: Test hub" in settings
    built = mkdocs("build", cwd=staged)  # the staged configuration stands alone
    assert built.returncode == 0, built.stderr


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"mkdocs.yml": "INHERIT: a.yml\n", "a.yml": "INHERIT: mkdocs.yml\n"},
            "smarthub: mkdocs.yml: INHERIT goes round in a loop (mkdocs.yml -> a.yml -> "
            "mkdocs.yml): remove one INHERIT\n",
        ),
        (
            {"mkdocs.yml": "site_name: x\nINHERIT: missing.yml\n"},
            "smarthub: mkdocs.yml:2: INHERIT: the inherited file 'missing.yml' does not exist at "
            "{root}/missing.yml\n",
        ),
    ],
    ids=["loop", "missing"],
)
def test_inherit_problems_exit_2(hub_root: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (hub_root / name).write_text(text)
    for command in ("check", "build"):
        done = smarthub(command, cwd=hub_root)
        assert (done.returncode, done.stderr) == (2, message.format(root=hub_root))
