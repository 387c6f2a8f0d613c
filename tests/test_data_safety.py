"""Data safety: --fix never leaves a half-written file and never writes outside the hub."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.test_cli import run
from tests.test_fix import GLOSSARY

ORIGINAL = "".join(f"Paragraph {n}: send the e-mail to Hubspot today.\n\n" for n in range(60_000))
FIXED = ORIGINAL.replace("e-mail", "email").replace("Hubspot", "HubSpot")


def test_killed_fix_leaves_old_or_new_file_never_a_mix(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, "content/index.md": ORIGINAL})
    page = root / "content/index.md"
    outcomes = set()
    for delay in (0.2, 0.6, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.5, 6.0, 9.0):
        page.write_text(ORIGINAL)
        process = subprocess.Popen(
            [sys.executable, "-m", "smarthub", "check", "--fix"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        content = page.read_text()
        assert content in (ORIGINAL, FIXED), f"half-written file after a kill at {delay} s"
        outcomes.add(content == FIXED)
    assert not list(root.rglob("*.md.*")) or all(
        p.name.startswith(".") for p in root.rglob("*.md.*")
    )
    # Kills landed both before the rename (old file) and after it (new file): the test saw both sides.
    assert outcomes == {False, True}


def test_fix_never_writes_through_a_symlink_out_of_the_hub(
    hub: Callable[..., Path], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("An e-mail outside the hub.\n")
    root = hub(GLOSSARY)
    (root / "content/link.md").symlink_to(outside)
    done = run(root, "check", "--fix")
    assert done.returncode == 1
    assert outside.read_text() == "An e-mail outside the hub.\n"
    assert "LOAD001 link.md is a symbolic link to a file outside the hub" in done.stdout
