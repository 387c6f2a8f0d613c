"""The hub walk lists files from folder listings, without a ``stat`` or ``Path`` per file.

What it finds, in what order and with which refusal must be what a plain ``os.walk`` with a
``stat`` per file finds: path order (``a/b.md`` before ``a-b/c.md``), hidden names left out,
links to folders never followed nor listed as files, links, pipes and unsafe names refused.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from smarthub.config import load_config
from smarthub.load.files import discover, refusal
from tests.conftest import write_hub

TREE = {
    "content/a/b.md": "B.\n",
    "content/a-b/c.md": "C.\n",
    "content/a.b/d.md": "D.\n",
    "content/A/e.md": "E.\n",
    "content/a/z/deep.md": "Deep.\n",
    "content/index.md": "# Home\n",
    "content/notes.txt": "not Markdown\n",
    "content/.hidden/secret.md": "Hidden.\n",
    "content/a/.draft.md": "Draft.\n",
    "content/Ünïcode.md": "U.\n",
    'content/quote".md': "Q.\n",
    "glossary/email.md": "---\nterm: email\n---\nE.\n",
}


def expected_walk(root: Path, folder: str) -> list[tuple[str, str | None]]:
    """The walk as it was: ``os.walk``, a ``Path`` per file, sorted as paths, ``refusal`` each."""
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(root / folder):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        found += [
            Path(directory) / name
            for name in files
            if name.endswith(".md") and not name.startswith(".")
        ]
    return [(path.relative_to(root).as_posix(), refusal(path, root)) for path in sorted(found)]


def test_the_walk_finds_what_os_walk_finds_in_the_same_order(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", TREE)
    content = root / "content"
    (content / "folder-link.md").symlink_to(content / "a", target_is_directory=True)
    (content / "a" / "linked-folder").symlink_to(content / "A", target_is_directory=True)
    (content / "file-link.md").symlink_to(content / "index.md")
    (content / "dangling.md").symlink_to(tmp_path / "missing.md")
    (content / "outside.md").symlink_to(tmp_path)  # a link out of the hub, to a folder
    (content / "folder.md").mkdir()
    os.mkfifo(content / "pipe.md")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(content / "socket.md"))
        config = load_config(root / "mkdocs.yml")
        walked = [(found.rel, found.refusal) for found in discover(config) if found.kind != "term"]
        expected = expected_walk(root, "content")
    assert walked[: len(expected)] == expected
    assert [rel for rel, _ in expected] == [
        "content/A/e.md",
        "content/a/b.md",
        "content/a/z/deep.md",
        "content/a-b/c.md",
        "content/a.b/d.md",
        "content/dangling.md",
        "content/file-link.md",
        "content/index.md",
        "content/pipe.md",
        'content/quote".md',
        "content/socket.md",
        "content/Ünïcode.md",
    ]
    refused = {rel for rel, why in expected if why}
    assert refused == {
        "content/dangling.md",
        "content/pipe.md",
        'content/quote".md',
        "content/socket.md",
    }
