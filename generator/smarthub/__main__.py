"""The ``smarthub`` command: ``python -m smarthub`` and the installed script both start here."""

import gc

# Starting up imports some 150 modules whose objects live as long as the process: the
# cyclic collector would walk that growing heap again and again meanwhile (5 ms of CPU,
# 1% of a check). ``cli.main`` freezes what the imports built and switches it back on.
# Switched off at import, before the CLI's imports, for the installed script too.
gc.disable()


def main() -> None:
    """Run the command line with the collector paused during the imports."""
    from smarthub.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
