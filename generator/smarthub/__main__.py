"""Allow ``python -m smarthub``."""

import gc

# Starting up imports some 150 modules whose objects live as long as the process: the
# cyclic collector would walk that growing heap again and again meanwhile (5 ms of CPU,
# 1% of a check). ``cli.main`` freezes what the imports built and switches it back on.
gc.disable()

from smarthub.cli import main  # noqa: E402

main()
