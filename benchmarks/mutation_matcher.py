"""Run ``tests/test_matcher.py`` without pytest: the test command of the matcher's mutation run.

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

from tests import test_matcher  # noqa: E402 (after the path is set)


def main() -> int:
    """Every test and every parametrised case; 0 when all pass, 1 at the first failure."""
    for name, function in inspect.getmembers(test_matcher, inspect.isfunction):
        if not name.startswith("test_") or function.__module__ != test_matcher.__name__:
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
        for case in cases:
            try:
                function(**case)
            except Exception as error:  # any failure kills the mutant
                print(f"{name}{case}: {type(error).__name__}: {error}"[:500])
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
