"""The ``smarthub`` command: parse arguments, call the engine, pick a reporter, set the exit code."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from smarthub import __version__
from smarthub.config import ConfigError, HubConfig, load_config

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
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
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
def check(
    paths: tuple[Path, ...],
    config_file: str | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    today: str | None,
) -> None:
    """Check the hub's language and front matter; PATHS limits the files reported on."""
    from smarthub.engine import run_check
    from smarthub.report import reporter_for

    day = _today(today)
    config = _load(config_file)
    result = run_check(config, paths, select=_split(select), ignore=_split(ignore), today=day)
    color = output_format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    click.echo(reporter_for(output_format, color=color)(result), nl=False)
    sys.exit(result.exit_code(strict=strict))


@cli.command()
def rules() -> None:
    """List every rule: code, name, default severity and what it checks."""
    from smarthub.checks.registry import all_rules

    every = all_rules()
    name_width = max(len(rule.name) for rule in every)
    for rule in every:
        click.echo(
            f"{rule.code}  {rule.name:<{name_width}}  {rule.severity.value:<7}  {rule.summary}"
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


def main() -> None:
    """Entry point: run the CLI, turning configuration errors into exit code 2."""
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
        for message in error.messages:
            click.echo(f"smarthub: {message}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_FINDINGS)
