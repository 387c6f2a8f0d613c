"""META001 and LOAD001: problems met while loading files, reported as findings."""

from __future__ import annotations

from collections.abc import Iterator

from smarthub.checks.context import CheckContext
from smarthub.checks.registry import register
from smarthub.findings import Finding, Severity


def _load_problems(ctx: CheckContext, code: str, rule) -> Iterator[Finding]:
    reported = ctx.reported
    for problem in ctx.hub.problems:
        if problem.code == code and (reported is None or problem.source.rel in reported):
            yield ctx.finding(
                rule,
                problem.source,
                problem.start,
                problem.end,
                problem.message,
                problem.suggestion,
            )


@register(
    "META001",
    "meta.invalid",
    Severity.ERROR,
    "Front matter is missing, unreadable or breaks the file contract.",
    """
What it does: checks each file's YAML front matter against the contract for its folder
(glossary, personas, playbooks, content): present and closed, valid YAML, a mapping, every
required key there, every value of the right type, dates written `YYYY-MM-DD`, no unknown
keys (with a did-you-mean; custom keys go under `extra:`), no key twice, a deprecated term
with its `replaced_by`, a published asset with personas and stages, unique ids.

Why: the site, the coverage matrix and every other check read these values; a typo such
as `persnas:` would silently drop an asset from its persona's page.

Example that fails (an asset):

    ---
    title: Ledger Core battlecard
    type: battlecard
    persnas: [controller]
    ---

Example that passes:

    ---
    title: Ledger Core battlecard
    type: battlecard
    owner: marketing
    status: published
    reviewed: 2026-10-01
    personas: [controller]
    stages: [decision]
    ---
""",
)
def check_meta(ctx: CheckContext) -> Iterator[Finding]:
    return _load_problems(ctx, "META001", check_meta)


@register(
    "LOAD001",
    "load.unreadable",
    Severity.ERROR,
    "A file cannot be read as UTF-8 Markdown.",
    """
What it does: reports files that cannot be read as text: not UTF-8 (with the line and
column of the first bad byte), UTF-16, containing NUL bytes, too large, unreadable, a
folder named like a Markdown file, or a symbolic link that leaves the hub. A UTF-8 BOM and
CRLF line endings are fine and do not shift columns.

Why: a file that cannot be read cannot be checked or published; saying so beats skipping it.

Example that fails: a page saved as Windows-1252 with `café` in it.

Example that passes: the same page saved as UTF-8.
""",
)
def check_load(ctx: CheckContext) -> Iterator[Finding]:
    return _load_problems(ctx, "LOAD001", check_load)
