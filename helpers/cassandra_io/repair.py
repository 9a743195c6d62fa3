"""Repair, started and followed the way nodetool repair does it, over HTTP (helpers.cassandra_io.jmx).

nodetool calls the StorageService operation repairAsync, prints the repair's progress notifications
(JMX notifications from StorageService, tagged "repair:<command>") until the last one, and asks
getParentRepairStatus for the outcome. The same MBean, the same notifications, the same outcome here.
"""

from __future__ import annotations

from helpers.cassandra_io import jmx
from helpers.common.errors import WorkshopError
from helpers.common.waiting import wait_until

REPAIR_TIMEOUT_S = 300
# org.apache.cassandra.utils.progress.ProgressEventType, by ordinal (a notification's userData["type"])
PROGRESS, COMPLETE = 1, 5


class RepairFailed(WorkshopError):
    """The repair ran and failed; the message has the node, the keyspace and Cassandra's reason."""


def repair(node: str, keyspace: str, *tables: str, timeout_s: float = REPAIR_TIMEOUT_S) -> list[str]:
    """`nodetool repair --full KEYSPACE [TABLES]` coordinated by `node`: the replicas compare Merkle trees of
    every range `node` holds and stream what differs. Returns the progress messages nodetool prints, then the
    final messages of getParentRepairStatus. StorageService operations repairAsync and getParentRepairStatus."""
    options = {"incremental": "false", "parallelism": "parallel", "columnFamilies": ",".join(tables)}
    with jmx.notifications(node, jmx.STORAGE_SERVICE) as pull:
        command = jmx.execute(node, jmx.STORAGE_SERVICE, "repairAsync", keyspace, options)
        if command <= 0:  # as nodetool says: repairAsync returns 0 only when nothing is replicated twice
            return [f"Replication factor is 1. No repair is needed for keyspace '{keyspace}'"]
        follow = RepairProgress(node, command, pull)
        final = wait_until(
            follow.outcome,
            timeout_s,
            f"repair #{command} of {keyspace} on {node}",
            hint=f"It goes on in the background: `SELECT * FROM system_views.repairs` on {node} shows it.",
        )
    lines = [progress_line(event) for event in follow.events] + final[1:]
    if final[0] == "FAILED":
        raise RepairFailed(f"Repair of {keyspace} coordinated by {node} failed:\n" + "\n".join(lines))
    return lines


class RepairProgress:
    """The notifications of one repair command, and whether it is over."""

    def __init__(self, node: str, command: int, pull):
        self.node, self.command, self.pull = node, command, pull
        self.events: list[dict] = []
        self.final_polls = 0

    def outcome(self) -> list[str] | None:
        """getParentRepairStatus once the repair is over ([status, messages...]); None while it runs. Over means
        a final status, and either the last notification (COMPLETE) or that status seen twice: notifications can
        be lost, as nodetool knows."""
        self.events += [n for n in self.pull() if n.get("source") == f"repair:{self.command}"]
        status = jmx.execute(self.node, jmx.STORAGE_SERVICE, "getParentRepairStatus", self.command)
        if not status or status[0] == "IN_PROGRESS":
            return None
        self.final_polls += 1
        return status if self.final_polls > 1 or any(event_type(n) == COMPLETE for n in self.events) else None


def event_type(notification: dict) -> int | None:
    return (notification.get("userData") or {}).get("type")


def progress_line(notification: dict) -> str:
    """A notification as nodetool prints it: the message, with the progress percentage on PROGRESS events."""
    message = notification.get("message", "")
    data = notification.get("userData") or {}
    if data.get("type") == PROGRESS and data.get("total"):
        message += f" (progress: {int(data['progressCount'] * 100 / data['total'])}%)"
    return message
