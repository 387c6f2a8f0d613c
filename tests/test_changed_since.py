"""``--changed-since``: only what a pull request touched, in a real git repository."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.conftest import entry
from tests.test_cli import run

GLOSSARY = {
    "glossary/email.md": entry(
        "term: email\navoid: [e-mail]\nowner: marketing\napproved_by: [sales, marketing]",
        "A message.\n",
    )
}


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def repo(hub: Callable[..., Path]) -> Path:
    root = hub(
        {**GLOSSARY, "content/a.md": "---\ntitle: A\n---\n", "content/old.md": "An e-mail.\n"}
    )
    for name in ("a", "old"):
        (root / f"content/{name}.md").write_text("An e-mail.\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def reported(root: Path, *args: str) -> list[str]:
    done = run(root, "check", "--format", "json", "--select", "TERM001", *args)
    assert done.returncode in (0, 1), done.stderr
    return sorted({finding["path"] for finding in json.loads(done.stdout)["findings"]})


def test_only_changed_added_renamed_and_untracked_files(hub: Callable[..., Path]) -> None:
    root = repo(hub)
    (root / "content/new.md").write_text("A new e-mail.\n")  # untracked
    git(root, "mv", "content/old.md", "content/renamed.md")
    git(root, "commit", "-q", "-m", "rename")
    assert reported(root, "--changed-since", "HEAD~1") == ["content/new.md", "content/renamed.md"]
    assert reported(root, "--changed-since", "HEAD") == ["content/new.md"]
    (root / "content/new.md").unlink()
    done = run(root, "check", "--changed-since", "HEAD")
    assert done.stdout == "All clear: checked 0 files, no findings.\n"


def test_glossary_change_checks_everything(hub: Callable[..., Path]) -> None:
    root = repo(hub)
    (root / "glossary/email.md").write_text((root / "glossary/email.md").read_text() + "\nMore.\n")
    assert reported(root, "--changed-since", "HEAD") == ["content/a.md", "content/old.md"]


def test_outside_git_and_unknown_ref_exit_2(hub: Callable[..., Path]) -> None:
    root = hub(GLOSSARY)
    outside = run(root, "check", "--changed-since", "main")
    assert outside.returncode == 2
    assert "is not inside a git repository" in outside.stderr
    inside = repo(hub)
    unknown = run(inside, "check", "--changed-since", "no-such-branch")
    assert unknown.returncode == 2
    assert (
        unknown.stderr
        == "smarthub: --changed-since: 'no-such-branch' is not a commit, branch or tag in this repository\n"
    )
