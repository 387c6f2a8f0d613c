"""The ``smarthub`` command: parse arguments, call the engine, pick a reporter, set the exit code."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path

import click

from smarthub import __version__, kinds
from smarthub.config import ConfigError, HubConfig, load_config
from smarthub.report import FORMATS
from smarthub.wording import counted

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
CONFIG_NAME = "mkdocs.yml"


def _find_config(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    raise ConfigError(
        [
            f"no {CONFIG_NAME} here or in any parent folder: run smarthub inside a hub or pass -f/--config-file"
        ]
    )


def _load(config_file: str | None) -> HubConfig:
    return load_config(_find_config(config_file))


def _today(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date: write it as YYYY-MM-DD", param_hint="--today"
        ) from None


def _split(values: tuple[str, ...]) -> list[str]:
    return [item for value in values for item in value.split(",") if item.strip()]


config_option = click.option(
    "-f",
    "--config-file",
    metavar="FILE",
    help="The hub's mkdocs.yml (default: found from here upwards).",
)


class _FixableRulesOption(click.Option):
    """An option whose help names the fixable rules, read from the registry when help is shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from smarthub.checks.registry import fixable_codes

        record = super().get_help_record(ctx)
        if record is None:
            return None
        return record[0], record[1].replace("{rules}", ", ".join(fixable_codes()))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="smarthub")
def cli() -> None:
    """One language for sales and marketing: check the hub, build its site."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    help="Output format [default: text; github when GITHUB_ACTIONS=true].",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="Write the report to FILE.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rules: codes, names or families (TERM).",
)
@click.option(
    "--ignore", multiple=True, metavar="RULES", help="Skip these rules: codes, names or families."
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--today", metavar="YYYY-MM-DD", help="Check review dates as of this day (default: today)."
)
@click.option(
    "--fix",
    is_flag=True,
    cls=_FixableRulesOption,
    help="Apply the safe fixes of {rules} in place, repeating until nothing changes.",
)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; change nothing."
)
@click.option(
    "--changed-since", metavar="REF", help="Check only files changed against this git ref."
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check every file again instead of reusing the findings of unchanged ones (.smarthub_cache/).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes for a large hub [default: one per core, at most 4; small hubs use one].",
)
@click.option(
    "--baseline",
    "baseline_file",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="Hide the findings recorded in FILE [default: .smarthub-baseline.json next to mkdocs.yml, if present].",
)
@click.option("--no-baseline", is_flag=True, help="Report every finding, baselined or not.")
def check(
    paths: tuple[Path, ...],
    config_file: str | None,
    output_format: str | None,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    today: str | None,
    fix: bool,
    show_diff: bool,
    changed_since: str | None,
    no_cache: bool,
    jobs: int | None,
    baseline_file: Path | None,
    no_baseline: bool,
) -> None:
    """Check the hub's language and front matter; PATHS limits the files reported on."""
    # A short-lived process: the cyclic collector would only walk the whole model again
    # after the check (7% of a 10,000-file run) to free memory the exit frees anyway, and
    # the modules imported from here on (engine, rules) meanwhile.
    gc.disable()

    from smarthub.engine import run_check
    from smarthub.report import reporter_for

    if fix and show_diff:
        raise click.UsageError(
            "--fix and --diff exclude each other: --diff shows what --fix would change"
        )
    if paths and changed_since:
        raise click.UsageError("give PATHS or --changed-since, not both")
    if baseline_file is not None and no_baseline:
        raise click.UsageError("give --baseline FILE or --no-baseline, not both")
    day = _today(today)
    config = _load(config_file)
    accepted = None if no_baseline else _baseline(config, baseline_file)
    selected: list[Path] | None = list(paths) if paths else None
    if changed_since:
        from smarthub.changes import changed_paths

        selected = changed_paths(config, changed_since)

    if output is not None:  # refused before the check runs, so a refusal changes nothing
        from smarthub.targets import check_output_file

        check_output_file(config, output)
    fixing = fix or show_diff  # fixes need every file loaded in this process
    workers = 1 if fixing else jobs

    def run():
        return run_check(
            config,
            selected,
            select=_split(select),
            ignore=_split(ignore),
            today=day,
            jobs=workers,
            baseline=accepted,
            cache=not (no_cache or fixing),
            keep_sources=fixing,  # a report needs findings only: files are dropped once checked
        )

    result = run()
    if show_diff:
        sys.exit(_print_diff(result))
    if fix:
        from smarthub.atomic import confined_to

        with confined_to(config.root):  # a fix never writes outside the hub, whatever it loaded
            result = _apply_fixes(result, run)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    color = (
        output_format == "text"
        and output is None
        and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
    )
    report = reporter_for(output_format, color=color)(result)
    if output is not None:
        from smarthub.atomic import write_atomic
        from smarthub.report.text import summary_line

        try:
            write_atomic(output, report.encode("utf-8"))
        except OSError as error:
            raise ConfigError([f"{output}: cannot write the report ({error.strerror})"]) from None
        click.echo(f"{summary_line(result)} Report written to {output}.", err=True)
    else:
        click.echo(report, nl=False)
    sys.exit(result.exit_code(strict=strict))


def _baseline(config: HubConfig, explicit: Path | None):
    from smarthub.checks.stale_baseline import default_path

    if explicit is None and not default_path(config).is_file():
        return None  # as baseline.resolve decides, without importing the baseline's reader
    from smarthub import baseline

    return baseline.resolve(config, explicit)


@cli.command("baseline")
@config_option
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="Where to write it [default: .smarthub-baseline.json next to mkdocs.yml].",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Only drop entries whose findings are gone; accept no new finding.",
)
@click.option(
    "--today", metavar="YYYY-MM-DD", help="Check review dates as of this day (default: today)."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes for a large hub [default: one per core, at most 4; small hubs use one].",
)
def baseline_command(
    config_file: str | None, output: Path | None, prune: bool, today: str | None, jobs: int | None
) -> None:
    """Record the current findings so that 'smarthub check' reports only new ones.

    Commit the file; after fixing findings, 'smarthub baseline --prune' shrinks it.
    """
    from smarthub import baseline
    from smarthub.atomic import write_atomic
    from smarthub.engine import run_check

    day = _today(today)
    config = _load(config_file)
    target = output if output is not None else baseline.default_path(config)
    if output is not None:
        from smarthub.targets import check_output_file

        check_output_file(config, output)
    previous = None
    if prune:
        if not target.is_file():
            raise ConfigError(
                [f"{_shown(target)}: no baseline to prune: write one with 'smarthub baseline'"]
            )
        previous = baseline.load(target, config)
    result = run_check(config, today=day, jobs=jobs)
    text, recorded, entries = baseline.render(result, prune=previous)
    try:
        write_atomic(target, text)
    except OSError as error:
        raise ConfigError([f"{target}: cannot write the baseline ({error.strerror})"]) from None
    click.echo(
        f"Recorded {counted(recorded, 'finding')} "
        f"({entries} entr{'ies' if entries != 1 else 'y'}) in {_shown(target)}: "
        "'smarthub check' now reports only new findings.",
        err=True,
    )


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    absolute = path.absolute()
    return str(absolute.relative_to(Path.cwd()) if absolute.is_relative_to(Path.cwd()) else path)


def _print_diff(result) -> int:
    from smarthub import fix

    plans = [plan for plan in fix.plan(result) if plan.fixed]
    for plan in plans:
        click.echo(plan.diff(), nl=False)
    count = sum(len(plan.fixed) for plan in plans)
    click.echo(
        f"{counted(count, 'fix', 'fixes')} available in {counted(len(plans), 'file')}.",
        err=True,
    )
    return EXIT_FINDINGS if plans else EXIT_CLEAN


def _apply_fixes(result, run):
    from smarthub import fix

    outcome = fix.fix_until_stable(result, run)
    for message in outcome.refused:
        click.echo(f"smarthub: {message}", err=True)
    for finding in outcome.applied:
        click.echo(
            f"{finding.path}:{finding.line}:{finding.column}: fixed {finding.code} "
            f"'{finding.match}' -> '{finding.suggestion}'",
            err=True,
        )
    for path in outcome.unsettled:
        click.echo(
            f"smarthub: {path}: fixes still change it after {fix.MAX_PASSES} passes: "
            "check the glossary for forms that replace each other",
            err=True,
        )
    fixed, failed = len(outcome.applied), len(outcome.refused)
    note = f", {counted(failed, 'file')} left unchanged" if failed else ""
    click.echo(f"Fixed {counted(fixed, 'finding')}{note}.", err=True)
    return outcome.result


@cli.command()
def rules() -> None:
    """List every rule: code, name, default severity and what it checks."""
    from smarthub.checks.registry import all_rules

    every = all_rules()
    name_width = max(len(rule.name) for rule in every)
    code_width = max(len(rule.code) for rule in every)
    for rule in every:
        fixes = " (fixable)" if rule.fixable else ""
        click.echo(
            f"{rule.code:<{code_width}}  {rule.name:<{name_width}}  {rule.severity.value:<7}  {rule.summary}{fixes}"
        )


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print the documentation of a rule, by code or name."""
    from smarthub.checks.registry import find_rule

    found = find_rule(rule)
    if found is None:
        raise ConfigError([f"unknown rule '{rule}': 'smarthub rules' lists them"])
    click.echo(f"{found.code} ({found.name}), default severity: {found.severity.value}\n")
    click.echo(f"{found.summary}\n\n{found.doc}")


@cli.command()
@config_option
@click.option(
    "--strict", is_flag=True, help="Fail on check warnings and on MkDocs warnings (broken links)."
)
@click.option(
    "--drafts", is_flag=True, help="Publish draft and retired assets too (marked as such)."
)
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Where to write the site (default: mkdocs.yml's site_dir).",
)
@click.option(
    "--today", metavar="YYYY-MM-DD", help="Check review dates as of this day (default: today)."
)
def build(
    config_file: str | None, strict: bool, drafts: bool, site_dir: Path | None, today: str | None
) -> None:
    """Check the hub, print the findings, then build its website with MkDocs."""
    from smarthub.engine import run_check
    from smarthub.report.text import render_text
    from smarthub.site.build import build_site, require_search_engine
    from smarthub.targets import check_output_folder

    day = _today(today)
    config = _load(config_file)
    require_search_engine(config)  # a missing engine is a setup error: say so before the check
    # MkDocs empties the site folder before writing: refuse one that holds anyone's work.
    where = check_output_folder(
        config,
        site_dir if site_dir is not None else config.root / _site_dir_name(config),
        "-d" if site_dir is not None else f"site_dir ({config.config_file.name})",
    )
    result = run_check(config, today=day, baseline=_baseline(config, None))
    click.echo(render_text(result), nl=False)
    built = build_site(config, result, site_dir=where, strict=strict, drafts=drafts, today=day)
    if built:
        from smarthub.site.disk import next_step

        click.echo(next_step(where), err=True)
    sys.exit(max(result.exit_code(strict=strict), EXIT_CLEAN if built else EXIT_FINDINGS))


def _site_dir_name(config: HubConfig) -> str:
    site_dir = config.mkdocs_site_dir
    return site_dir if isinstance(site_dir, str) and site_dir else "site"


@cli.command()
@config_option
@click.option(
    "-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (default: 127.0.0.1:8000)."
)
@click.option("--open", "open_in_browser", is_flag=True, help="Open the site in a browser.")
def serve(config_file: str | None, dev_addr: str | None, open_in_browser: bool) -> None:
    """Preview the site, rebuilding on edits to content, glossary, personas and playbooks.

    Drafts are shown (marked as drafts) so writers can review them before publishing.
    """
    from smarthub.site.build import serve_site

    serve_site(_load(config_file), dev_addr=dev_addr, open_in_browser=open_in_browser)


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@config_option
@click.option("--drafts", is_flag=True, help="Include draft and retired assets (marked as such).")
@click.option(
    "--today", metavar="YYYY-MM-DD", help="Show review dates as of this day (default: today)."
)
def stage(folder: Path, config_file: str | None, drafts: bool, today: str | None) -> None:
    """Write the complete docs tree, with generated pages and term links, for any engine."""
    from smarthub.site.index import SiteOptions
    from smarthub.site.stage import stage as stage_site

    day = _today(today) or dt.date.today()
    config = _load(config_file)
    report = stage_site(config, folder, SiteOptions.for_hub(config, drafts=drafts, today=day))
    click.echo(
        f"Staged {report.pages} pages and {report.files} other files in {report.folder}: "
        f"build them with 'mkdocs build -f {report.folder / 'mkdocs.yml'}'"
    )


@cli.command("export")
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("json", "csv", "tbx", "vale", "abbreviations")),
    required=True,
    help="json, csv, tbx (TBX-Basic), vale (a vocabulary folder) or abbreviations (Markdown).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE|DIR",
    help="Write to FILE instead of standard output; for vale, the Vale StylesPath folder DIR.",
)
@click.option(
    "--vocabulary", metavar="NAME", help="The Vale vocabulary's name (default: Smarthub)."
)
def export_glossary(
    config_file: str | None, output_format: str, output: Path | None, vocabulary: str | None
) -> None:
    """Export the glossary for other tools: translation, style checkers, tooltips."""
    from smarthub import export

    if vocabulary is not None and output_format != "vale":
        raise ConfigError(["--vocabulary is for --format vale only"])
    if output_format == "vale" and output is None:
        raise ConfigError(
            [
                "--format vale writes a folder: pass your Vale StylesPath with -o, for example -o styles"
            ]
        )
    config = _load(config_file)
    exported = export.render(output_format, export.load_glossary(config), vocabulary=vocabulary)
    for warning in exported.warnings:
        click.echo(f"smarthub: warning: {warning}", err=True)
    if output is not None:
        from smarthub.targets import check_output_file

        for written in [output / rel for rel in exported.files] if exported.files else [output]:
            check_output_file(config, written)
    if output is None:
        click.echo(exported.text, nl=False)
    elif output_format == "vale":
        for path in export.write_folder(exported.files, output):
            click.echo(f"Wrote {path}", err=True)
    else:
        click.echo(f"Wrote {export.write_file(exported.text or '', output)}", err=True)


@cli.command("report")
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json", "markdown")),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--today", metavar="YYYY-MM-DD", help="Compute review dates as of this day (default: today)."
)
def report_command(config_file: str | None, output_format: str, today: str | None) -> None:
    """Coverage gaps, overdue reviews by owner, untagged assets, term usage, findings by rule."""
    from smarthub.insights import build_insights, renderer_for

    day = _today(today)
    click.echo(renderer_for(output_format)(build_insights(_load(config_file), day)), nl=False)


@cli.command("harvest")
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Leave out candidates seen fewer times.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Candidates shown per kind (text output).",
)
@click.option(
    "--write",
    is_flag=True,
    help="Write a proposed glossary entry for each candidate (existing files are never replaced).",
)
@click.option("--owner", metavar="TEAM", help="Owner of written entries (default: the first team).")
def harvest_command(
    config_file: str | None,
    output_format: str,
    min_count: int,
    limit: int,
    write: bool,
    owner: str | None,
) -> None:
    """What the glossary does not cover yet: variant spellings, names, acronyms, conflicts."""
    from smarthub import harvest
    from smarthub.atomic import write_atomic
    from smarthub.load import load_hub

    config = _load(config_file)
    if owner is not None and owner not in config.teams:
        raise ConfigError(
            [f"--owner {owner!r} is not one of the teams ({', '.join(config.teams)})"]
        )
    candidates = harvest.harvest(load_hub(config), min_count=min_count)
    if output_format == "json":
        click.echo(harvest.render_json(candidates), nl=False)
    else:
        click.echo(harvest.render_text(candidates, limit=limit), nl=False)
    if not write:
        return
    folder = config.root / config.glossary_dir
    written = 0
    for candidate in candidates:
        draft = harvest.draft_entry(candidate, owner or config.teams[0])
        if draft is None:
            continue
        entry_id, text = draft
        path = folder / f"{entry_id}.md"
        if path.exists() or path.is_symlink():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        try:
            write_atomic(path, text, overwrite=False)
        except FileExistsError:
            continue
        written += 1
        click.echo(f"Wrote {path.relative_to(config.root).as_posix()}", err=True)
    click.echo(f"{written} proposed entr{'y' if written == 1 else 'ies'} written.", err=True)


@cli.command("new")
@click.argument(
    "kind",
    type=click.Choice([kind.name for kind in kinds.all_kinds() if kind.scaffold_template]),
)
@click.argument("title")
@click.option("--type", "asset_type", metavar="TYPE", help="The asset's type (assets only).")
@click.option(
    "--dir",
    "subfolder",
    metavar="SUBFOLDER",
    help="A folder inside glossary/, personas/, playbooks/ or the docs folder "
    "(default for assets: <type>s, e.g. battlecards).",
)
@click.option("--owner", metavar="TEAM", help="The owning team (default: the hub's first team).")
@config_option
@click.option("--today", metavar="YYYY-MM-DD", help="The 'reviewed' date (default: today).")
def new_entry(
    kind: str,
    title: str,
    asset_type: str | None,
    subfolder: str | None,
    owner: str | None,
    config_file: str | None,
    today: str | None,
) -> None:
    """Create a term, persona, playbook or asset from a template and print its path."""
    from smarthub import scaffold

    day = _today(today)
    new_file = scaffold.plan(
        _load(config_file),
        kind,
        title,
        asset_type=asset_type,
        subfolder=subfolder,
        owner=owner,
        today=day,
    )
    click.echo(scaffold.display_path(scaffold.create(new_file)))
    click.echo("Next: fill in what its 'smarthub:' comments ask for.", err=True)


@cli.command("lsp")
@click.option(
    "-f",
    "--config-file",
    metavar="FILE",
    help="The hub's mkdocs.yml (default: the nearest one above each open file).",
)
@click.option(
    "--today", metavar="YYYY-MM-DD", help="Check review dates as of this day (default: today)."
)
@click.option("--stdio", is_flag=True, hidden=True, help="Accepted for editors that pass it.")
def lsp_command(config_file: str | None, today: str | None, stdio: bool) -> None:
    """Run the language server over stdio (diagnostics, fixes, hover, completion)."""
    from smarthub.lsp import serve

    serve(Path(config_file) if config_file else None, _today(today))


@cli.command("schema")
@config_option
@click.option(
    "-o",
    "--output-dir",
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="Folder for the schema files [default: .smarthub/schema in the hub].",
)
def schema_command(config_file: str | None, output_dir: Path | None) -> None:
    """Write JSON Schema for each kind's front matter, with this hub's ids."""
    from smarthub.schema_export import write_schemas

    config = _load(config_file)
    folder = output_dir or config.root / ".smarthub" / "schema"
    try:
        written = write_schemas(config, folder)
    except OSError as error:
        raise ConfigError([f"{folder}: cannot write the schemas ({error.strerror})"]) from None
    for path in written:
        click.echo(path)


def main() -> None:
    """Entry point: run the CLI, turning configuration errors into exit code 2."""
    # The modules imported so far live as long as the process: frozen, no collection walks
    # them again. ``python -m smarthub`` imported them with the collector off (__main__.py);
    # long-running commands (serve, lsp) need it on, and ``check`` switches it off itself.
    gc.freeze()
    gc.enable()
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_USAGE)
    except ConfigError as error:
        from smarthub.report.text import printable

        for message in error.messages:  # may quote file names: never raw control characters
            click.echo(f"smarthub: {printable(message)}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_FINDINGS)
    except Exception as error:
        if os.environ.get("SMARTHUB_DEBUG"):
            raise
        click.echo(
            f"smarthub: internal error ({type(error).__name__}: {error}). This is a bug in smarthub, not in "
            "your content: please report it with the command you ran; SMARTHUB_DEBUG=1 shows the traceback.",
            err=True,
        )
        sys.exit(EXIT_USAGE)
