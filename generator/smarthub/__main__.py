"""Allow ``python -m smarthub``."""

from smarthub.cli import main

main()
