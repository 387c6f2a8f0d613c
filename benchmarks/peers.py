"""The tools smarthub is measured against: Vale, textlint-rule-terminology and ripgrep.

Each gets a term list generated from the hub's own glossary, so they look for the same
forms: each avoided form of a term that is not deprecated suggests the entry's canonical
term, and the terms whose casing is ``exact`` are checked for their exact spelling.

- Vale (the main peer) gets a glossary file, one term a line, ``[=]Preferred|avoided|...``
  (``=``: exact case), from which ``../shared/peers/vale/run_vale_terms.sh`` writes a Vale
  style (a substitution rule plus a vocabulary); the benchmark then times the ``vale``
  command alone with that style.
- textlint-rule-terminology gets one pattern per avoided form (words joined by any
  whitespace, inflections ``s``, ``es``, ``'s`` and ``s'`` allowed) and the exact terms as
  plain words (its exact-case check).
- ripgrep gets the same patterns, one a line.

textlint is installed by the benchmark itself with npm, at pinned versions, into
``benchmarks/.cache/textlint``; ripgrep comes from the Debian package when the benchmark
runs as root and ``rg`` is missing; Vale is unpacked by its script into
``~/.cache/smarthub-peers``. A tool that cannot be had is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

TEXTLINT_VERSION = "15.8.0"
TERMINOLOGY_VERSION = "5.2.16"
INFLECTION = "(s|es|['’]s|s['’])?"
_REGEX_META = re.compile(r"[\\.+*?()|\[\]{}^$]")
VALE_DIR = Path(__file__).resolve().parents[2] / "shared" / "peers" / "vale"
VALE_SCRIPT = VALE_DIR / "run_vale_terms.sh"
_TEXTLINT_MESSAGE = re.compile(r"Incorrect term: “(.*)”, use “(.*)” instead", re.DOTALL)


@dataclass(frozen=True)
class Tool:
    """A peer that is ready to run, or the reason it is not."""

    name: str
    argv: tuple[str, ...] = ()
    version: str = ""
    skipped: str = ""


@dataclass(frozen=True)
class GlossaryEntry:
    """What the peers need from one glossary entry."""

    term: str
    avoid: tuple[str, ...]
    casing: str
    status: str


def read_glossary(folder: Path) -> list[GlossaryEntry]:
    """The entries of ``folder`` (``glossary/``), read from their front matter."""
    entries = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        if not text.startswith("---"):
            continue
        meta = yaml.safe_load(text.split("\n---", 1)[0][3:]) or {}
        if not isinstance(meta, dict) or not isinstance(meta.get("term"), str):
            continue
        avoid = tuple(
            item["text"] if isinstance(item, dict) else str(item)
            for item in meta.get("avoid") or ()
        )
        entries.append(
            GlossaryEntry(
                meta["term"], avoid, meta.get("casing", "any"), meta.get("status", "approved")
            )
        )
    return entries


def escape(text: str) -> str:
    """Escape regex metacharacters the same way for JavaScript and Rust (ripgrep)."""
    return _REGEX_META.sub(lambda match: "\\" + match.group(), text)


def form_pattern(form: str) -> str:
    """A form as a regex: its words separated by any whitespace, inflection captured."""
    return r"\s+".join(escape(word) for word in form.split()) + INFLECTION


def textlint_config(entries: list[GlossaryEntry]) -> dict:
    """A ``.textlintrc`` for textlint-rule-terminology equivalent to the glossary.

    ``defaultTerms: false`` drops the rule's built-in list; ``skip: []`` checks block quotes
    too, as smarthub does. A ``$`` in a term is doubled: replacements are JavaScript
    replacement strings, where ``$1`` is the captured inflection.
    """
    pairs = [
        [form_pattern(form), entry.term.replace("$", "$$") + "$1"]
        for entry in entries
        if entry.status != "deprecated"
        for form in entry.avoid
    ]
    exact = sorted(
        (
            entry.term
            for entry in entries
            if entry.casing == "exact"
            and entry.status != "deprecated"
            and not _REGEX_META.search(entry.term)
        ),
        key=lambda term: (-len(term), term),
    )
    return {
        "rules": {"terminology": {"defaultTerms": False, "skip": [], "terms": [*exact, *pairs]}}
    }


def ripgrep_patterns(entries: list[GlossaryEntry]) -> str:
    """The avoided forms, one regex a line, for ``rg -f``."""
    lines = [
        form_pattern(form)
        for entry in entries
        if entry.status != "deprecated"
        for form in entry.avoid
    ]
    return "\n".join(lines) + "\n"


def textlint_counts(output: str, root: Path) -> tuple[Counter[str], Counter[str]]:
    """Per-file counts of textlint's avoided-form and wrong-case reports, from ``--format json``."""
    avoided: Counter[str] = Counter()
    casing: Counter[str] = Counter()
    for result in json.loads(output or "[]"):
        rel = Path(result["filePath"]).resolve().relative_to(root.resolve()).as_posix()
        for message in result["messages"]:
            found = _TEXTLINT_MESSAGE.match(message.get("message", ""))
            if found is None:
                continue
            wrong, right = found.groups()
            if wrong.casefold() == right.casefold():
                casing[rel] += 1
            else:
                avoided[rel] += 1
    return avoided, casing


def ripgrep_counts(output: str) -> Counter[str]:
    """Per-file match counts from ``rg --vimgrep`` output."""
    counts: Counter[str] = Counter()
    for line in output.splitlines():
        path = line.split(":", 1)[0]
        if path:
            counts[path] += 1
    return counts


def _version(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return (
        (done.stdout or done.stderr).strip().splitlines()[0]
        if (done.stdout or done.stderr).strip()
        else "unknown"
    )


def ensure_textlint(cache: Path) -> Tool:
    """textlint and textlint-rule-terminology at pinned versions, installed into ``cache``."""
    name = f"textlint {TEXTLINT_VERSION} + textlint-rule-terminology {TERMINOLOGY_VERSION}"
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return Tool(name, skipped="node and npm are needed to install textlint; not found")
    folder = cache / "textlint"
    script = folder / "node_modules" / "textlint" / "bin" / "textlint.js"
    if not _installed(folder) or not script.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        package = {
            "name": "smarthub-bench-peers",
            "private": True,
            "dependencies": {
                "textlint": TEXTLINT_VERSION,
                "textlint-rule-terminology": TERMINOLOGY_VERSION,
            },
        }
        (folder / "package.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
        print(f"Installing {name} into {folder} (npm)...", flush=True)
        done = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(folder),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not script.is_file():
            return Tool(name, skipped=f"npm install failed: {done.stderr.strip()[-300:]}")
    return Tool(name, (node, str(script)), _version([node, str(script), "--version"]))


def _installed(folder: Path) -> bool:
    for package, version in (
        ("textlint", TEXTLINT_VERSION),
        ("textlint-rule-terminology", TERMINOLOGY_VERSION),
    ):
        manifest = folder / "node_modules" / package / "package.json"
        try:
            if json.loads(manifest.read_text(encoding="utf-8")).get("version") != version:
                return False
        except (OSError, ValueError):
            return False
    return True


def ensure_ripgrep() -> Tool:
    """``rg`` from PATH, or from ``apt-get install ripgrep`` when running as root."""
    name = "ripgrep"
    rg = shutil.which("rg")
    if rg is None:
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            return Tool(
                name,
                skipped="rg is not installed and the benchmark is not root: apt-get install ripgrep",
            )
        print("Installing ripgrep (apt-get install -y ripgrep)...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-q", "ripgrep"]
        if subprocess.run(install, capture_output=True, env=env).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, env=env)
            subprocess.run(install, capture_output=True, env=env)
        rg = shutil.which("rg")
        if rg is None:
            return Tool(name, skipped="apt-get install ripgrep failed")
    return Tool(name, (rg,), _version([rg, "--version"]))


def vale_glossary(entries: list[GlossaryEntry]) -> str:
    """The terms textlint gets, as Vale's script reads them: ``[=]Preferred|avoided|...``.

    The same entries as ``textlint_config``: every term that is not deprecated and has
    avoided forms or exact casing.
    """
    lines = [
        ("=" if entry.casing == "exact" else "") + "|".join((entry.term, *entry.avoid))
        for entry in entries
        if entry.status != "deprecated" and (entry.avoid or entry.casing == "exact")
    ]
    return "\n".join(lines) + "\n"


def vale_style(glossary: Path, work: Path, vale: Tool) -> Path:
    """Write Vale's configuration and style for ``glossary`` into ``work``; return ``.vale.ini``.

    The peer's own script writes them (on an empty folder, so Vale's run there costs
    nothing), so the benchmark lints with exactly the style its README describes.
    """
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "VALE_KEEP": "1", "VALE_WORK": str(work), "VALE_BIN": vale.argv[0]}
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(
            ["bash", str(VALE_SCRIPT), empty, str(glossary)],
            capture_output=True,
            text=True,
            env=env,
        )
    if done.returncode != 0:
        raise RuntimeError(f"run_vale_terms.sh failed: {done.stderr.strip()[-300:]}")
    return work / ".vale.ini"


def vale_counts(output: str, root: Path) -> tuple[Counter[str], Counter[str]]:
    """Per-file counts of Vale's avoided-form and wrong-case reports, from ``--output=JSON``.

    ``Glossary.Terms`` (the substitution rule) reports avoided forms; ``Vale.Terms``
    reports a vocabulary term in the wrong case.
    """
    avoided: Counter[str] = Counter()
    casing: Counter[str] = Counter()
    for name, alerts in (json.loads(output or "{}") or {}).items():
        path = Path(name)
        if not path.is_absolute():
            path = root / path
        rel = path.resolve().relative_to(root.resolve()).as_posix()
        for alert in alerts:
            if alert.get("Check") == "Glossary.Terms":
                avoided[rel] += 1
            elif alert.get("Check") == "Vale.Terms":
                casing[rel] += 1
    return avoided, casing


def ensure_vale() -> Tool:
    """The Vale binary of ``../shared/peers/vale``, unpacked once into the user's cache."""
    name = "Vale"
    if not VALE_SCRIPT.is_file():
        return Tool(name, skipped=f"no Vale peer at {VALE_DIR}")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    binary = Path(os.environ.get("VALE_BIN") or cache / "smarthub-peers" / "vale")
    if not os.access(binary, os.X_OK):
        binary.parent.mkdir(parents=True, exist_ok=True)
        try:
            with binary.open("wb") as out:
                subprocess.run(["xz", "-dc", str(VALE_DIR / "vale.xz")], stdout=out, check=True)
            binary.chmod(0o755)
        except (OSError, subprocess.CalledProcessError) as error:
            return Tool(name, skipped=f"could not unpack vale.xz: {error}")
    return Tool(name, (str(binary),), _version([str(binary), "--version"]))
