"""Take a node down for a while, and always bring it back: `with node_down("cassandra2"): ...`."""

from __future__ import annotations

from contextlib import contextmanager

from cassandra import Unavailable
from cassandra.cluster import NoHostAvailable, Session
from cassandra.query import SimpleStatement

from helpers import sandbox
from helpers.common.waiting import seconds_until


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

    def every_replica_answers() -> bool:
        if not all(h.is_up for h in session.cluster.metadata.all_hosts()):
            return False
        session.execute(statement, parameters)
        return True

    return seconds_until(
        every_replica_answers,
        timeout_s,
        "every replica to answer",
        retry_on=(Unavailable, NoHostAvailable),
        hint="`python -m helpers.sandbox status` shows which node is down.",
    )
