"""Hinted handoff: a coordinator keeps the writes a down replica missed, and replays them when it is back.

Hints go to files in the coordinator's hints directory, one series of files per target node
(named after its host id). While the target is down the current file stays open; when the
target is back, the coordinator closes it, lists it in the virtual table
`system_views.pending_hints`, sends its mutations, and deletes it.
"""

from __future__ import annotations

import pandas as pd
from cassandra.cluster import Session

from helpers.cassandra_io.sessions import host
from helpers.common.waiting import seconds_until
from helpers.sandbox.paths import server_folder

PENDING_HINTS_CQL = "SELECT address, files, status FROM system_views.pending_hints"


def hint_files(node: str) -> pd.DataFrame:
    """The hint files in sandbox node `node`'s hints directory: file, target host id, bytes."""
    files = sorted(server_folder(node, "hints", "Hint files").glob("*.hints"))
    return pd.DataFrame(
        [{"file": f.name, "for host id": f.name[:36], "bytes": f.stat().st_size} for f in files],
        columns=["file", "for host id", "bytes"],
    )


def pending_hints(session: Session, on_node: str) -> pd.DataFrame:
    """Hint files node `on_node` (an address) has queued for delivery, per target: address, files, status.

    Virtual tables are node-local, so the query is sent to that node.
    """
    rows = session.execute(PENDING_HINTS_CQL, host=host(session, on_node))
    return pd.DataFrame([r._asdict() for r in rows], columns=["address", "files", "status"])


def wait_for_hint_files(node: str, present: bool, timeout_s: float = 120) -> float:
    """Wait until sandbox node `node` has hint files (`present=True`) or none left (False). Returns seconds waited."""
    state = "to write hints" if present else "to deliver its hints"
    return seconds_until(
        lambda: hint_files(node).empty != present,
        timeout_s,
        f"{node} {state}",
        hint="`SELECT * FROM system_views.pending_hints` on it shows what is queued.",
    )
