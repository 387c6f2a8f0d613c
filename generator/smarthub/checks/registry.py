"""The rule contract and the registry every front end reads rules from."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from smarthub.findings import Finding, Severity

if TYPE_CHECKING:
    from smarthub.checks.context import CheckContext


@dataclass(frozen=True)
class Rule:
    """One rule: a stable code, a readable name, a default severity and its documentation.

    ``doc`` is the user documentation (what it does, why, an example that fails and one
    that passes); ``smarthub explain`` prints it and the README's rule table is built from it.
    Codes are never reused: a retired rule keeps its code.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Callable[[CheckContext], Iterable[Finding]] | None = field(default=None, compare=False)

    @property
    def family(self) -> str:
        """The letters of the code: ``TERM`` for ``TERM001``."""
        return self.code.rstrip("0123456789")


_RULES: dict[str, Rule] = {}


def register(code: str, name: str, severity: Severity, summary: str, doc: str) -> Callable:
    """Decorate a check function (or ``None`` for rules raised by the loader) as a rule."""

    def decorate(check: Callable[[CheckContext], Iterable[Finding]] | None) -> Rule:
        if code in _RULES:
            raise ValueError(f"rule code {code} registered twice")
        rule = Rule(code, name, severity, summary, doc.strip(), check)
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


def iter_checks() -> Iterator[Rule]:
    """Rules that run as checks over the loaded hub."""
    return (rule for rule in all_rules() if rule.check is not None)


def _import_rule_modules() -> None:
    # Rules register themselves on import; importing here keeps one list and no second registry.
    from smarthub import baseline, suppress  # noqa: F401
    from smarthub.checks import acronyms, glossary, html, meta, refs, review, terms  # noqa: F401
