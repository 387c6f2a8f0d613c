"""How long ``smarthub serve`` takes from saving an asset until its page shows the change.

    python benchmarks/serve_latency.py [--assets 1000] [--saves 5] [--only synthetic|sample]

For each hub (a synthetic hub of ``--assets`` assets, then a copy of this repository's
sample hub), it starts ``smarthub serve`` on a free localhost port, waits for the first
build, then saves one asset ``--saves`` times (one line appended each time, as an editor
would save it) and polls the asset's page over HTTP every 20 ms until the served HTML holds
the new line. The time from the save to that response is one latency; the median of the
saves is the figure (issue 15 wants at most 1.5 s at 1,000 assets and 0.5 s on the sample
hub). Beside it, the CPU time the server process spent over the same interval (from
``/proc``), which load from other jobs on the machine barely moves. Both hubs live in a temporary folder, so the repository is never written.

Every wait is bounded (first build, each save); a server that fails or never shows the
change is reported with the tail of its log, and the script exits 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import synth

SAMPLE_HUB = Path(__file__).resolve().parents[1]
SAMPLE_PARTS = ("mkdocs.yml", "content", "glossary", "personas", "playbooks")
POLL_S = 0.02
FIRST_BUILD_S = 600.0  # a 1,000-asset hub's first build takes minutes on a loaded machine
SAVE_TIMEOUT_S = 600.0  # a whole-site rebuild at 1,000 assets takes minutes on a loaded machine
SETTLE_S = 1.0  # let the rebuild that served the change finish before the next save


@dataclass
class Latency:
    """One hub's figures: the first build and the latency of each save."""

    hub: str
    page: str
    first_build_s: float = 0.0
    saves_s: list[float] = field(default_factory=list)
    cpu_s: list[float] = field(default_factory=list)  # the server's CPU time per save
    error: str = ""

    @property
    def median_s(self) -> float:
        """Median latency from save to changed page, in seconds."""
        return statistics.median(self.saves_s)

    @property
    def median_cpu_s(self) -> float:
        """Median CPU time the server spent from a save until the changed page was served."""
        return statistics.median(self.cpu_s)


def cpu_time(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its waited-for children, from ``/proc``.

    Other load on the machine stretches the wall-clock latency but barely this figure.
    """
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A TCP port on localhost that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    """The page's HTML, or None while the server does not answer with it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def page_url(port: int, relative: str) -> str:
    """The served URL of ``content/<relative>.md`` (MkDocs' directory URLs)."""
    path = relative.removesuffix(".md")
    if path.endswith("/index") or path == "index":
        path = path.removesuffix("index")
    else:
        path += "/"
    return f"http://127.0.0.1:{port}/{path}"


def wait_for(url: str, needle: str, timeout_s: float, server: subprocess.Popen[bytes]) -> float:
    """Poll ``url`` until its HTML contains ``needle``; return when, or raise TimeoutError."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        html = fetch(url)
        if html is not None and needle in html:
            return time.perf_counter()
        if server.poll() is not None:
            raise RuntimeError(f"smarthub serve exited with code {server.returncode}")
        time.sleep(POLL_S)
    raise TimeoutError(f"{url} did not show {needle!r} within {timeout_s:.0f} s")


def measure_hub(name: str, root: Path, asset: str, saves: int, log: Path) -> Latency:
    """Serve ``root``, save ``content/<asset>`` ``saves`` times, time each until its page changes."""
    port = free_port()
    url = page_url(port, asset)
    result = Latency(name, url)
    path = root / "content" / asset
    argv = [sys.executable, "-m", "smarthub", "serve", "-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    print(f"{name}: serving on port {port}, page {url}", flush=True)
    with log.open("wb") as out:
        started = time.perf_counter()
        server = subprocess.Popen(argv, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            result.first_build_s = wait_for(url, "</html>", FIRST_BUILD_S, server) - started
            print(f"  first build served after {result.first_build_s:.1f} s", flush=True)
            time.sleep(SETTLE_S)
            for number in range(1, saves + 1):
                marker = f"Latency probe {number} zqvx{os.getpid()}"
                with path.open("a", encoding="utf-8") as asset_file:
                    asset_file.write(f"\n{marker}.\n")
                saved, cpu = time.perf_counter(), cpu_time(server.pid)
                result.saves_s.append(wait_for(url, marker, SAVE_TIMEOUT_S, server) - saved)
                result.cpu_s.append(cpu_time(server.pid) - cpu)
                print(
                    f"  save {number}: page changed after {result.saves_s[-1]:.2f} s "
                    f"(server CPU {result.cpu_s[-1]:.2f} s)",
                    flush=True,
                )
                time.sleep(SETTLE_S)
        except (RuntimeError, TimeoutError) as error:
            result.error = str(error)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    if result.error:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-10:]
        result.error += "\n    " + "\n    ".join(tail)
    return result


def sample_copy(folder: Path) -> Path:
    """A copy of the sample hub's files (the repository itself is never written)."""
    root = folder / "sample-hub"
    root.mkdir()
    for part in SAMPLE_PARTS:
        source = SAMPLE_HUB / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)
    return root


def main() -> None:
    """Measure the hubs asked for and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=1000, help="synthetic hub size")
    parser.add_argument("--saves", type=int, default=5, help="saves per hub (median taken)")
    parser.add_argument("--only", choices=("synthetic", "sample"), help="measure one hub only")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="smarthub-serve-") as tmp:
        folder = Path(tmp)
        if args.only != "sample":
            root = folder / f"hub-{args.assets}"
            synth.generate(root, args.assets)
            asset = "battlecards/topic-000/battlecard-00000.md"
            name = f"synthetic {args.assets:,}"
            results.append(measure_hub(name, root, asset, args.saves, folder / "serve-synth.log"))
        if args.only != "synthetic":
            root = sample_copy(folder)
            asset = "battlecards/vs-tallybridge.md"
            results.append(
                measure_hub("sample hub", root, asset, args.saves, folder / "serve-sample.log")
            )
    print(f"\nload average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(
        "| hub | first build s | save to changed page, s (each) | median s | median server CPU s |"
    )
    print("|---|---|---|---|---|")
    for result in results:
        if result.error:
            print(f"| {result.hub} | failed: {result.error.splitlines()[0]} | | | |")
            continue
        each = ", ".join(f"{seconds:.2f}" for seconds in result.saves_s)
        print(
            f"| {result.hub} | {result.first_build_s:.1f} | {each} | {result.median_s:.2f} "
            f"| {result.median_cpu_s:.2f} |"
        )
    for result in results:
        if result.error:
            print(f"\n{result.hub}: {result.error}", file=sys.stderr)
    sys.exit(1 if any(result.error for result in results) else 0)


if __name__ == "__main__":
    main()
