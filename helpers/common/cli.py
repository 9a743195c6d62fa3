"""One runner for every ``python -m helpers.X``: the same exit codes and error format everywhere.

    0  ok
    1  failed (the error says what is wrong and what to do)
    3  a service the command needs is unavailable (start it: make sandbox-up)

argparse keeps its own code 2 for a wrong command line.

Library modules do not print: they log to ``logging.getLogger(__name__)`` (progress at INFO, problems
at WARNING). While a command runs, the ``helpers`` loggers' messages are printed to stdout as plain
lines, so a command shows what its helpers report; other libraries' logs are left alone. A module run
as ``python -m helpers.x.y`` logs as ``__main__``; its messages are printed too.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable

from helpers.common.errors import ServiceUnavailable, WorkshopError

OK, FAILED, UNAVAILABLE = 0, 1, 3


class _PlainStdout(logging.StreamHandler):
    """The message alone, one line each, to whatever ``sys.stdout`` is when it comes (tests swap it)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(message)s"))

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, _value) -> None:
        pass


def command(main: Callable[[list[str] | None], int | None]) -> Callable[[list[str] | None], int]:
    """Decorate a CLI's ``main(argv)``: its WorkshopErrors become a printed message and an exit code,
    and the helpers' progress messages (logged at INFO and above) are printed."""

    @functools.wraps(main)
    def wrapped(argv: list[str] | None = None) -> int:
        handler = _PlainStdout()
        loggers = [logging.getLogger(name) for name in ("helpers", "__main__")]
        levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
        try:
            return main(argv) or OK
        except ServiceUnavailable as error:
            print(f"error: {error}", file=sys.stderr)
            return UNAVAILABLE
        except WorkshopError as error:
            print(f"error: {error}", file=sys.stderr)
            return FAILED
        finally:
            for logger, level in zip(loggers, levels):
                logger.removeHandler(handler)
                logger.setLevel(level)

    return wrapped
