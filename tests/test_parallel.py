"""A large hub checked in several processes gives exactly the single-process result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from smarthub.parallel import PARALLEL_FROM_FILES
from tests.conftest import entry
from tests.test_cli import run
from tests.test_fix import GLOSSARY

PAGES = {
    f"content/{index % 7}/page-{index:04d}.md": (
        entry(
            f"title: Page {index}\ntype: one-pager\nowner: {'sales' if index % 5 else 'nobody'}\n"
            f"status: draft\nreviewed: 2026-0{1 + index % 9}-01",
            f"Send the e-mail to Hubspot{index % 3 * 's'}, then the QBR {index}.\n",
        )
        if index % 11
        else f"# Page {index}\n\nA hot lead <!-- smarthub-disable-next-line -->\n"
    )
    for index in range(PARALLEL_FROM_FILES + 100)
}


# Glossary entries and personas are loaded once, before the workers fork: their own findings
# (a duplicate id, broken front matter, an avoided form in an entry) must still be reported
# once, as in one process.
SHARED_PROBLEMS = {
    "glossary/E-mail-twin.md": entry(
        "term: electronic mail\naliases: [Email]\nowner: sales\napproved_by: [sales]",
        "Not an e-mail.\n",
    ),
    "glossary/broken.md": "---\nterm: [unclosed\n---\nBody.\n",
    "glossary/nested/email.md": entry("term: email again\nowner: sales", "A hot lead.\n"),
    "personas/cfo.md": entry("name: CFO\nrole: Finance\nowner: nobody", "Reads every e-mail.\n"),
}


def test_parallel_check_matches_single_process(hub: Callable[..., Path]) -> None:
    root = hub({**GLOSSARY, **SHARED_PROBLEMS, **PAGES})
    single = run(root, "check", "-j", "1", "--today", "2026-11-23")
    parallel = run(root, "check", "-j", "2", "--today", "2026-11-23")
    assert single.returncode == parallel.returncode == 1
    assert parallel.stdout == single.stdout
    assert f"checked {len(PAGES) + len(GLOSSARY) + len(SHARED_PROBLEMS)} files" in single.stdout
    assert {"META001", "REFS001", "REVW001", "TERM001", "TERM003", "TERM004", "LINT001"} <= {
        line.split()[2] for line in single.stdout.splitlines()[:-1]
    }
    shared_findings = [
        line.split()[:3]
        for line in parallel.stdout.splitlines()
        if line.startswith(("glossary/", "personas/"))
    ]
    assert len(shared_findings) >= 5
    assert len({tuple(finding) for finding in shared_findings}) == len(shared_findings)
    for output_format in ("json", "junit"):
        assert (
            run(root, "check", "-j", "2", "--format", output_format, "--today", "2026-11-23").stdout
            == run(
                root, "check", "-j", "1", "--format", output_format, "--today", "2026-11-23"
            ).stdout
        )
