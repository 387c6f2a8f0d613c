"""Drive mutation testing: mutmut's mutants, tested one by one by ``mutation_server.py``.

mutmut 2.5's own ``run`` loop keeps a database that broke mid-run here (``assert line`` in
``cached_mutation_status``), so this loop uses mutmut only to list and apply mutants: for
each one it writes the mutant, asks the server for the test result, restores the file, and
prints every survivor with its line, so a person can judge which are equivalent.

    python benchmarks/mutation_run.py fix generator/smarthub/fix.py
    python benchmarks/mutation_run.py terms generator/smarthub/checks/terms.py generator/smarthub/checks/suggestion.py
"""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

from mutmut import Context, list_mutations, mutate

SOCKET = "/tmp/smarthub-mutation.sock"
WAIT = 60  # longer than the server's own timeout, so answers never arrive out of turn


def _test(target: str) -> int:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(WAIT)
    connection.connect(SOCKET)
    with connection:
        connection.sendall(target.encode())
        return int(connection.recv(16).decode() or 1)


def main(target: str, files: list[str]) -> None:
    start = time.monotonic()
    killed = survived = 0
    for name in files:
        path = Path(name)
        original = path.read_text(encoding="utf-8")
        mutants = list_mutations(Context(source=original, filename=name))
        for mutant in mutants:
            mutated, _ = mutate(Context(source=original, mutation_id=mutant, filename=name))
            path.write_text(mutated, encoding="utf-8")
            try:
                code = _test(target)
            finally:
                path.write_text(original, encoding="utf-8")
            if code == 0:
                survived += 1
                after = mutated.splitlines()[mutant.line_number]
                print(f"SURVIVED {name}:{mutant.line_number + 1}: {mutant.line.strip()}")
                print(f"      -> {after.strip()}", flush=True)
            else:
                killed += 1
    total = killed + survived
    print(
        f"{target}: {total} mutants, {killed} killed, {survived} survived "
        f"({time.monotonic() - start:.0f} s)",
        flush=True,
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
