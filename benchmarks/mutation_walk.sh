#!/bin/sh
# Mutation testing of the Markdown walk and suppressions (mutmut 3), in a scratch copy so no
# mutmut configuration or mutants/ folder lands in the repository.
#
#     sh benchmarks/mutation_walk.sh [SCRATCH_DIR]     # about 20 minutes on 2 cores
#
# Mutated: load/markdown.py, load/prepare.py, load/quotes.py, suppress.py. Tests run for
# each mutant: tests/test_walk.py, tests/test_suppress.py and the golden cases of the walk's topics (mutmut picks,
# per mutant, the tests that reach the mutated function).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$(mktemp -d /tmp/smarthub-mutation-XXXXXX)}
rm -rf "$scratch/src" "$scratch/tests" "$scratch/mutants"
mkdir -p "$scratch/src"
cp -r "$repo/generator/smarthub" "$scratch/src/smarthub"
cp -r "$repo/tests" "$scratch/tests"
cat > "$scratch/pyproject.toml" <<'TOML'
[tool.mutmut]
source_paths = ["src/smarthub"]
only_mutate = [
    "src/smarthub/load/markdown.py",
    "src/smarthub/load/prepare.py",
    "src/smarthub/load/quotes.py",
    "src/smarthub/suppress.py",
]
pytest_add_cli_args_test_selection = [
    "tests/test_walk.py",
    "tests/test_suppress.py",
    "tests/rules/test_cases.py",
    "-k",
    "walk or line-starts or containers or invisible or sentence-starts or multi-line or suppression or LINT001 or TERM001 or TERM003",
]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]
TOML
cd "$scratch"
PYTHONPATH="$scratch/src" nice mutmut run --max-children 2
mutmut results --all true > results.txt || true
echo "results in $scratch/results.txt"
