"""Run the matcher's tests without pytest: the test command of the matcher's mutation run.

The tests are ``tests/test_matcher.py`` and ``tests/test_matcher_search.py`` (the form
search against the token walk); a test asking for ``monkeypatch`` gets pytest's own.

    mutmut run --paths-to-mutate generator/smarthub/matcher.py \
        --runner "python benchmarks/mutation_matcher.py"

mutmut starts the test command once per mutant; pytest's start-up and collection cost more
than the matcher's tests themselves, so this calls each test function directly (expanding
``pytest.mark.parametrize``) and exits 1 at the first failure or error. ``benchmarks/MUTATION.md``
records the run.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "generator")]

import pytest  # noqa: E402
from tests import test_matcher, test_matcher_search  # noqa: E402 (after the path is set)


def main() -> int:
    """Every test and every parametrised case; 0 when all pass, 1 at the first failure."""
    for module in (test_matcher, test_matcher_search):
        failed = _run_module(module)
        if failed:
            return 1
    return 0


def _run_module(module: object) -> bool:
    """Whether some test of ``module`` failed (the first failure is printed)."""
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if not name.startswith("test_") or function.__module__ != module.__name__:
            continue
        cases: list[dict] = [{}]
        for mark in getattr(function, "pytestmark", []):
            if mark.name == "parametrize":
                names, values = mark.args
                names = (
                    [part.strip() for part in names.split(",")] if isinstance(names, str) else names
                )
                cases = [
                    {**case, **dict(zip(names, value if len(names) > 1 else (value,), strict=True))}
                    for case in cases
                    for value in values
                ]
        wants_monkeypatch = "monkeypatch" in inspect.signature(function).parameters
        for case in cases:
            with pytest.MonkeyPatch.context() as monkeypatch:
                arguments = {**case, "monkeypatch": monkeypatch} if wants_monkeypatch else case
                try:
                    function(**arguments)
                except Exception as error:  # any failure kills the mutant
                    print(f"{name}{case}: {type(error).__name__}: {error}"[:500])
                    return True
    return False


if __name__ == "__main__":
    sys.exit(main())
