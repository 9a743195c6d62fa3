"""Take a node down for a while, and always bring it back: `with node_down("cassandra2"): ...`."""

from __future__ import annotations

import time
from contextlib import contextmanager

from cassandra import Unavailable
from cassandra.cluster import NoHostAvailable, Session
from cassandra.query import SimpleStatement

from helpers import sandbox


@contextmanager
def node_down(name: str):
    """Stop the sandbox node `name`; start it again when the block ends, even if the block fails."""
    sandbox.stop(name)
    try:
        yield
    finally:
        sandbox.start(name)


def wait_until_replicas_up(
    session: Session, statement: SimpleStatement, parameters=None, timeout_s: float = 120
) -> float:
    """Wait until the driver is connected to every node and `statement` (give it consistency ALL) succeeds.

    Use a statement that reads no data (an empty partition), so that no read repair happens.
    Returns seconds waited.
    """
    started = time.monotonic()
    while True:
        try:
            if all(h.is_up for h in session.cluster.metadata.all_hosts()):
                session.execute(statement, parameters)
                return time.monotonic() - started
        except (Unavailable, NoHostAvailable):
            pass
        if time.monotonic() - started > timeout_s:
            raise TimeoutError(
                f"Not every replica answered within {timeout_s:.0f} s; "
                "`python -m helpers.sandbox status` shows which node is down."
            )
        time.sleep(0.5)
