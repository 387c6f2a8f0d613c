"""Which hub files changed against a git ref, for checking only what a pull request touched."""

from __future__ import annotations

import subprocess
from pathlib import Path

from smarthub import kinds
from smarthub.config import ConfigError, HubConfig


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise ConfigError(["--changed-since needs git, which is not installed here"]) from None


def changed_paths(config: HubConfig, ref: str) -> list[Path] | None:
    """Files to check for a change against ``ref``; ``None`` means check everything.

    Added, modified and renamed files count, and so do untracked ones. A change to the
    configuration, the glossary or the personas can create findings anywhere, so it
    returns ``None``.
    """
    top = _git(config.root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ConfigError([f"--changed-since: {config.root} is not inside a git repository"])
    if _git(config.root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise ConfigError(
            [f"--changed-since: '{ref}' is not a commit, branch or tag in this repository"]
        )
    toplevel = Path(top.stdout.strip()).resolve()
    diff = _git(toplevel, "diff", "--name-only", "-z", "--diff-filter=ACMR", ref, "--")
    untracked = _git(toplevel, "ls-files", "--others", "--exclude-standard", "-z")
    for done in (diff, untracked):
        if done.returncode != 0:
            raise ConfigError([f"--changed-since: git failed: {done.stderr.strip()}"])
    names = {name for done in (diff, untracked) for name in done.stdout.split("\0") if name}
    changed = [(toplevel / name).resolve() for name in sorted(names)]
    # A change to a file others refer to (a term, a persona) can change every file's findings.
    everything = [
        config.config_file,
        *(
            config.root / kind.folder(config)
            for kind in kinds.all_kinds()
            if kinds.always_loaded(kind)
        ),
    ]
    if any(
        path == target or path.is_relative_to(target) for path in changed for target in everything
    ):
        return None
    return [
        path
        for path in changed
        if path.suffix == ".md" and path.is_relative_to(config.root) and path.is_file()
    ]
