"""The local sandbox: three simulated machines (127.0.0.1-3), each with a Kafka broker, a Cassandra
node and a Spark worker, plus the Spark master; real servers as JVM processes, no Docker. The Docker
sandbox (docker/) runs the same code, one container per machine.

    topology   what runs where: machines, services, profiles (full, minimal)
    launch     how each service starts: its configuration files and command line
    config     the servers' configuration, rendered (cassandra.yaml, server.properties, JVM options)
    process    start, find, stop and kill the processes; pid files, ports, logs
    probes     ask each server whether it is healthy and which version it is
    control    up, down, reset, start/stop/kill a service, stop/start a machine, status
    mode       which servers the helpers talk to: local processes, the Docker machines, or your own cluster
    machine    one machine of the Docker sandbox: its services as child processes and a control API
    remote     control's operations on the Docker sandbox, through each machine's control API
    java       which Java runs the servers
    jolokia    the JMX-over-HTTP agent every Cassandra node loads (its -javaagent option and URL)
    artifacts  the servers' jars: fetched from the lock file, verified, put on classpaths
    jarlock    sandbox/jars.lock: every jar with its Maven coordinates and SHA-256
    jarstore   the verified jar store (Maven's layout), downloads from Maven Central
    jars       one verified download: URL to file, SHA-256 checked, temp name then rename
    maven      regenerates the lock with Maven (the only use of Maven)
    paths      where the sandbox keeps its state
    jupyter    JupyterLab on loopback with a token
    doctor     one screen: what this laptop has and lacks for the course (Python, memory, addresses, Java, ...)
    errors     the errors the sandbox reports, each saying what to do
    __main__   the command line: python -m helpers.sandbox up|down|status|logs|stop|kill|start|stop-machine|...

From a notebook: `from helpers import sandbox; sandbox.kill("kafka2"); sandbox.start("kafka2")`.
"""

from helpers.sandbox.control import (
    current_profile,
    down,
    kill,
    reset,
    start,
    start_machine,
    status,
    status_dicts,
    stop,
    stop_machine,
    up,
)
from helpers.sandbox.errors import SandboxError

__all__ = [
    "SandboxError",
    "current_profile",
    "down",
    "kill",
    "reset",
    "start",
    "start_machine",
    "status",
    "status_dicts",
    "stop",
    "stop_machine",
    "up",
]
