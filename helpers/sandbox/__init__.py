"""The local sandbox: real Kafka, two Cassandra nodes and Spark standalone as JVM processes, no Docker.

    python -m helpers.sandbox up|down|status|logs NAME|stop NAME|start NAME|reset

From a notebook: `from helpers import sandbox; sandbox.stop("cassandra2")`.

control    bring services up and down, one or all, and report their status
services   each service: where it listens, how it starts, how we know it is healthy
config     the servers' rendered configuration (cassandra.yaml, JVM options, server.properties)
process    start, find and stop server processes; pid files, ports, logs
probes     ask a running server whether it is healthy and which version it is
artifacts  the servers' jars, resolved from Maven Central
java       find java and check its version
paths      where the sandbox keeps its state (data, logs, pid files, jars)
errors     the errors the sandbox reports, each saying what to do
jupyter    JupyterLab on loopback with a token
__main__   the command line
"""

from helpers.sandbox.control import current_profile, down, reset, start, status, status_dicts, stop, up
from helpers.sandbox.errors import SandboxError

__all__ = ["up", "down", "reset", "start", "stop", "status", "status_dicts", "current_profile", "SandboxError"]
