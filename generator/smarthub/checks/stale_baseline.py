"""LINT002, the rule of stale baseline entries, declared apart from ``smarthub.baseline``.

Every check registers every rule, but most hubs have no baseline file: declaring the rule
here lets a check import the baseline's reader (``smarthub.baseline``, 3 ms with its
records) only when there is a file to read.
"""

from __future__ import annotations

from pathlib import Path

from smarthub.checks.registry import register
from smarthub.config import HubConfig
from smarthub.findings import Severity

BASELINE_NAME = ".smarthub-baseline.json"


def default_path(config: HubConfig) -> Path:
    """Where the baseline lives unless ``--baseline`` or ``-o`` says otherwise."""
    return config.root / BASELINE_NAME


STALE_BASELINE = register(
    "LINT002",
    "lint.stale-baseline",
    Severity.WARNING,
    "A baseline entry matches no remaining finding.",
    """
What it does: reports the entries of the baseline file (`.smarthub-baseline.json`, written
by `smarthub baseline`) that hide fewer findings than they record: the finding was fixed,
its sentence was edited, or its file is gone. The finding points at the entry's line in
the baseline file. Only files the check read are judged (with PATHS or `--changed-since`,
entries for other files are left alone), and only rules that ran.

Why: a baseline is a debt to burn down, not a place to hide new problems. A stale entry
would silently accept the next identical mistake in that file. `smarthub baseline --prune`
removes stale entries (and accepts no new finding).

Example that fails (the e-mail in content/a.md was fixed since the baseline was written):

    {"path": "content/a.md", "code": "TERM001", "match": "e-mail", "context": "send the … today", "count": 1}

Example that passes (content/a.md still says "Send the e-mail today."):

    {"path": "content/a.md", "code": "TERM001", "match": "e-mail", "context": "send the … today", "count": 1}
""",
)(None)
