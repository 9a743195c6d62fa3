"""Take a node down for a while, and always bring it back: `with node_down("cassandra2"): ...`."""
from __future__ import annotations

import time
from contextlib import contextmanager

import psutil
from cassandra import Unavailable
from cassandra.cluster import NoHostAvailable, Session
from cassandra.query import SimpleStatement

from helpers import sandbox
from helpers.sandbox import control, services
from helpers.sandbox.errors import NotHealthyError
from helpers.sandbox.paths import pid_file
from helpers.sandbox.process import MARKER_VAR


@contextmanager
def node_down(name: str):
    """Stop the sandbox node `name`; start it again when the block ends, even if the block fails."""
    sandbox.stop(name)
    try:
        yield
    finally:
        restart(name)


def restart(name: str) -> None:
    """`sandbox.start(name)`, surviving the sandbox's pid-file race (see `_adopt`)."""
    started = time.monotonic()
    try:
        sandbox.start(name)
    except NotHealthyError:
        if not _adopt(name):
            raise
        control.wait_healthy([services.by_name(name)], control.profile_services(), started)


def _adopt(name: str) -> bool:
    """Workaround: right after launch the sandbox may judge its own new process "not ours" and drop its pid file
    although the node keeps starting. Find that process by its marker and write its pid file back."""
    for proc in psutil.process_iter(["pid"]):
        try:
            if proc.environ().get(MARKER_VAR) == name:
                pid_file(name).write_text(f"{proc.pid}\n")
                print(f"{name}: still starting as pid {proc.pid}; waiting for it.", flush=True)
                return True
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return False


def wait_until_replicas_up(session: Session, statement: SimpleStatement, parameters=None,
                           timeout_s: float = 120) -> float:
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
            raise TimeoutError(f"Not every replica answered within {timeout_s:.0f} s; "
                               "`python -m helpers.sandbox status` shows which node is down.")
        time.sleep(0.5)
