"""What a plain ``smarthub check`` imports: start-up cost a later change must not bring back.

Every module below is imported on demand, where the feature that needs it runs; a check of
a hub that uses none of those features must not pay for them (each costs 1-10 ms of CPU at
every start). The probe runs the real command in a fresh interpreter and lists what it
imported. The opt-in rules' helpers (``html.parser``, ``smarthub.voice.prose``) are held by
``tests/test_rule_imports.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import entry

GLOSSARY = {
    "glossary/email.md": entry(
        """
        term: email
        avoid: [e-mail]
        owner: marketing
        approved_by: [sales, marketing]
        """,
        "A message to an inbox.\n",
    ),
}
ASSET = entry(
    """
    title: Follow-up
    type: email-template
    owner: marketing
    status: draft
    reviewed: 2026-01-05
    """,
    "Send the e-mail.\n",
)

# What a plain check never needs, and the feature that would need it.
NOT_IMPORTED = {
    "smarthub.baseline": "a baseline file",
    "inflect": "a plural to suggest",
    "multiprocessing": "--jobs",
    "concurrent.futures": "--jobs",
    "smarthub.cache": "the cache (--no-cache skips it)",
    "smarthub.fix": "--fix",
    "smarthub.site": "build or serve",
    "mkdocs": "build or serve",
    "jinja2": "build or serve",
    "smarthub.report.sarif": "--format sarif",
    "smarthub.report.junit": "--format junit",
    "smarthub.report.rdjson": "--format rdjson",
    "smarthub.report.github": "--format github",
}

_PROBE = """
import json, sys
from smarthub.cli import main
sys.argv = ['smarthub', *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imported_by(root: Path, *args: str) -> set[str]:
    """The modules loaded once ``smarthub <args>`` has run in the hub's folder."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.fixture
def plain(hub: Callable[..., Path]) -> Path:
    return hub({**GLOSSARY, "content/emails/follow-up.md": ASSET})


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_plain_check_imports_only_what_it_uses(plain: Path, output_format: str) -> None:
    loaded = imported_by(plain, "check", "--no-cache", "--format", output_format)
    assert "smarthub.checks.terms" in loaded  # the probe saw a real check
    unwanted = {module: why for module, why in NOT_IMPORTED.items() if module in loaded}
    assert unwanted == {}


def test_the_features_still_import_what_they_need(hub: Callable[..., Path]) -> None:
    # The same probe sees each module arrive once its feature is used: the list above
    # is not passing because the probe is blind.
    plural = ASSET.replace("Send the e-mail.", "Send the e-mails.")
    root = hub({**GLOSSARY, "content/emails/follow-up.md": plural})
    assert "smarthub.baseline" in imported_by(root, "baseline")  # writes the default file
    assert (root / ".smarthub-baseline.json").is_file()
    loaded = imported_by(root, "check", "--no-cache", "--format", "sarif")
    assert {"smarthub.baseline", "inflect", "smarthub.report.sarif"} <= loaded


def test_commands_after_start_up_run_with_the_collector_on(plain: Path) -> None:
    # python -m smarthub imports with the cyclic collector off (5 ms of a check); a command
    # that keeps running (serve, lsp, build) must get it back, with the start-up frozen.
    probe = (
        "import gc, runpy, sys\n"
        "sys.argv = ['smarthub', 'rules']\n"
        "runpy.run_module('smarthub', run_name='__main__')\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=plain, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.startswith("GLOS001")
    assert done.stderr.strip().splitlines()[-1] == "True True"
