"""Take a node down for a while, and always bring it back: `with node_down("cassandra2"): ...`."""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager

from cassandra import Unavailable
from cassandra.cluster import NoHostAvailable, Session
from cassandra.query import SimpleStatement

from helpers import sandbox
from helpers.common.waiting import seconds_until
from helpers.sandbox import control, topology
from helpers.sandbox.errors import NotHealthyError
from helpers.sandbox.process import running_process

log = logging.getLogger(__name__)

SLOW_START_S = 300  # more time for a node that is still starting on a busy machine


@contextmanager
def node_down(name: str):
    """Stop the sandbox node `name`; start it again when the block ends, even if the block fails."""
    sandbox.stop(name)
    try:
        yield
    finally:
        start_and_wait(name)


def start_and_wait(name: str, slow_start_s: float = SLOW_START_S) -> float:
    """`sandbox.start(name)`; if the node is still starting when the sandbox's own timeout ends (a busy laptop),
    wait up to `slow_start_s` more before giving up. Returns seconds taken."""
    started = time.monotonic()
    try:
        sandbox.start(name)
    except NotHealthyError:
        if running_process(name) is None:
            raise
        log.info("%s is slow to start (a busy machine?); waiting up to %.0f s more.", name, slow_start_s)
        service = topology.by_name(name)
        control.wait_healthy([service], control.profile_services(), time.monotonic(), {service.kind: slow_start_s})
    return time.monotonic() - started


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
