"""The comparisons: smarthub and a peer measured side by side on the same files in one run.

Each suite adds ``Row``s (one per tool and input) to the shared ``Results``. A tool that is
missing, or a command that fails, becomes a skipped row with the reason: one broken peer
never hides the other figures.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import peers
import synth
import yaml
from measure import Command, MeasureError, Measurement, measure, measure_interleaved

# From a git worktree the corpus is not two folders up: SMARTHUB_CORPUS names it, as for the tests.
CORPUS = Path(
    os.environ.get("SMARTHUB_CORPUS") or Path(__file__).resolve().parents[2] / "shared" / "corpus"
)
SAMPLE_HUB = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# Cold: every smarthub row is measured without the per-file cache unless it measures the cache.
CHECK = (
    PYTHON,
    "-m",
    "smarthub",
    "check",
    "--today",
    synth.TODAY.isoformat(),
    "--format",
    "json",
    "--no-cache",
)
VALE = "Vale (terms)"
TEXTLINT = "textlint + terminology"
RIPGREP = "ripgrep (floor)"
SHORT = {"smarthub check": "check", VALE: "vale", TEXTLINT: "textlint", RIPGREP: "rg"}
HUB_FOLDERS = ("content", "glossary", "personas", "playbooks")


@dataclass
class Settings:
    """How to measure: repetitions, time budget per command, folders, environment."""

    repetitions: int
    budget_s: float
    quick: bool
    workdir: Path
    cache: Path
    env: dict[str, str]


@dataclass
class Counts:
    """One tool's reports of avoided forms (and wrong case) on one input."""

    avoided: int
    casing: int | None = None
    matched: int | None = None  # planted findings it reported (synthetic hubs only)
    extra: int | None = None  # reports beyond the planted ones


@dataclass
class Row:
    """One tool on one input: its measurement (or why it was skipped) and its findings."""

    case: str
    tool: str
    measurement: Measurement | None = None
    skipped: str = ""
    counts: Counts | None = None
    baseline: Measurement | None = None
    kind: str = (
        "peer"  # peer | pr, cache: share of the full check | build | jobs: one process vs default
    )

    @property
    def ratio(self) -> float | None:
        """This row's median time divided by the smarthub run it is compared with."""
        if self.measurement is None or self.baseline is None:
            return None
        return self.measurement.median_s / self.baseline.median_s

    @property
    def cpu_ratio(self) -> float | None:
        """This row's median CPU time divided by that of the run it is compared with."""
        if self.measurement is None or self.baseline is None or not self.baseline.cpu_s:
            return None
        return self.measurement.cpu_s / self.baseline.cpu_s


@dataclass
class Hub:
    """An input: where it is, what it holds, and what was planted in it."""

    name: str
    root: Path
    files: int
    bytes: int
    manifest: synth.Manifest | None = None
    origin: str = ""


@dataclass
class Results:
    """Everything one benchmark run measured."""

    rows: list[Row] = field(default_factory=list)
    hubs: dict[str, Hub] = field(default_factory=dict)
    tools: list[peers.Tool] = field(default_factory=list)
    by_key: dict[str, Measurement] = field(default_factory=dict)
    counts: dict[str, Counts] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _measure(
    settings: Settings, results: Results, key: str, label: str, argv: Sequence[str], cwd: Path
) -> Measurement | str:
    """Measure one command under ``key``; on failure, a note and the reason instead."""
    print(f"  {label} ...", end="", flush=True)
    try:
        found = measure(
            label,
            argv,
            cwd,
            env=settings.env,
            repetitions=settings.repetitions,
            budget_s=settings.budget_s,
        )
    except MeasureError as error:
        print(f" failed\n{error}", flush=True)
        results.notes.append(f"{label} failed on {cwd.name}: {str(error).splitlines()[-1][:200]}")
        return f"{label} failed (see the note below)"
    print(f" {found.median_s:.2f} s (n={found.n}{', ' + found.note if found.note else ''})")
    results.by_key[key] = found
    return found


def _hub_size(root: Path) -> tuple[int, int]:
    files = [path for folder in HUB_FOLDERS for path in (root / folder).rglob("*.md")]
    return len(files), sum(path.stat().st_size for path in files)


def corpus_hub(workdir: Path) -> Hub | None:
    """The synthetic glossary and personas around a copy of ``../shared/corpus`` in ``content/``."""
    if not CORPUS.is_dir():
        return None
    root = workdir / "corpus-hub"
    synth.generate(root, assets=0, content=False)

    def ignore(folder: str, names: list[str]) -> list[str]:
        top = Path(folder) == CORPUS
        return [name for name in names if top and name in ("README.md", "MANIFEST.tsv", "LICENSES")]

    shutil.copytree(CORPUS, root / "content" / "corpus", ignore=ignore)
    files, size = _hub_size(root)
    return Hub("corpus", root, files, size, origin=f"{CORPUS} copied into content/corpus/")


def synthetic_hub(workdir: Path, assets: int, *, git: bool = False) -> Hub:
    """A generated hub; with ``git``, committed and then changed in one asset (a pull request)."""
    root = workdir / f"hub-{assets}"
    manifest = synth.generate(root, assets)
    origin = f"python benchmarks/synth.py <hub-{assets}> --assets {assets} --seed {synth.SEED}"
    if git:
        synth.commit_all(root)
        changed = synth.modify_one_asset(root)
        manifest.avoided_by_file[changed] = manifest.avoided_by_file.get(changed, 0) + 1
        manifest.planted["TERM001"] += 1
        origin += f" --git, then one line appended to {changed}"
    files, size = _hub_size(root)
    return Hub(f"synthetic {assets:,}", root, files, size, manifest, origin)


def _smarthub_counts(output: str, prefix: str) -> tuple[Counter[str], Counter[str]]:
    avoided: Counter[str] = Counter()
    casing: Counter[str] = Counter()
    for finding in json.loads(output)["findings"]:
        if finding["path"].startswith(prefix):
            if finding["code"] == "TERM001":
                avoided[finding["path"]] += 1
            elif finding["code"] == "TERM003":
                casing[finding["path"]] += 1
    return avoided, casing


def _counts(avoided: Counter[str], casing: Counter[str] | None, hub: Hub, prefix: str) -> Counts:
    counts = Counts(
        sum(count for path, count in avoided.items() if path.startswith(prefix)),
        None
        if casing is None
        else sum(count for path, count in casing.items() if path.startswith(prefix)),
    )
    if hub.manifest is not None:
        planted = hub.manifest.avoided_by_file
        counts.matched = sum(min(avoided.get(path, 0), count) for path, count in planted.items())
        counts.extra = sum(max(0, count - planted.get(path, 0)) for path, count in avoided.items())
    return counts


def _peer_row(
    results: Results,
    hub: Hub,
    key: str,
    tool: str,
    found: Measurement | MeasureError,
    counts: Counts | None,
    baseline: Measurement | None,
) -> None:
    if isinstance(found, MeasureError):
        message = str(found).splitlines()
        results.notes.append(f"{tool} failed on {hub.name}: {message[-1][:200]}")
        results.rows.append(Row(hub.name, tool, skipped=f"{message[0][:120]} (see the notes)"))
        return
    results.by_key[key] = found
    results.rows.append(Row(hub.name, tool, found, counts=counts, baseline=baseline))


def compare_with_peers(
    settings: Settings,
    results: Results,
    hub: Hub,
    key: str,
    *,
    textlint: bool = True,
    only: str | None = None,
) -> None:
    """smarthub check (cold), Vale, textlint and ripgrep on ``hub``, run by run in turn.

    Every tool gets the terms of the hub's glossary; for the corpus, findings are counted
    in ``content/corpus`` only. ``only`` (``vale``, ``textlint`` or ``rg``) measures that
    peer alone beside smarthub, so one slow pair can be re-run without the others.
    """
    print(f"{hub.name}: {hub.files:,} files, {hub.bytes / 1e6:.1f} MB", flush=True)
    prefix = "content/corpus/" if key == "corpus" else ""
    folders = [folder for folder in HUB_FOLDERS if (hub.root / folder).is_dir()]
    entries = peers.read_glossary(hub.root / "glossary")
    configs = settings.cache / "last-run"
    configs.mkdir(parents=True, exist_ok=True)
    tools = {tool.name: tool for tool in results.tools}
    commands = [Command("smarthub check", CHECK, hub.root)]
    labels = ["smarthub check"]

    vale = tools.get("Vale")
    if only in (None, "vale"):
        if vale is None or vale.skipped:
            reason = vale.skipped if vale else "not set up"
            results.rows.append(Row(hub.name, VALE, skipped=reason))
        else:
            glossary = configs / f"vale-glossary-{key}.txt"
            glossary.write_text(peers.vale_glossary(entries), encoding="utf-8")
            try:
                ini = peers.vale_style(glossary, configs / f"vale-{key}", vale)
            except RuntimeError as error:
                results.rows.append(Row(hub.name, VALE, skipped=str(error)))
            else:
                argv = [*vale.argv, "--no-exit", f"--config={ini}", "--output=JSON", "--glob=*.md"]
                commands.append(Command("vale", [*argv, *folders], hub.root))
                labels.append(VALE)

    lint = next(tool for name, tool in tools.items() if name.startswith("textlint"))
    if only in (None, "textlint"):
        if lint.skipped or not textlint:
            reason = lint.skipped or "skipped with --quick: one run takes minutes at this size"
            results.rows.append(Row(hub.name, TEXTLINT, skipped=reason))
        else:
            config = configs / f"textlintrc-{key}.json"
            config.write_text(
                json.dumps(peers.textlint_config(entries), ensure_ascii=False, indent=1),
                encoding="utf-8",
            )
            argv = [*lint.argv, "--config", str(config), "--format", "json", *folders]
            commands.append(Command("textlint", argv, hub.root))
            labels.append(TEXTLINT)

    rg = tools["ripgrep"]
    if only in (None, "rg"):
        if rg.skipped:
            results.rows.append(Row(hub.name, RIPGREP, skipped=rg.skipped))
        else:
            patterns = configs / f"rg-patterns-{key}.txt"
            patterns.write_text(peers.ripgrep_patterns(entries), encoding="utf-8")
            argv = [*rg.argv, "-i", "-w", "--vimgrep", "-f", str(patterns), *folders]
            commands.append(Command("rg", argv, hub.root))
            labels.append(RIPGREP)

    print(f"  {', '.join(command.label for command in commands)}, in turn ...", flush=True)
    measured = measure_interleaved(
        commands, env=settings.env, repetitions=settings.repetitions, budget_s=settings.budget_s
    )
    check = measured[0]
    baseline = check if isinstance(check, Measurement) else None
    for label, command, found in zip(labels, commands, measured, strict=True):
        if isinstance(found, MeasureError):
            print(f"    {command.label}: failed\n{found}", flush=True)
        if isinstance(found, Measurement):
            note = f", {found.note}" if found.note else ""
            print(f"    {command.label}: {found.median_s:.2f} s, CPU {found.cpu_s:.2f} s{note}")
        counts = None
        if isinstance(found, Measurement):
            if label == "smarthub check":
                avoided, casing = _smarthub_counts(found.output, prefix)
            elif label == VALE:
                avoided, casing = peers.vale_counts(found.output, hub.root)
            elif label == TEXTLINT:
                avoided, casing = peers.textlint_counts(found.output, hub.root)
            else:
                avoided, casing = peers.ripgrep_counts(found.output), None
            counts = _counts(avoided, casing, hub, prefix)
            results.counts[f"{SHORT[label]}:{key}"] = counts
        _peer_row(
            results,
            hub,
            f"{SHORT[label]}:{key}",
            label,
            found,
            counts,
            None if label == "smarthub check" else baseline,
        )


def check_has_jobs() -> bool:
    """Whether ``smarthub check`` takes ``--jobs`` (worker processes on large hubs)."""
    done = subprocess.run([*CHECK[:4], "--help"], capture_output=True, text=True)
    return "--jobs" in done.stdout


def single_process(settings: Settings, results: Results, hub: Hub, key: str) -> None:
    """``smarthub check --jobs 1``: the check in one process, as textlint runs."""
    argv = [*CHECK, "--jobs", "1"]
    done = _measure(settings, results, f"check1:{key}", "smarthub check --jobs 1", argv, hub.root)
    full = results.by_key.get(f"check:{key}")
    if isinstance(done, str):
        results.rows.append(Row(hub.name, "check --jobs 1 (one process)", skipped=done))
        return
    results.rows.append(
        Row(hub.name, "check --jobs 1 (one process)", done, baseline=full, kind="jobs")
    )


def pull_request_mode(settings: Settings, results: Results, hub: Hub, key: str) -> None:
    """``--changed-since HEAD`` after one asset changed, against the full check of the same hub."""
    full = results.by_key.get(f"check:{key}")
    argv = [*CHECK, "--changed-since", "HEAD"]
    done = _measure(
        settings, results, f"pr:{key}", "smarthub check --changed-since HEAD", argv, hub.root
    )
    if isinstance(done, str):
        results.rows.append(Row(hub.name, "check --changed-since HEAD", skipped=done))
        return
    results.rows.append(Row(hub.name, "check --changed-since HEAD", done, baseline=full, kind="pr"))


def site_commands_exist() -> str:
    """Empty when ``smarthub build`` and ``smarthub stage`` exist, else why not."""
    done = subprocess.run([PYTHON, "-m", "smarthub", "--help"], capture_output=True, text=True)
    missing = [name for name in ("build", "stage") if f"  {name} " not in done.stdout]
    return f"smarthub has no {' or '.join(missing)} command yet" if missing else ""


def build_versus_mkdocs(settings: Settings, results: Results, hub: Hub, key: str) -> None:
    """``smarthub build`` against a plain ``mkdocs build`` of the ``smarthub stage`` output."""
    case = f"site: {hub.name}"
    reason = site_commands_exist()
    if reason:
        results.rows.append(Row(case, "smarthub build", skipped=reason))
        return
    print(f"{case}: {hub.files:,} files", flush=True)
    staged = settings.workdir / f"stage-{key}"
    today = ("--today", synth.TODAY.isoformat())
    stage = subprocess.run(
        [
            PYTHON,
            "-m",
            "smarthub",
            "stage",
            str(staged),
            "-f",
            str(hub.root / "mkdocs.yml"),
            *today,
        ],
        capture_output=True,
        text=True,
        env=settings.env,
    )
    if stage.returncode != 0:
        results.rows.append(
            Row(
                case,
                "smarthub build",
                skipped=f"smarthub stage failed: {stage.stderr.strip()[-200:]}",
            )
        )
        return
    align_staged_config(staged / "mkdocs.yml")
    plain_argv = [
        PYTHON,
        "-m",
        "mkdocs",
        "build",
        "-f",
        str(staged / "mkdocs.yml"),
        "-d",
        str(settings.workdir / f"site-plain-{key}"),
    ]
    build_argv = [
        PYTHON,
        "-m",
        "smarthub",
        "build",
        "-f",
        str(hub.root / "mkdocs.yml"),
        "-d",
        str(settings.workdir / f"site-smarthub-{key}"),
        *today,
    ]
    plain_label, build_label = "mkdocs build of stage output", "smarthub build"
    print(f"  {plain_label}, {build_label}, in turn ...", flush=True)
    plain, built = measure_interleaved(
        [Command(plain_label, plain_argv, staged), Command(build_label, build_argv, hub.root)],
        env=settings.env,
        repetitions=settings.repetitions,
        budget_s=settings.budget_s,
    )
    baseline = plain if isinstance(plain, Measurement) else None
    for label, found, short in ((plain_label, plain, "mkdocs"), (build_label, built, "build")):
        if isinstance(found, MeasureError):
            print(f"    {label}: failed\n{found}", flush=True)
            results.notes.append(f"{label} failed: {str(found).splitlines()[-1][:200]}")
            results.rows.append(Row(case, label, skipped="failed (see the notes)"))
            continue
        print(f"    {label}: {found.median_s:.2f} s, CPU {found.cpu_s:.2f} s")
        results.by_key[f"{short}:{key}"] = found
        if short == "mkdocs":
            results.rows.append(Row(case, label, found))
        else:
            results.rows.append(Row(case, label, found, baseline=baseline, kind="build"))


class _TagKeepingLoader(yaml.SafeLoader):
    pass


class _TagKeepingDumper(yaml.SafeDumper):
    pass


@dataclass(frozen=True)
class _Tagged:
    tag: str
    node: yaml.Node


_TagKeepingLoader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged(node.tag, node))
_TagKeepingLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: _Tagged(node.tag, node)
)
_TagKeepingDumper.add_representer(_Tagged, lambda dumper, data: data.node)


def align_staged_config(path: Path) -> None:
    """Give the staged ``mkdocs.yml`` the page settings the smarthub plugin sets in a build.

    ``smarthub build`` runs the plugin, which adds Material's ``navigation.prune`` (without
    it every page carries the whole navigation, which makes big sites much slower to write)
    and lists the term pages as not in the navigation. ``smarthub stage`` writes the hub's own
    settings without them, so plain MkDocs would build different, heavier pages: the
    baseline would flatter smarthub. Tags such as ``!ENV`` are kept as written.
    """
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TagKeepingLoader) or {}
    theme = data.get("theme")
    if isinstance(theme, dict) and theme.get("name") == "material":
        features = theme.get("features") or []
        if "navigation.prune" not in features:
            theme["features"] = [*features, "navigation.prune"]
    term_pages = "/glossary/*.md\n!/glossary/index.md"
    current = data.get("not_in_nav")
    data["not_in_nav"] = f"{current}\n{term_pages}" if current else term_pages
    text = yaml.dump(data, Dumper=_TagKeepingDumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


def cache_rows(settings: Settings, results: Results, hub: Hub, key: str) -> None:
    """Re-checks with the per-file cache against the cold check, run by run in turn.

    *warm*: nothing changed since the cache was written; *one file*: before every run one
    asset gets one more neutral line (not timed), so exactly one file misses the cache.
    """
    shutil.rmtree(hub.root / ".smarthub_cache", ignore_errors=True)
    warm_argv = [arg for arg in CHECK if arg != "--no-cache"]
    edited = next(iter(sorted((hub.root / "content").rglob("*-00002.md"))), None)
    if edited is None:
        edited = next(path for path in sorted((hub.root / "content").rglob("*.md")))

    def change_one_file() -> None:
        with edited.open("a", encoding="utf-8") as out:
            out.write("\nThe team read this page again.\n")

    # Fill the cache first: otherwise the warm row's warm-up fills it, and a warm-up that takes
    # over a minute on a loaded machine would be kept as that row's only measurement.
    subprocess.run(warm_argv, cwd=hub.root, env=settings.env, capture_output=True, check=False)
    commands = [
        Command("smarthub check --no-cache (cold)", CHECK, hub.root),
        Command("smarthub check (warm cache)", warm_argv, hub.root),
        Command("smarthub check (one file changed)", warm_argv, hub.root, change_one_file),
    ]
    print(f"{hub.name}: cache, {', '.join(command.label for command in commands)}, in turn ...")
    measured = measure_interleaved(
        commands, env=settings.env, repetitions=settings.repetitions, budget_s=settings.budget_s
    )
    cold = measured[0]
    baseline = cold if isinstance(cold, Measurement) else None
    for name, command, found in zip(("cold", "warm", "onefile"), commands, measured, strict=True):
        if isinstance(found, MeasureError):
            print(f"    {command.label}: failed\n{found}", flush=True)
            results.notes.append(f"{command.label} failed: {str(found).splitlines()[-1][:200]}")
            results.rows.append(Row(hub.name, command.label, skipped="failed (see the notes)"))
            continue
        print(f"    {command.label}: {found.median_s:.2f} s, CPU {found.cpu_s:.2f} s")
        results.by_key[f"cache-{name}:{key}"] = found
        results.rows.append(
            Row(
                hub.name,
                command.label.replace("smarthub ", ""),
                found,
                baseline=None if name == "cold" else baseline,
                kind="cache",
            )
        )
    shutil.rmtree(hub.root / ".smarthub_cache", ignore_errors=True)


def sample_hub() -> Hub:
    """This repository's own sample hub (Northwind Ledger)."""
    files, size = _hub_size(SAMPLE_HUB)
    return Hub("sample hub", SAMPLE_HUB, files, size, origin="this repository (Northwind Ledger)")
