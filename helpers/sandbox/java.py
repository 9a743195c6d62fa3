"""Find the java executable and check its major version."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from helpers.sandbox.errors import JavaError
from helpers.versions import pinned

HOW_TO_GET_JAVA = (
    "Install OpenJDK {v}: `conda env create -f environment.yml` (then `conda activate energy-workshop`), "
    "or your system package (Debian/Ubuntu: `sudo apt-get install openjdk-{v}-jdk-headless`, "
    "macOS: `brew install openjdk@{v}`), and make sure `java` is on PATH or JAVA_HOME points to it."
)


def java_executable() -> str:
    """$JAVA_HOME/bin/java if JAVA_HOME is set, else `java` from PATH."""
    home = os.environ.get("JAVA_HOME")
    candidate = os.path.join(home, "bin", "java") if home else shutil.which("java")
    required = pinned()["JAVA_VERSION"]
    if not candidate or not os.access(candidate, os.X_OK):
        where = f"JAVA_HOME={home}" if home else "PATH"
        raise JavaError(
            f"No Java found (looked in {where}). Java {required} is needed. " + HOW_TO_GET_JAVA.format(v=required)
        )
    return candidate


def major_version(version_output: str) -> int:
    """The major version from `java -version` output ('1.8.0_392' -> 8, '17.0.15' -> 17)."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if not match:
        raise JavaError(f"Cannot read the Java version from: {version_output.strip()[:200]}")
    first, second = int(match.group(1)), int(match.group(2) or 0)
    return second if first == 1 else first


def check_java() -> str:
    """Return the java executable after checking it is the pinned major version."""
    java = java_executable()
    required = int(pinned()["JAVA_VERSION"])
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    found = major_version(out.stderr + out.stdout)
    if found != required:
        raise JavaError(
            f"{java} is Java {found}, but the sandbox needs Java {required} "
            f"(Cassandra 5.0 runs on Java 11 or 17 only; Kafka and Spark are pinned to match). "
            + HOW_TO_GET_JAVA.format(v=required)
        )
    return java
