"""One runner for every ``python -m helpers.X``: the same exit codes and error format everywhere.

    0  ok
    1  failed (the error says what is wrong and what to do)
    3  a service the command needs is unavailable (start it: make sandbox-up)

argparse keeps its own code 2 for a wrong command line.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable

from helpers.common.errors import ServiceUnavailable, WorkshopError

OK, FAILED, UNAVAILABLE = 0, 1, 3


def command(main: Callable[[list[str] | None], int | None]) -> Callable[[list[str] | None], int]:
    """Decorate a CLI's ``main(argv)``: its WorkshopErrors become a printed message and an exit code,
    and the helpers' progress messages (logged at INFO) are printed."""

    @functools.wraps(main)
    def wrapped(argv: list[str] | None = None) -> int:
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
        try:
            return main(argv) or OK
        except ServiceUnavailable as error:
            print(f"error: {error}", file=sys.stderr)
            return UNAVAILABLE
        except WorkshopError as error:
            print(f"error: {error}", file=sys.stderr)
            return FAILED

    return wrapped
