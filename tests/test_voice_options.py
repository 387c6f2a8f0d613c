"""The `voice` and `harvest` options: every problem reported at once, with its line, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import write_hub

CONFIG = """\
site_name: Hub
docs_dir: content
plugins:
  - smarthub:
      voice:
        phrases:
          - synergy
          - text: utilize
            because: longer
          - text: ""
        max_sentence_words: -3
        max_exclamations: lots
        reading_grade:
          default: 10
          webinar: 8
        unproven_claims: fastest
        pronouns: {avoid: [I], types: [brochure]}
        tone: calm
      harvest: {ignore: [ok, 3]}
"""


def test_every_voice_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    root = write_hub(tmp_path / "hub", {"mkdocs.yml": CONFIG})
    done = subprocess.run(
        [sys.executable, "-m", "smarthub", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = [line.removeprefix("smarthub: ") for line in done.stderr.splitlines()]
    assert lines == [  # in the file's order
        "mkdocs.yml:8: plugins.smarthub.voice.phrases[1]: unknown key because: use text, "
        "reason, instead, replace",
        "mkdocs.yml:10: plugins.smarthub.voice.phrases[2]: expected a phrase, or a mapping "
        "with 'text' (and reason, instead, replace)",
        "mkdocs.yml:11: plugins.smarthub.voice.max_sentence_words: expected a whole number "
        "of 0 or more, got -3",
        "mkdocs.yml:12: plugins.smarthub.voice.max_exclamations: expected a whole number of "
        "0 or more, got 'lots'",
        "mkdocs.yml:15: plugins.smarthub.voice.reading_grade.webinar: 'webinar' is neither "
        "'default' nor one of the asset_types (battlecard, case-study, email-template, "
        "one-pager, talk-track)",
        "mkdocs.yml:16: plugins.smarthub.voice.unproven_claims: expected a list of words or "
        "phrases, for example [fastest, leading]",
        "mkdocs.yml:17: plugins.smarthub.voice.pronouns.types: expected a list of asset types "
        "from battlecard, case-study, email-template, one-pager, talk-track",
        "mkdocs.yml:18: plugins.smarthub.voice.tone: unknown voice option: known ones are "
        "phrases, max_sentence_words, max_exclamations, reading_grade, unproven_claims, "
        "pronouns, min_words_for_grade",
        "mkdocs.yml:19: plugins.smarthub.harvest.ignore: expected a list of words or phrases, "
        "for example [e-mail, Acme Corp]",
    ]
