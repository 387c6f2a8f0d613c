#!/bin/sh
# Mutation testing of TERM004 (checks/acronyms.py by default) with mutmut 3 (not in CI: slow).
#
#   pip install mutmut==3.8.1
#   benchmarks/mutate_acronyms.sh                                  # checks/acronyms.py
#   TARGET=src/smarthub/checks/acronym_definitions.py benchmarks/mutate_acronyms.sh
#   cd /tmp/smarthub-mutants && mutmut results                     # the survivors
#
# mutmut 3 only finds code under ./, src/ or source/, so this works on a scratch copy with
# the package under src/. Only the in-process rule tests run: the subprocess tests would
# import the trampolined code outside mutmut's working folder.
set -e
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/smarthub-mutants}
TARGET=${TARGET:-src/smarthub/checks/acronyms.py}
rm -rf "$WORK" && mkdir -p "$WORK/src"
cp -r "$REPO/generator/smarthub" "$WORK/src/smarthub"
cp -r "$REPO/tests" "$WORK/tests"
cp "$REPO/pyproject.toml" "$WORK/pyproject.toml"
cat >> "$WORK/pyproject.toml" <<TOML

[tool.mutmut]
source_paths = ["src"]
only_mutate = ["$TARGET"]
pytest_add_cli_args_test_selection = ["tests/rules/test_cases.py", "tests/rules/test_acronym_messages.py"]
pytest_add_cli_args = ["-q", "-p", "no:cacheprovider", "-k", "TERM004 or LINT001 or acronym"]
use_git_change_detection = false
TOML
cd "$WORK"
mkdir -p mutants/src  # must exist before Python starts, or the import system caches it as missing
PYTHONPATH="$WORK/mutants/src" nice mutmut run --max-children 2 "$@"
