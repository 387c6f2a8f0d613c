"""The preview's problem banner: under ``smarthub serve`` a page shows its file's findings.

Writers see what the check says where they are reading, not only in the terminal. Built
sites (``smarthub build``) never carry the banner. Every value is escaped.
"""

from __future__ import annotations

import html
from collections import defaultdict

from smarthub.engine import CheckResult
from smarthub.findings import Finding
from smarthub.site.index import HubIndex
from smarthub.site.source import sources_of_pages
from smarthub.wording import counted


def findings_by_page(
    result: CheckResult, index: HubIndex, page_sources: dict[str, str] | None = None
) -> dict[str, list[Finding]]:
    """The findings of each page's source file, keyed by the page's docs-relative path.

    ``page_sources`` is ``sources_of_pages(index)`` when the caller has it already.
    """
    sources = page_sources if page_sources is not None else sources_of_pages(index)
    page_of = {source: page for page, source in sources.items()}
    docs = index.config.docs_dir.strip("/") + "/"
    found: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        page = page_of.get(finding.path)
        if page is None and finding.path.startswith(docs):
            page = finding.path[len(docs) :]
        if page is not None:
            found[page].append(finding)
    return dict(found)


def banner(findings: list[Finding]) -> str:
    """The banner's HTML: one line per finding with its rule, line, column and message."""
    count = len(findings)
    items = "".join(
        f"<li><code>{html.escape(f.code)}</code> {html.escape(f.severity.value)} at line "
        f"{f.line}, column {f.column}: {html.escape(f.message)}</li>"
        for f in sorted(findings, key=lambda f: f.sort_key)
    )
    path = html.escape(findings[0].path)
    return (
        f'<div class="smarthub-banner" role="status"><p><strong>smarthub check: '
        f"{counted(count, 'problem')} in <code>{path}</code></strong> "
        f"(shown in the preview only)</p><ul>{items}</ul></div>\n"
    )
