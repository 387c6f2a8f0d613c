"""Hover latency of ``smarthub lsp`` on the sample hub, measured by a real client over stdio.

Issue 13's target: the server answers a hover in under 50 ms. This starts ``smarthub lsp``,
opens every asset of the sample hub, hovers on every glossary form in them (found with the
same matcher the server uses), round after round, and reports the median and the 95th
percentile of the request-to-answer time. It also times the first diagnostics of each
opened document. The figures are printed and written between markers into ``RESULTS.md``.

    python benchmarks/lsp_hover.py [--rounds 5] [--config-file OTHER/mkdocs.yml --documents 50]

With ``--config-file`` it measures another hub (its first ``--documents`` assets) and only
prints the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "generator"))

from smarthub.buffer import HubSnapshot  # noqa: E402
from smarthub.lsp.positions import LineIndex  # noqa: E402

RESULTS = REPO / "benchmarks" / "RESULTS.md"
BEGIN, END = "<!-- lsp-hover:begin -->", "<!-- lsp-hover:end -->"
TARGET_MS = 50.0


def hover_targets(
    snapshot: HubSnapshot, documents: int | None
) -> dict[Path, tuple[str, list[types.Position]]]:
    """Each asset's text and the UTF-16 position of the middle of every glossary form in it."""
    config = snapshot.config
    targets = {}
    for path in sorted((config.root / config.docs_dir).rglob("*.md"))[:documents]:
        text = path.read_text(encoding="utf-8")
        checked = snapshot.check(path.relative_to(config.root).as_posix(), text)
        if checked is None:
            continue
        lines = LineIndex(text)
        positions = []
        for region in checked.source.regions:
            for occurrence in checked.matcher.find(region.text):
                start, end = region.file_span(occurrence.start, occurrence.end)
                positions.append(lines.position((start + end) // 2))
        targets[path] = (text, positions)
    return targets


async def measure(rounds: int, config_file: Path, documents: int | None) -> dict[str, float]:
    snapshot = HubSnapshot(config_file)
    targets = hover_targets(snapshot, documents)
    client = LanguageClient("lsp-hover-benchmark", "1")
    published: dict[str, asyncio.Event] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.setdefault(params.uri, asyncio.Event()).set()

    root = config_file.parent
    await client.start_io(sys.executable, "-m", "smarthub", "lsp", cwd=str(root))
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
    )
    client.initialized(types.InitializedParams())
    open_times = []
    for path, (text, _) in targets.items():
        uri = path.as_uri()
        published[uri] = asyncio.Event()
        started = time.perf_counter()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="markdown", version=1, text=text
                )
            )
        )
        await published[uri].wait()
        open_times.append(time.perf_counter() - started)
    latencies = []
    answered = 0
    for _ in range(rounds):
        for path, (_, positions) in targets.items():
            for position in positions:
                started = time.perf_counter()
                hover = await client.text_document_hover_async(
                    types.HoverParams(
                        text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                        position=position,
                    )
                )
                latencies.append(time.perf_counter() - started)
                answered += hover is not None
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    latencies.sort()
    return {
        "documents": len(targets),
        "hovers": len(latencies),
        "answered": answered,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "max_ms": latencies[-1] * 1000,
        "open_median_ms": statistics.median(open_times) * 1000,
    }


def write_results(figures: dict[str, float], rounds: int) -> str:
    verdict = "**MET**" if figures["median_ms"] < TARGET_MS else "**NOT MET**"
    section = "\n".join(
        [
            BEGIN,
            "## Language server: hover latency (`smarthub lsp`)",
            "",
            f"`python benchmarks/lsp_hover.py --rounds {rounds}` on {dt.date.today().isoformat()}: "
            "a real LSP client over stdio opens every asset of the sample hub and hovers on "
            "every glossary form in them; request-to-answer time.",
            "",
            "| measure | figure |",
            "|---|---|",
            f"| documents opened | {figures['documents']} |",
            f"| hovers (answered with an entry) | {figures['hovers']:,} ({figures['answered']:,}) |",
            f"| hover median | {figures['median_ms']:.2f} ms |",
            f"| hover 95th percentile | {figures['p95_ms']:.2f} ms |",
            f"| hover slowest | {figures['max_ms']:.2f} ms |",
            f"| open to first diagnostics, median | {figures['open_median_ms']:.1f} ms |",
            f"| target: a hover answered in under {TARGET_MS:.0f} ms (median) | {verdict} |",
            END,
        ]
    )
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="hovers on every form, this often")
    parser.add_argument("--config-file", type=Path, help="another hub's mkdocs.yml")
    parser.add_argument("--documents", type=int, help="open at most this many assets")
    arguments = parser.parse_args()
    config_file = (arguments.config_file or REPO / "mkdocs.yml").absolute()
    figures = asyncio.run(measure(arguments.rounds, config_file, arguments.documents))
    if arguments.config_file is None:
        print(write_results(figures, arguments.rounds))
    else:
        print(figures)


if __name__ == "__main__":
    main()
