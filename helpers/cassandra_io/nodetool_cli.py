"""Cassandra's nodetool (org.apache.cassandra.tools.NodeTool), run against a sandbox node over local JMX."""

from __future__ import annotations

import subprocess

from helpers.common.errors import WorkshopError
from helpers.common.paths import REPO_ROOT
from helpers.sandbox import artifacts, config, topology
from helpers.sandbox.java import check_java
from helpers.sandbox.launch import jmx_port


class NodetoolError(WorkshopError):
    """nodetool ran and failed; the message carries its output."""


TOOLS_LOGBACK = REPO_ROOT / "sandbox" / "conf" / "logback-tools.xml"


def nodetool(node: str, *args: str, timeout: float = 120) -> str:
    """Run `nodetool ARGS` against node 'cassandra1' or 'cassandra2'; return its output, raise on failure."""
    service = topology.by_name(node)
    cmd = [
        check_java(),
        "-Xmx128m",
        f"-Dlogback.configurationFile={TOOLS_LOGBACK}",
        *config.CASSANDRA_JAVA17_MODULE_OPTIONS,
        "-cp",
        artifacts.classpath("cassandra"),
        "org.apache.cassandra.tools.NodeTool",
        "-h",
        "127.0.0.1",
        "-p",
        str(jmx_port(service)),
        *args,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise NodetoolError(f"nodetool {' '.join(args)} on {node} failed:\n{(result.stdout + result.stderr)[-2000:]}")
    return result.stdout
