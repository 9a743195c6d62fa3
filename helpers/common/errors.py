"""The one root of every error the helpers raise on purpose: its message says what is wrong and what to do.

WorkshopError            anything the helpers report to a person (CLI exit code 1)
ServiceUnavailable       a server the call needs does not answer (CLI exit code 3)
WaitTimeout              something did not happen in time (also a TimeoutError)
"""

from __future__ import annotations


class WorkshopError(Exception):
    """Base class: the message is meant to be printed as it is."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback: the message says what is wrong and what to do."""
        return [f"{type(self).__name__}: {self}"]


class ServiceUnavailable(WorkshopError):
    """A service the call needs (Kafka, Cassandra, Spark) does not answer."""


class WaitTimeout(WorkshopError, TimeoutError):
    """A wait ran out of time; the message names what was awaited and where to look."""
