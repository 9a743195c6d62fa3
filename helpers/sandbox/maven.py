"""Regenerate the jar lock with Maven: the only part of the workshop that needs Maven.

Each component is a folder sandbox/maven/<component>/ with a pom.xml. Its versions come from versions.env:
every pin NAME_OF_THING becomes the property name.of.thing (KAFKA_VERSION -> ${kafka.version}), and each pom
gets the properties it uses as -D options.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from helpers.common.paths import REPO_ROOT
from helpers.sandbox import jarlock
from helpers.sandbox.errors import MavenError
from helpers.sandbox.jarlock import Lock, LockedJar, file_name
from helpers.versions import pinned

log = logging.getLogger(__name__)
POM_DIR = REPO_ROOT / "sandbox" / "maven"
BUILTIN = re.compile(r"(project|pom|env|settings|maven|java|os|user)\.")
# group:artifact:type[:classifier]:version:scope:/absolute/file[ -- module name]
LISTED = re.compile(r"^\s*([^:\s]+):([^:\s]+):([^:\s]+)(?::([^:\s]+))?:([^:\s]+):([a-z]+):(.+?)(?:\s+--\s.*)?$")


def components() -> list[str]:
    """The folders under sandbox/maven/ that hold a pom.xml."""
    return sorted(d.name for d in POM_DIR.iterdir() if (d / "pom.xml").is_file())


def pom_file(component: str) -> Path:
    return POM_DIR / component / "pom.xml"


def pom_sha256(component: str) -> str:
    """The pom's SHA-256 (line endings normalised), recorded in the lock to notice a changed pom."""
    return hashlib.sha256(pom_file(component).read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def maven_properties(component: str, pins: dict[str, str] | None = None) -> dict[str, str]:
    """The -D properties the component's pom needs, from versions.env (KAFKA_VERSION -> kafka.version)."""
    available = {key.lower().replace("_", "."): value for key, value in (pins or pinned()).items()}
    text = pom_file(component).read_text()
    root = ET.fromstring(text)
    own = {el.tag.split("}")[-1] for props in root.iter() if props.tag.endswith("properties") for el in props}
    used = {name for name in re.findall(r"\$\{([\w.-]+)\}", text) if name not in own and not BUILTIN.match(name)}
    missing = sorted(used - set(available))
    if missing:
        wanted = ", ".join(f"${{{m}}} ({m.upper().replace('.', '_')})" for m in missing)
        raise MavenError(f"{pom_file(component)} uses {wanted}, which versions.env does not define.")
    return {name: available[name] for name in sorted(used)}


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


def parse_dependency_list(text: str) -> list[tuple[str, Path]]:
    """(GROUP:ARTIFACT:VERSION[:CLASSIFIER]:jar, file) for each jar in `mvn dependency:list` output."""
    found = []
    for line in text.splitlines():
        match = LISTED.match(line)
        if match:
            group, artifact, kind, classifier, version, _scope, path = match.groups()
            if kind != "jar":
                raise MavenError(f"Cannot lock {group}:{artifact}:{version}: its type is {kind}, not jar.")
            found.append((":".join(p for p in (group, artifact, version, classifier, "jar") if p), Path(path)))
    return found


def resolve(component: str, properties: dict[str, str]) -> list[tuple[str, Path]]:
    """Run Maven on the component's pom: each runtime jar's coordinates and its file in the local repository."""
    mvn = shutil.which("mvn")
    if not mvn:
        raise MavenError(
            "Maven (`mvn`) is not on PATH; only `python -m helpers.sandbox lock` needs it, to regenerate "
            "sandbox/jars.lock. Install it: `conda env create -f environment.yml`, or "
            "`sudo apt-get install maven`, or `brew install maven`."
        )
    with tempfile.TemporaryDirectory(prefix="jar-lock-") as scratch:
        listing = Path(scratch) / "dependencies.txt"
        cmd = [mvn, "-B", "-q", "-f", str(pom_file(component)), "dependency:list", "-DincludeScope=runtime"]
        cmd += ["-DoutputAbsoluteArtifactFilename=true", f"-DoutputFile={listing}"]
        cmd += [f"-D{k}={v}" for k, v in properties.items()]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0 or not listing.exists():
            output = result.stdout + result.stderr
            artifact = unresolved_artifact(output) or f"{component} with {properties}"
            raise MavenError(
                f"Maven could not resolve {artifact}. Check the version in versions.env and your "
                f"access to Maven Central. Last Maven output:\n{output.strip()[-1500:]}"
            )
        return parse_dependency_list(listing.read_text())


def make_lock() -> Lock:
    """Resolve every component with Maven and hash each jar: the content of a new lock file."""
    lock = Lock()
    for component in components():
        properties = maven_properties(component)
        log.info("Resolving %s (%s) ...", component, " ".join(f"{k}={v}" for k, v in properties.items()))
        lock.poms[component], lock.properties[component] = pom_sha256(component), properties
        for coordinates, path in resolve(component, properties):
            data = path.read_bytes()
            jar = LockedJar(component, coordinates, file_name(coordinates), hashlib.sha256(data).hexdigest(), len(data))
            if any(other.file == jar.file for other in lock.of(component)):
                raise MavenError(f"{component} has two jars named {jar.file}; the classpath cannot hold both.")
            lock.jars.append(jar)
    return lock


def write_lock(lock: Lock, path: Path | None = None) -> None:
    """Write the lock (atomically: a temporary file renamed over it); default: jarlock.LOCK_FILE."""
    path = path or jarlock.LOCK_FILE
    temporary = path.with_suffix(".tmp")
    temporary.write_text(lock.render())
    temporary.replace(path)
