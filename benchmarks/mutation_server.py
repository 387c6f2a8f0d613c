"""Mutation testing fast enough to run: mutmut mutates, a preloaded process runs the tests.

mutmut (2.x) writes each mutant into the source file and runs a command; a fresh pytest per
mutant costs ~15 s on a shared two-core machine, so 460 mutants would take hours. This
server imports smarthub, pytest and the test modules once; for each mutant the client asks
it to run the tests that execute the mutated line (recorded once at start), in a fork: the
child executes the mutated files from disk into the loaded modules (and
rebinds every reference to their old functions), runs the targeted tests in process, and
exits with pytest's code, which the client passes back to mutmut.

Run it from a scratch copy of the repository (mutmut edits files in place);
``benchmarks/MUTATION.md`` has the commands and the score.
"""

from __future__ import annotations

import ast
import os
import signal
import socket
import sys
from pathlib import Path

SOCKET = "/tmp/smarthub-mutation.sock"
ROOT = Path(__file__).resolve().parents[1]
MODULES = ("smarthub.checks.suggestion", "smarthub.checks.terms", "smarthub.fix")
TERM_RULES = ("TERM001", "TERM002", "TERM003")

TARGETS = {
    # Fastest killers first: pytest -x stops at the first failure.
    "fix": ["tests/test_fix_plan.py"],
    "terms": [
        "tests/test_term_messages.py",
        "tests/test_fix_suggestions.py::test_is_acronym",
        "tests/test_fix_suggestions.py::test_title_or_spelling",
        "tests/test_fix_suggestions.py::test_term_rules_skip_a_quoted_mention",
        "tests/test_fix_suggestions.py::test_check_quoted_terms_option_checks_quotes_too",
        "tests/rules/test_cases.py",
        "-k",
        "TERM001 or TERM002 or TERM003 or test_is_acronym or test_title_or_spelling "
        "or skip_a_quoted or checks_quotes_too or test_term_messages",
    ],
}
# Code that only a fresh process runs (importing inflect once per process): a mutant in
# these functions is tested by the subprocess tests, which the line tracer cannot see.
SUBPROCESS_FUNCTIONS = ("_inflect", "_no_typecheck")
SUBPROCESS_TESTS = [
    "tests/test_fix_suggestions.py::test_plurals_load_inflect_without_typeguard_instrumentation"
]
PYTEST_ARGS = ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "--no-header"]
TIMEOUT = 30


def _reload_from_disk() -> None:
    """Execute each source file that differs from what was imported, in its own module."""
    from smarthub.checks import registry

    for name in MODULES:
        module = sys.modules[name]
        path = Path(module.__file__)
        source = path.read_text(encoding="utf-8")
        if source == ORIGINAL[name]:
            continue
        old = dict(vars(module))
        if name == "smarthub.checks.terms":
            for code in TERM_RULES:
                registry._RULES.pop(code, None)
        exec(compile(source, str(path), "exec"), vars(module))
        _rebind(old, vars(module))


def _rebind(old: dict, new: dict) -> None:
    """Point every loaded module's reference to an old object at its new definition."""
    replaced = {
        id(value): new[key] for key, value in old.items() if key in new and new[key] is not value
    }
    if not replaced:
        return
    for module in list(sys.modules.values()):
        names = getattr(module, "__dict__", None)
        if not names or not getattr(module, "__name__", "").startswith(("smarthub", "tests")):
            continue
        for key, value in list(names.items()):
            if id(value) in replaced:
                names[key] = replaced[id(value)]


class _LineRecorder:
    """A pytest plugin recording which lines of the mutated modules each test runs."""

    def __init__(self, files: set[str]) -> None:
        self.files = files
        self.lines: dict[str, set[tuple[str, int]]] = {}

    def pytest_runtest_call(self, item) -> None:
        seen = self.lines.setdefault(item.nodeid, set())
        files = self.files

        def local(frame, event, _arg):
            if event == "line":
                seen.add((frame.f_code.co_filename, frame.f_lineno))
            return local

        def tracer(frame, _event, _arg):
            if frame.f_code.co_filename in files:
                seen.add((frame.f_code.co_filename, frame.f_lineno))
                return local
            return None

        sys.settrace(tracer)

    def pytest_runtest_teardown(self, item) -> None:
        sys.settrace(None)


def _changed_lines() -> list[tuple[str, int]] | None:
    """The (file, line) pairs a mutant changed; None when a change is outside any function."""
    changed: list[tuple[str, int]] = []
    for name in MODULES:
        path = sys.modules[name].__file__
        now = Path(path).read_text(encoding="utf-8").splitlines()
        before = ORIGINAL[name].splitlines()
        if len(now) != len(before):
            return None
        for number, (old, new) in enumerate(zip(before, now, strict=True), start=1):
            if old != new:
                if (path, number) not in IN_FUNCTIONS | IN_SUBPROCESS_ONLY:
                    return None
                changed.append((path, number))
    return changed


def _tests_for(target: str) -> list[str] | None:
    """The tests that run a changed line (targeted runs); None: run the whole target."""
    changed = _changed_lines()
    if changed is None:
        return None
    wanted = set(changed)
    return [node for node in COVERAGE[target] if COVERAGE[target][node] & wanted]


def _run(target: str) -> int:
    changed = _changed_lines()
    if changed and all(line in IN_SUBPROCESS_ONLY for line in changed):
        tests: list[str] | None = SUBPROCESS_TESTS
    else:
        tests = _tests_for(target)
    if tests == []:
        return 0  # no test runs the mutated line: it survives
    pid = os.fork()
    if pid == 0:  # the child: mutate, test, exit
        code = 3
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            _reload_from_disk()
            import pytest

            code = int(pytest.main([*PYTEST_ARGS, *(tests or TARGETS[target])]))
        except BaseException:  # a mutant that breaks the import is killed, not a crash
            code = 3
        finally:
            os._exit(code)
    signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
    signal.alarm(TIMEOUT)
    _, status = os.waitpid(pid, 0)
    signal.alarm(0)
    return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 4


def main() -> None:
    os.chdir(ROOT)
    sys.path[:0] = [str(ROOT / "generator"), str(ROOT)]
    import pytest

    for name in MODULES:
        __import__(name)
    global ORIGINAL
    ORIGINAL = {
        name: Path(sys.modules[name].__file__).read_text(encoding="utf-8") for name in MODULES
    }
    # Run every target once under a line tracer: which test runs which line. Lines inside
    # functions are mutated in tests that run them; module-level lines (constants,
    # decorator arguments) run at import, so their mutants get the whole target.
    files = {sys.modules[name].__file__ for name in MODULES}
    for name in MODULES:
        path = sys.modules[name].__file__
        for node in ast.walk(ast.parse(ORIGINAL[name])):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                body_start = node.body[0].lineno if isinstance(node.body, list) else node.lineno
                lines = {(path, line) for line in range(body_start, node.end_lineno + 1)}
                IN_FUNCTIONS.update(lines)
                if getattr(node, "name", "") in SUBPROCESS_FUNCTIONS:
                    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                    IN_SUBPROCESS_ONLY.update((path, n) for n in range(first, node.end_lineno + 1))
    for target, args in TARGETS.items():
        recorder = _LineRecorder(files)
        assert pytest.main([*PYTEST_ARGS, *args], plugins=[recorder]) == 0, target
        COVERAGE[target] = recorder.lines
    if os.path.exists(SOCKET):
        os.unlink(SOCKET)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(SOCKET)
    server.listen(1)
    print("mutation server ready", flush=True)
    while True:
        connection, _ = server.accept()
        with connection:
            target = connection.recv(64).decode().strip()
            connection.sendall(str(_run(target)).encode())


ORIGINAL: dict[str, str] = {}
IN_FUNCTIONS: set[tuple[str, int]] = set()
IN_SUBPROCESS_ONLY: set[tuple[str, int]] = set()
COVERAGE: dict[str, dict[str, set[tuple[str, int]]]] = {}

if __name__ == "__main__":
    main()
