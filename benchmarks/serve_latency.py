"""How long ``smarthub serve`` takes from saving an asset until its page shows the change.

    python benchmarks/serve_latency.py [--assets 1000] [--saves 5] [--only synthetic|sample]
                                       [--servers smarthub,mkdocs-dirty]

For each hub (a synthetic hub of ``--assets`` assets, then a copy of this repository's
sample hub), it starts each server asked for (``smarthub``: ``smarthub serve``;
``mkdocs-dirty``: ``mkdocs serve --dirty``, MkDocs' own partial rebuild, for comparison) on
its own copy of the hub and a free localhost port, waits for each first build, then saves one
asset ``--saves`` times per server (one line appended each time, as an editor would save
it), the servers taking turns (A, B, B, A, ...), and polls the asset's page over HTTP every
20 ms until the served HTML holds the new line. The time from the save to that response is
one latency; the median of the saves is the figure (issue 15 wants at most 1.5 s at 1,000
assets and 0.5 s on the sample hub). Beside it, the CPU time the server process spent over
the same interval (from ``/proc``), which load from other jobs on the machine barely moves,
and the load average before and after. The hubs live in a temporary folder, so the
repository is never written.

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


SERVERS = {
    "smarthub": ["-m", "smarthub", "serve", "-a"],
    "mkdocs-dirty": ["-m", "mkdocs", "serve", "--dirty", "-a"],
}


class Session:
    """One server on its own copy of a hub: started, saved to, stopped."""

    def __init__(self, name: str, server: str, root: Path, asset: str, log: Path) -> None:
        self.port = free_port()
        self.result = Latency(name, page_url(self.port, asset))
        self.root = root
        self.path = root / "content" / asset
        self.server_kind = server
        self.log = log
        self.out = log.open("wb")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the server and wait for its first build to be served."""
        argv = [sys.executable, *SERVERS[self.server_kind], f"127.0.0.1:{self.port}"]
        env = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
        print(f"{self.result.hub}: serving on port {self.port}, {self.result.page}", flush=True)
        started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, cwd=self.root, env=env, stdout=self.out, stderr=subprocess.STDOUT
        )
        try:
            served = wait_for(self.result.page, "</html>", FIRST_BUILD_S, self.process)
            self.result.first_build_s = served - started
            print(f"  first build served after {self.result.first_build_s:.1f} s", flush=True)
        except (RuntimeError, TimeoutError) as error:
            self.result.error = str(error)

    def save(self, number: int) -> None:
        """Append a line to the asset and time it until its page shows the line."""
        if self.result.error or self.process is None:
            return
        marker = f"Latency probe {number} zqvx{os.getpid()}"
        with self.path.open("a", encoding="utf-8") as asset_file:
            asset_file.write(f"\n{marker}.\n")
        saved, cpu = time.perf_counter(), cpu_time(self.process.pid)
        try:
            changed = wait_for(self.result.page, marker, SAVE_TIMEOUT_S, self.process)
        except (RuntimeError, TimeoutError) as error:
            self.result.error = str(error)
            return
        self.result.saves_s.append(changed - saved)
        self.result.cpu_s.append(cpu_time(self.process.pid) - cpu)
        print(
            f"  {self.result.hub}, save {number}: page changed after "
            f"{self.result.saves_s[-1]:.2f} s (server CPU {self.result.cpu_s[-1]:.2f} s)",
            flush=True,
        )

    def stop(self) -> None:
        """Stop the server; keep the tail of its log with an error."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.out.close()
        if self.result.error:
            tail = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            self.result.error += "\n    " + "\n    ".join(tail[-10:])


def measure_hub(
    name: str, source: Path, asset: str, saves: int, servers: list[str], folder: Path
) -> list[Latency]:
    """Serve a copy of ``source`` per server; the servers take turns saving ``asset``."""
    sessions = []
    for server in servers:
        root = folder / f"{source.name}-{server}"
        shutil.copytree(source, root)
        label = f"{name}, {server}"
        sessions.append(Session(label, server, root, asset, folder / f"{root.name}.log"))
    try:
        for session in sessions:
            session.start()
        time.sleep(SETTLE_S)
        for number in range(1, saves + 1):
            # A, B, B, A, A, B...: neither server always goes first after the pause.
            turn = sessions if number % 2 else list(reversed(sessions))
            for session in turn:
                session.save(number)
                time.sleep(SETTLE_S)
    finally:
        for session in sessions:
            session.stop()
    return [session.result for session in sessions]


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


def load_average() -> str:
    """The 1, 5 and 15-minute load averages, as ``uptime`` prints them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    """Measure the hubs and servers asked for and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=1000, help="synthetic hub size")
    parser.add_argument("--saves", type=int, default=5, help="saves per hub (median taken)")
    parser.add_argument("--only", choices=("synthetic", "sample"), help="measure one hub only")
    parser.add_argument(
        "--servers",
        default="smarthub",
        help="comma-separated: smarthub (smarthub serve), mkdocs-dirty (mkdocs serve --dirty)",
    )
    args = parser.parse_args()
    servers = [name for name in args.servers.split(",") if name]
    unknown = [name for name in servers if name not in SERVERS]
    if unknown or not servers:
        parser.error(f"--servers: choose among {', '.join(SERVERS)}")
    results: list[Latency] = []
    print(f"load average at start: {load_average()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="smarthub-serve-") as tmp:
        folder = Path(tmp)
        if args.only != "sample":
            source = folder / f"hub-{args.assets}"
            synth.generate(source, args.assets)
            asset = "battlecards/topic-000/battlecard-00000.md"
            name = f"synthetic {args.assets:,}"
            results += measure_hub(name, source, asset, args.saves, servers, folder)
            print(f"load average: {load_average()}", flush=True)
        if args.only != "synthetic":
            source = sample_copy(folder)
            asset = "battlecards/vs-tallybridge.md"
            results += measure_hub("sample hub", source, asset, args.saves, servers, folder)
    print(f"\nload average at end: {load_average()}")
    print(
        "| hub, server | first build s | save to changed page, s (each) | median s "
        "| server CPU per save, s (each) | median server CPU s |"
    )
    print("|---|---|---|---|---|---|")
    for result in results:
        if result.error:
            print(f"| {result.hub} | failed: {result.error.splitlines()[0]} | | | | |")
            continue
        each = ", ".join(f"{seconds:.2f}" for seconds in result.saves_s)
        cpu = ", ".join(f"{seconds:.2f}" for seconds in result.cpu_s)
        print(
            f"| {result.hub} | {result.first_build_s:.1f} | {each} | {result.median_s:.2f} "
            f"| {cpu} | {result.median_cpu_s:.2f} |"
        )
    for result in results:
        if result.error:
            print(f"\n{result.hub}: {result.error}", file=sys.stderr)
    sys.exit(1 if any(result.error for result in results) else 0)


if __name__ == "__main__":
    main()
