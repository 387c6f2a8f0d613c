"""The rule contract and the registry every front end reads rules from."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from smarthub.findings import Finding, Severity

if TYPE_CHECKING:
    from smarthub.checks.context import CheckContext


@dataclass(frozen=True, eq=False)  # identity: one object per code (no __eq__ to build)
class Rule:
    """One rule: a stable code, a readable name, a default severity and its documentation.

    ``doc`` is the user documentation (what it does, why, an example that fails and one
    that passes); ``smarthub explain`` prints it and the README's rule table is built from it.
    ``fixable`` says that the rule's findings may carry a safe edit for ``--fix``.
    Codes are never reused: a retired rule keeps its code.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Callable[[CheckContext], Iterable[Finding]] | None = field(default=None, compare=False)
    fixable: bool = False

    @property
    def family(self) -> str:
        """The letters of the code: ``TERM`` for ``TERM001``."""
        return self.code.rstrip("0123456789")


_RULES: dict[str, Rule] = {}
_discovered_in: tuple[str, ...] = ()  # the package folders last searched for rule modules


def register(
    code: str, name: str, severity: Severity, summary: str, doc: str, *, fixable: bool = False
) -> Callable:
    """Decorate a check function (or ``None`` for rules raised by the loader) as a rule."""

    def decorate(check: Callable[[CheckContext], Iterable[Finding]] | None) -> Rule:
        if code in _RULES:
            raise ValueError(f"rule code {code} registered twice")
        rule = Rule(code, name, severity, summary, doc.strip(), check, fixable)
        _RULES[code] = rule
        return rule

    return decorate


def all_rules() -> list[Rule]:
    """Every registered rule, in code order."""
    _import_rule_modules()
    return sorted(_RULES.values(), key=lambda rule: rule.code)


def find_rule(selector: str) -> Rule | None:
    """The rule with this code or name (case-insensitive for codes)."""
    _import_rule_modules()
    return _RULES.get(selector.upper()) or next(
        (rule for rule in _RULES.values() if rule.name == selector), None
    )


def expand_selectors(selectors: Iterable[str]) -> tuple[set[str], list[str]]:
    """Resolve codes, names and families (``TERM``) to codes; also return the unknown ones."""
    rules = all_rules()
    codes: set[str] = set()
    unknown: list[str] = []
    for selector in selectors:
        selector = selector.strip()
        if not selector:
            continue
        matched = {
            rule.code
            for rule in rules
            if selector.upper() in (rule.code, rule.family)
            or selector == rule.name
            or rule.name.startswith(selector + ".")
        }
        if matched:
            codes |= matched
        else:
            unknown.append(selector)
    return codes, unknown


def fixable_codes() -> list[str]:
    """The codes of the rules whose findings ``--fix`` may apply, in code order."""
    return [rule.code for rule in all_rules() if rule.fixable]


def iter_checks() -> Iterator[Rule]:
    """Rules that run as checks over the loaded hub."""
    return (rule for rule in all_rules() if rule.check is not None)


def _import_rule_modules() -> None:
    """Import every module of the ``smarthub.checks`` package: rules register on import.

    Discovered, not listed, so a rule module dropped into ``checks/`` exists with no other
    edit; ``suppress`` (LINT001) lives outside ``checks/`` and is imported by name.
    """
    import importlib
    import pkgutil

    from smarthub import checks, suppress  # noqa: F401

    global _discovered_in
    folders = tuple(checks.__path__)
    if folders == _discovered_in:
        return
    for module in pkgutil.iter_modules(folders):
        name = f"{checks.__name__}.{module.name}"
        if name not in sys.modules:
            importlib.import_module(name)
    _discovered_in = folders
