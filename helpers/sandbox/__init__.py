"""The local sandbox: real Kafka, two Cassandra nodes and Spark standalone as JVM processes, no Docker.

    python -m helpers.sandbox up|down|status|logs NAME|stop NAME|start NAME|reset|fetch|lock

From a notebook: `from helpers import sandbox; sandbox.stop("cassandra2")`.
"""

from helpers.sandbox.control import current_profile, down, reset, start, status, status_dicts, stop, up
from helpers.sandbox.errors import SandboxError

__all__ = ["up", "down", "reset", "start", "stop", "status", "status_dicts", "current_profile", "SandboxError"]
