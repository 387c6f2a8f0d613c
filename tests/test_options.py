"""One option table: every option is validated by `smarthub check` and known to the plugin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from smarthub.options import NAMES
from smarthub.site.plugin import SmarthubPlugin
from tests.conftest import write_hub

CONFIG = """\
site_name: Hub
docs_dir: content
plugins:
  - search
  - smarthub:
      teams: [sales, marketing]
      link_terms: banana
      search_boost: 7
      drafts: "yes"
"""


def test_site_options_are_validated_by_check_with_their_lines(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", {"mkdocs.yml": CONFIG})
    done = subprocess.run(
        [sys.executable, "-m", "smarthub", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [  # in the file's order, as the reader goes down it
        "smarthub: mkdocs.yml:7: plugins.smarthub.link_terms: expected true or false, got 'banana'",
        "smarthub: mkdocs.yml:8: plugins.smarthub.search_boost: expected true or false, got 7",
        "smarthub: mkdocs.yml:9: plugins.smarthub.drafts: expected true or false, got 'yes'",
    ]


def test_mkdocs_build_refuses_the_same_options_in_the_same_words(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", {"mkdocs.yml": CONFIG})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "mkdocs.yml:7: plugins.smarthub.link_terms: expected true or false, got 'banana'" in (
        done.stderr + done.stdout
    )


def test_the_plugin_scheme_is_the_option_table() -> None:
    assert tuple(name for name, _ in SmarthubPlugin.config_scheme) == NAMES
