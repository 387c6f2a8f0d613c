"""Rules that a hub does not switch on import nothing they alone need.

An opt-in rule's helpers (``html.parser`` for HTML001, the sentence and syllable counter for
the VOICE rules) are imported on first use; a check of a hub that switches neither on
must not load them.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import entry

PAGE = entry(
    "title: Page\ntype: battlecard\nowner: sales\nstatus: draft\nreviewed: 2026-11-01",
    "Book the QBR early. <b onclick='x()'>Hi</b>! It is a great, great day.\n",
)
LOADED = (
    "import sys\n"
    "sys.argv = ['smarthub', 'check', '--no-cache', '--format', 'json']\n"
    "from smarthub.cli import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(sorted(m for m in ('html.parser', 'smarthub.voice.prose') if m in sys.modules),"
    " file=sys.stderr)\n"
)


def loaded_by_a_check(root: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", LOADED], cwd=root, capture_output=True, text=True, check=True
    )
    return done.stderr.strip().splitlines()[-1]


def test_a_check_without_opt_in_rules_loads_none_of_their_helpers(
    hub: Callable[..., Path],
) -> None:
    root = hub({"content/page.md": PAGE})
    assert loaded_by_a_check(root) == "[]"


def test_a_check_with_the_rules_switched_on_loads_their_helpers(
    hub: Callable[..., Path],
) -> None:
    options = {"severity": {"HTML001": "error"}, "voice": {"max_sentence_words": 5}}
    root = hub({"content/page.md": PAGE}, options)
    assert loaded_by_a_check(root) == "['html.parser', 'smarthub.voice.prose']"
