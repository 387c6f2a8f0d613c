"""Hub settings: the ``smarthub`` plugin's options in ``mkdocs.yml``, validated in one pass.

``smarthub check`` reads the same file MkDocs builds from, so the hub has one configuration.
Every problem is collected before anything is reported, each naming its line and key.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from smarthub import kinds
from smarthub.checks.acronym_lists import BUILTIN_LISTS
from smarthub.options import DEFAULTS, FLAGS, names
from smarthub.voice.settings import HarvestSettings, VoiceSettings, parse_harvest, parse_voice
from smarthub.yamlsafe import (
    DuplicateKey,
    MkDocsConfigLoader,
    child_node,
    compose_and_construct,
    shown,
)

SEVERITY_CHOICES = ("error", "warning", "off")
SEARCH_ENGINES = ("lunr", "pagefind")


class ConfigError(Exception):
    """The configuration or the invocation is wrong; each message is one line for the user."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True, eq=False)  # identity: nothing compares configs (no __eq__ to build)
class HubConfig:
    """Everything the engine needs to know about a hub, with its defaults filled in."""

    root: Path
    config_file: Path
    docs_dir: str = "content"
    # Each kind's folder by its option (glossary_dir, ...); see `folder` and smarthub.kinds.
    folders: dict[str, str] = field(default_factory=dict)
    teams: tuple[str, ...] = DEFAULTS["teams"]
    journey: tuple[str, ...] = DEFAULTS["journey"]
    asset_types: tuple[str, ...] = DEFAULTS["asset_types"]
    required_approvals: tuple[str, ...] = DEFAULTS["required_approvals"]
    review_interval_days: int = DEFAULTS["review_interval_days"]
    review_intervals: dict[str, int] = field(default_factory=dict)
    acronyms_allow: frozenset[str] = frozenset()
    acronyms_builtin: frozenset[str] = frozenset(BUILTIN_LISTS)  # the built-in lists switched on
    severity: dict[str, str] = field(default_factory=dict)
    search: str = DEFAULTS["search"]  # the site's search engine: lunr (Material's) or pagefind
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    harvest: HarvestSettings = field(default_factory=HarvestSettings)
    check_quoted_terms: bool = DEFAULTS["check_quoted_terms"]  # TERM001-TERM003 in quotations
    search_boost: bool = DEFAULTS["search_boost"]  # rank glossary pages higher in lunr search
    drafts: bool = DEFAULTS["drafts"]  # publish draft and retired assets
    link_terms: bool = DEFAULTS["link_terms"]  # link first mentions, abbreviation tooltips
    raw_options: dict[str, Any] = field(default_factory=dict)
    mkdocs_site_dir: str = "site"

    def folder(self, option: str) -> str:
        """The folder a folder option names (``glossary_dir`` -> ``glossary``), default if unset."""
        if option in self.folders:
            return self.folders[option]
        return DEFAULTS.get(option) or kinds.folder_defaults()[option]

    @property
    def glossary_dir(self) -> str:
        """The glossary's folder."""
        return self.folder(kinds.TERM.folder_option)

    @property
    def personas_dir(self) -> str:
        """The personas' folder."""
        return self.folder(kinds.PERSONA.folder_option)

    @property
    def playbooks_dir(self) -> str:
        """The playbooks' folder."""
        return self.folder(kinds.PLAYBOOK.folder_option)

    def interval_for(self, asset_type: str | None) -> int:
        """Days between reviews for an asset type (or the hub default)."""
        return self.review_intervals.get(asset_type or "", self.review_interval_days)


def load_config(config_file: Path) -> HubConfig:
    """Read and validate ``mkdocs.yml``; raise ``ConfigError`` listing every problem.

    ``INHERIT:`` is followed as MkDocs follows it: the named file (relative to the one that
    names it) is read first and this file's settings are merged into it, mappings key by key;
    a chain that comes back to a file already read is reported instead of recursing forever.
    """
    chain = _inherit_chain(config_file)
    data: dict[str, Any] = {}
    for _, file_data, _ in reversed(chain):
        data = _merged(data, file_data)
    # Line numbers come from the file that wrote the plugins list (the nearest one, as it wins).
    defining = next((link for link in chain if "plugins" in link[1]), chain[0])
    options, options_node, plugin_line = _find_plugin_options(data, defining[2])
    name = defining[0].name
    if options is None:
        raise ConfigError(
            [
                f"{config_file.name}: no 'smarthub' entry under 'plugins': add '- smarthub' (with its options) "
                "to the plugins list"
            ]
        )
    return _validate(config_file, data, options, options_node, plugin_line, name)


def inherit_files(config_file: Path) -> list[Path]:
    """``config_file`` and the files it inherits from (``INHERIT:``), nearest first."""
    return [link[0] for link in _inherit_chain(config_file)]


def merged_settings(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` merged into ``base`` as MkDocs merges an inherited file."""
    return _merged(base, override)


def _inherit_chain(config_file: Path) -> list[tuple[Path, dict[str, Any], yaml.Node | None]]:
    """``[(file, data, node), ...]`` from ``config_file`` up its ``INHERIT:`` parents."""
    chain: list[tuple[Path, dict[str, Any], yaml.Node | None]] = []
    seen: dict[str, Path] = {}
    current = config_file
    while True:
        real = os.path.realpath(current)
        if real in seen:
            names = " -> ".join(
                os.path.relpath(path, config_file.parent)
                for path in [*(link[0] for link in chain), current]
            )
            raise ConfigError(
                [f"{config_file.name}: INHERIT goes round in a loop ({names}): remove one INHERIT"]
            )
        seen[real] = current
        data, node = _read_yaml(current, first=not chain)
        chain.append((current, data, node))
        if "INHERIT" not in data:
            return chain
        parent = data.pop("INHERIT")
        line = child_node(node, "INHERIT")
        where = f"{current.name}:{line.start_mark.line + 1}" if line else current.name
        if not isinstance(parent, str) or not parent:
            raise ConfigError([f"{where}: INHERIT: expected the path of a YAML file"])
        following = Path(os.path.normpath(os.path.join(os.path.dirname(current), parent)))
        if not following.is_file():
            raise ConfigError(
                [f"{where}: INHERIT: the inherited file '{parent}' does not exist at {following}"]
            )
        current = following


def _read_yaml(config_file: Path, *, first: bool) -> tuple[dict[str, Any], yaml.Node | None]:
    name = config_file.name
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        hint = ": check the path given with -f/--config-file" if first else ""
        raise ConfigError([f"{config_file}: no such file{hint}"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError([f"{config_file}: cannot read it: {error}"]) from None
    try:
        data, node = compose_and_construct(text, MkDocsConfigLoader)
    except DuplicateKey as duplicate:
        line = duplicate.second.start_mark.line + 1
        raise ConfigError(
            [f"{name}:{line}: key '{duplicate.key}' appears twice: keep one"]
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError([f"{where}: not valid YAML: {problem}"]) from None
    if data is None and not first:
        return {}, None
    if not isinstance(data, dict):
        raise ConfigError([f"{name}:1: expected a mapping of MkDocs settings"])
    return data, node


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` merged into ``base`` as MkDocs merges an inherited file (mergedeep REPLACE)."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _find_plugin_options(
    data: dict[str, Any], node: yaml.Node | None
) -> tuple[dict[str, Any] | None, yaml.Node | None, int]:
    plugins = data.get("plugins")
    plugins_node = child_node(node, "plugins")
    line = plugins_node.start_mark.line + 1 if plugins_node else 1
    if isinstance(plugins, dict) and "smarthub" in plugins:
        return plugins["smarthub"] or {}, child_node(plugins_node, "smarthub"), line
    if isinstance(plugins, list):
        for index, entry in enumerate(plugins):
            entry_node = child_node(plugins_node, index)
            entry_line = entry_node.start_mark.line + 1 if entry_node else line
            if entry == "smarthub":
                return {}, None, entry_line
            if isinstance(entry, dict) and "smarthub" in entry:
                return entry["smarthub"] or {}, child_node(entry_node, "smarthub"), entry_line
    return None, None, line


_KEY_PART = re.compile(r"\[\d+\]|[^.\[\]]+")


class _Validator:
    """Collects problems with the line of the offending key."""

    def __init__(self, file_name: str, options_node: yaml.Node | None, plugin_line: int) -> None:
        self.file_name = file_name
        self.options_node = options_node
        self.plugin_line = plugin_line
        self.messages: list[str] = []

    def problem(self, key: str, message: str) -> None:
        """Report ``message`` at the line of ``key`` (``voice.phrases[2].reason``), or the
        nearest enclosing key that exists."""
        line = self.plugin_line
        node = self.options_node
        for part in _KEY_PART.findall(key):
            node = child_node(node, int(part[1:-1]) if part.startswith("[") else part)
            if node is None:
                break
            line = node.start_mark.line + 1
        self.messages.append(f"{self.file_name}:{line}: plugins.smarthub.{key}: {message}")

    def in_file_order(self) -> list[str]:
        """The messages by line, as a reader goes down the file (messages without a line first)."""
        prefix = len(self.file_name) + 1

        def line(message: str) -> int:
            number = (
                message[prefix:].split(":", 1)[0]
                if message.startswith(self.file_name + ":")
                else ""
            )
            return int(number) if number.isdigit() else 0

        return sorted(self.messages, key=line)

    def problem_at(self, path: tuple[str, ...], message: str) -> None:
        """A problem at a nested key (``acronyms.builtin.words``), with that key's own line."""
        node, line = self.options_node, self.plugin_line
        for key in path:
            node = child_node(node, key)
            if node is None:
                break
            line = node.start_mark.line + 1
        self.messages.append(
            f"{self.file_name}:{line}: plugins.smarthub.{'.'.join(path)}: {message}"
        )

    def id_list(
        self, options: dict[str, Any], key: str, default: tuple[str, ...]
    ) -> tuple[str, ...]:
        value = options.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            self.problem(key, f"expected a list of ids, for example [{', '.join(default)}]")
            return default
        duplicates = sorted({item for item in value if value.count(item) > 1})
        if duplicates:
            self.problem(key, f"lists {', '.join(duplicates)} more than once: keep one")
        return tuple(dict.fromkeys(value))

    def positive_int(self, value: Any, key: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.problem(key, f"expected a whole number of days above 0, got {shown(value)}")
            return None
        if value > 100_000:  # beyond the calendar's end from any date: say so now
            self.problem(key, f"expected at most 100000 days, got {shown(value)}")
            return None
        return value


def _validate(
    config_file: Path,
    data: dict[str, Any],
    options: Any,
    options_node: yaml.Node | None,
    plugin_line: int,
    name: str,
) -> HubConfig:
    from smarthub.checks.registry import find_rule

    check = _Validator(name, options_node, plugin_line)
    if not isinstance(options, dict):
        raise ConfigError(
            [f"{name}:{plugin_line}: plugins.smarthub: expected a mapping of options"]
        )
    known = names()
    for key in options:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = (
                f": did you mean '{close[0]}'?"
                if close
                else f": known options are {', '.join(known)}"
            )
            check.problem(str(key), f"unknown option{hint}")

    teams = check.id_list(options, "teams", DEFAULTS["teams"])
    journey = check.id_list(options, "journey", DEFAULTS["journey"])
    asset_types = check.id_list(options, "asset_types", DEFAULTS["asset_types"])
    default_approvals = tuple(team for team in DEFAULTS["required_approvals"] if team in teams)
    required = check.id_list(options, "required_approvals", default_approvals)
    for team in required:
        if team not in teams:
            check.problem(
                "required_approvals", f"'{team}' is not one of the teams ({', '.join(teams)})"
            )

    default_interval = DEFAULTS["review_interval_days"]
    interval = (
        check.positive_int(
            options.get("review_interval_days", default_interval), "review_interval_days"
        )
        or default_interval
    )
    intervals: dict[str, int] = {}
    raw_intervals = options.get("review_intervals", {})
    if not isinstance(raw_intervals, dict):
        check.problem(
            "review_intervals",
            "expected a mapping of asset type to days, for example {battlecard: 90}",
        )
    else:
        for asset_type, days in raw_intervals.items():
            if asset_type not in asset_types:
                check.problem("review_intervals", f"'{asset_type}' is not one of the asset_types")
            elif check.positive_int(days, f"review_intervals.{asset_type}") is not None:
                intervals[asset_type] = days

    allow, builtin = _acronym_options(check, options.get("acronyms", {}))

    severity: dict[str, str] = {}
    raw_severity = options.get("severity", {})
    if not isinstance(raw_severity, dict):
        check.problem(
            "severity", "expected a mapping of rule code or name to error, warning or off"
        )
    else:
        for selector, level in raw_severity.items():
            rule = find_rule(str(selector))
            if rule is None:
                check.problem(
                    "severity", f"'{selector}' is not a rule code or name (see 'smarthub rules')"
                )
            elif level not in SEVERITY_CHOICES:
                check.problem(
                    "severity", f"{selector}: expected error, warning or off, got {level!r}"
                )
            else:
                severity[rule.code] = level

    search = _search_engine(check, options.get("search", DEFAULTS["search"]))
    voice = parse_voice(options.get("voice"), check.problem, asset_types)
    harvest = parse_harvest(options.get("harvest"), check.problem)
    flags: dict[str, bool] = {}
    for option in FLAGS:
        value = options.get(option.name, option.default)
        if not isinstance(value, bool):
            check.problem(option.name, f"expected true or false, got {shown(value)}")
            value = option.default
        flags[option.name] = value

    folders = {}
    for key, default in kinds.folder_defaults().items():
        value = options.get(key, default)
        if (
            not isinstance(value, str)
            or not value
            or Path(value).is_absolute()
            or ".." in Path(value).parts
        ):
            check.problem(key, "expected a folder name inside the hub")
            value = default
        folders[key] = value
    docs_dir = data.get("docs_dir", "docs")
    if not isinstance(docs_dir, str) or not docs_dir:
        check.messages.append(f"{name}: docs_dir: expected a folder name")
        docs_dir = "docs"
    elif (
        not (config_file.parent.resolve() / docs_dir)
        .resolve()
        .is_relative_to(config_file.parent.resolve())
    ):
        # The check and --fix must never read or write outside the hub's repository.
        check.messages.append(
            f"{name}: docs_dir: '{docs_dir}' is outside the hub: move the docs into the hub's folder"
        )
        docs_dir = "docs"

    if check.messages:
        raise ConfigError(check.in_file_order())
    return HubConfig(
        root=config_file.parent.resolve(),
        config_file=config_file.resolve(),
        docs_dir=docs_dir,
        teams=teams,
        journey=journey,
        asset_types=asset_types,
        required_approvals=required,
        review_interval_days=interval,
        review_intervals=intervals,
        acronyms_allow=allow,
        acronyms_builtin=builtin,
        severity=severity,
        search=search,
        voice=voice,
        harvest=harvest,
        **flags,
        raw_options=options,
        mkdocs_site_dir=data.get("site_dir", "site")
        if isinstance(data.get("site_dir"), str)
        else "site",
        folders=folders,
    )


def _acronym_options(check: _Validator, value: Any) -> tuple[frozenset[str], frozenset[str]]:
    """The ``acronyms`` option: ``{allow: [CEO, PDF], builtin: {currencies: false, ...}}``."""
    allow: frozenset[str] = frozenset()
    builtin = frozenset(BUILTIN_LISTS)
    if not isinstance(value, dict):
        check.problem_at(
            ("acronyms",),
            "expected a mapping, for example {allow: [CEO, PDF], builtin: {currencies: false}}",
        )
        return allow, builtin
    for key in value:
        if key not in ("allow", "builtin"):
            close = difflib.get_close_matches(str(key), ("allow", "builtin"), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known keys are allow and builtin"
            check.problem_at(("acronyms", str(key)), f"unknown key: {hint}")
    allowed = value.get("allow", [])
    if not isinstance(allowed, list) or not all(isinstance(item, str) and item for item in allowed):
        check.problem_at(
            ("acronyms", "allow"), "expected a list of acronyms, for example [CEO, PDF]"
        )
    else:
        allow = frozenset(allowed)
    switches = value.get("builtin", True)
    if isinstance(switches, bool):
        return allow, builtin if switches else frozenset()
    if not isinstance(switches, dict):
        check.problem_at(
            ("acronyms", "builtin"),
            f"expected true, false or a mapping of list to true/false; lists: {', '.join(BUILTIN_LISTS)}",
        )
        return allow, builtin
    enabled = set(builtin)
    for name, on in switches.items():
        if name not in BUILTIN_LISTS:
            close = difflib.get_close_matches(str(name), BUILTIN_LISTS, n=1)
            hint = (
                f"did you mean '{close[0]}'?" if close else f"lists are {', '.join(BUILTIN_LISTS)}"
            )
            check.problem_at(
                ("acronyms", "builtin", str(name)), f"no built-in list of that name: {hint}"
            )
        elif not isinstance(on, bool):
            check.problem_at(("acronyms", "builtin", name), f"expected true or false, got {on!r}")
        elif not on:
            enabled.discard(name)
    return allow, frozenset(enabled)


def _search_engine(check: _Validator, value: Any) -> str:
    """The ``search`` option: which engine indexes the site (lunr unless told otherwise)."""
    if value in SEARCH_ENGINES:
        return str(value)
    default = DEFAULTS["search"]
    if isinstance(value, bool):
        # `search: true|false` used to switch the glossary boost; say where that went.
        check.problem(
            "search",
            f"expected lunr or pagefind, got {str(value).lower()}: "
            f"to switch the glossary boost in search results, set 'search_boost: {str(value).lower()}'",
        )
        return default
    close = difflib.get_close_matches(str(value), SEARCH_ENGINES, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "expected lunr or pagefind"
    check.problem("search", f"'{value}' is not a search engine smarthub can build: {hint}")
    return default
