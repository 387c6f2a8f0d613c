"""Lighthouse accessibility scores of the sample hub's site: home, a term, a persona, an email
template and the catalog. Not run in CI (about a minute, and it needs npm).

    python benchmarks/lighthouse.py            # build the sample hub, serve it, score 5 pages

Lighthouse comes from npm, installed on first use into ``benchmarks/.cache/lighthouse`` (not
committed), and drives Debian's Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``).
Prints one line per page (score, then every failing audit) and exits 1 unless all are 100.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "benchmarks" / ".cache" / "lighthouse"
LIGHTHOUSE_VERSION = "12.8.2"
PAGES_ALL = {
    "home": "",
    "term": "glossary/marketing-qualified-lead/",
    "persona": "personas/cfo-mid-market/",
    "email template": "email-templates/post-demo-recap/",
    "catalog": "catalog/",
}
PAGES = {
    name: path
    for name, path in PAGES_ALL.items()
    if not os.environ.get("PAGES") or name in os.environ["PAGES"].split(",")
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def lighthouse() -> Path:
    """The Lighthouse command, installed with npm into the cache on first use."""
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(CACHE), f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )
    return binary


def build(folder: Path) -> Path:
    """A copy of the sample hub built into ``folder/site``."""
    for part in ("mkdocs.yml", "content", "glossary", "personas", "playbooks"):
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        else:
            shutil.copyfile(source, folder / part)
    subprocess.run(
        [sys.executable, "-m", "smarthub", "build", "-d", str(folder / "site")],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    return folder / "site"


def score(binary: Path, url: str, report: Path) -> tuple[int, list[str]]:
    """The accessibility score of ``url`` and the titles of its failing audits."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [
            str(binary),
            url,
            "--only-categories=accessibility",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env=env,
        check=True,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    category = result["categories"]["accessibility"]
    failing = []
    for ref in category["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if audit["score"] is None or audit["score"] >= 1:
            continue
        items = (audit.get("details") or {}).get("items") or []
        where = sorted({item.get("node", {}).get("selector", "?") for item in items})
        failing.append(f"{audit['id']}: {audit['title']} ({', '.join(where[:4])})")
    return round(category["score"] * 100), failing


def main() -> int:
    """Build, serve, score each page; exit 1 unless every page scores 100."""
    binary = lighthouse()
    with tempfile.TemporaryDirectory() as temporary:
        site = build(Path(temporary))
        handler = functools.partial(_Quiet, directory=str(site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        perfect = True
        try:
            for name, path in PAGES.items():
                value, failing = score(binary, base + path, Path(temporary) / "report.json")
                perfect &= value == 100
                print(f"{name:15} {value:3}  /{path}")
                for audit in failing:
                    print(f"{'':19}{audit}")
        finally:
            server.shutdown()
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())
