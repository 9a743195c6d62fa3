"""Resolve the servers' jars from Maven Central with Maven, into a local cache folder.

Each component has a small pom under sandbox/maven/<component>/; the versions come from
versions.env. Resolution runs once per version; later calls reuse the folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from helpers.common.paths import REPO_ROOT
from helpers.sandbox.errors import MavenError
from helpers.sandbox.paths import artifacts_dir
from helpers.versions import pinned

POM_DIR = REPO_ROOT / "sandbox" / "maven"
DONE_MARKER = ".resolved"


def maven_properties(pins: dict[str, str]) -> dict[str, dict[str, str]]:
    """The -D properties each component's pom needs."""
    return {
        "cassandra": {"cassandra.version": pins["CASSANDRA_VERSION"]},
        "jolokia": {"jolokia.version": pins["JOLOKIA_VERSION"]},
        "kafka": {
            "kafka.version": pins["KAFKA_VERSION"],
            "kafka.scala.binary.version": pins["KAFKA_SCALA_BINARY_VERSION"],
            "log4j.version": pins["LOG4J_VERSION"],
        },
        "spark": {
            "spark.version": pins["SPARK_VERSION"],
            "scala.binary.version": pins["SCALA_BINARY_VERSION"],
            "spark.cassandra.connector.version": pins["SPARK_CASSANDRA_CONNECTOR_VERSION"],
        },
    }


def component_dir(component: str, props: dict[str, str]) -> Path:
    tag = "-".join(props[k] for k in sorted(props))
    return artifacts_dir() / f"{component}-{tag}"


def unresolved_artifact(maven_output: str) -> str | None:
    """The coordinates Maven could not resolve, from its error output."""
    for pattern in (
        r"Could not find artifact (\S+)",
        r"Could not resolve dependencies for project \S+: (.+?)(?: in | was |$)",
        r"Failed to read artifact descriptor for (\S+)",
        r"Could not transfer artifact (\S+)",
    ):
        match = re.search(pattern, maven_output)
        if match:
            return match.group(1)
    return None


def resolve(component: str, props: dict[str, str] | None = None, quiet: bool = False) -> list[Path]:
    """The jars of `component` ("cassandra", "jolokia", "kafka" or "spark"), resolving them if needed."""
    props = props or maven_properties(pinned())[component]
    target = component_dir(component, props)
    if not (target / DONE_MARKER).exists():
        mvn = shutil.which("mvn")
        if not mvn:
            raise MavenError(
                "Maven (`mvn`) is not on PATH; the sandbox resolves Kafka, Cassandra and the Spark "
                "connector with it. Install it: `conda env create -f environment.yml`, or "
                "`sudo apt-get install maven`, or `brew install maven`."
            )
        if not quiet:
            print(f"Resolving {component} ({', '.join(props.values())}) with Maven ...", flush=True)
        shutil.rmtree(target, ignore_errors=True)
        cmd = [
            mvn,
            "-B",
            "-q",
            "-f",
            str(POM_DIR / component / "pom.xml"),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={target}",
        ]
        cmd += [f"-D{k}={v}" for k, v in props.items()]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            output = result.stdout + result.stderr
            artifact = unresolved_artifact(output) or f"{component} with {props}"
            raise MavenError(
                f"Maven could not resolve {artifact}. Check the version in versions.env and your "
                f"access to Maven Central. Last Maven output:\n{output.strip()[-1500:]}"
            )
        (target / DONE_MARKER).write_text("ok\n")
    return sorted(target.glob("*.jar"))


def classpath(component: str) -> str:
    return ":".join(str(p) for p in resolve(component))
