"""The jar lock, sandbox/jars.lock: every jar of every component, by Maven coordinates, with SHA-256 and size.

A readable text file, one record a line, fields separated by spaces:

    component NAME pom-sha256=HASH PROPERTY=VALUE ...        what the component's jars were resolved from
    jar COMPONENT GROUP:ARTIFACT:VERSION[:CLASSIFIER]:jar FILE SHA256 SIZE
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.common.paths import REPO_ROOT
from helpers.sandbox.errors import JarError

LOCK_FILE = REPO_ROOT / "sandbox" / "jars.lock"
HEADER = """\
# Every jar the sandbox's servers and the Spark session use, pinned by SHA-256.
# Written by `python -m helpers.sandbox lock` (needs Maven) from sandbox/maven/<component>/pom.xml and
# versions.env: do not edit by hand. `python -m helpers.sandbox fetch` downloads and verifies them.
#
# component NAME pom-sha256=HASH PROPERTY=VALUE ...
# jar COMPONENT GROUP:ARTIFACT:VERSION[:CLASSIFIER]:jar FILE SHA256 SIZE
"""
REGENERATE = "Regenerate it with `python -m helpers.sandbox lock` (needs Maven)."


@dataclass(frozen=True)
class LockedJar:
    """One jar of one component."""

    component: str
    coordinates: str
    file: str
    sha256: str
    size: int

    @property
    def parts(self) -> list[str]:
        """[group, artifact, version] or [group, artifact, version, classifier]."""
        return self.coordinates.split(":")[:-1]

    @property
    def repository_path(self) -> str:
        """Its path in a Maven repository: 'org/apache/kafka/kafka-clients/4.1.2/kafka-clients-4.1.2.jar'."""
        group, artifact, version = self.parts[:3]
        return f"{group.replace('.', '/')}/{artifact}/{version}/{self.file}"

    def describe(self) -> str:
        return f"{self.file} ({self.coordinates})"


def file_name(coordinates: str) -> str:
    """The jar's file name in a Maven repository: ARTIFACT-VERSION[-CLASSIFIER].jar."""
    group, artifact, version, *classifier = coordinates.split(":")[:-1]
    return "-".join([artifact, version, *classifier]) + ".jar"


@dataclass
class Lock:
    """Per component: the pom's SHA-256 and the -D properties it was resolved with; and the jars."""

    poms: dict[str, str] = field(default_factory=dict)
    properties: dict[str, dict[str, str]] = field(default_factory=dict)
    jars: list[LockedJar] = field(default_factory=list)

    def of(self, component: str) -> list[LockedJar]:
        """The jars of one component, in classpath order (by file name)."""
        if component not in self.poms:
            raise JarError(f"The jar lock has no component {component!r} (it has {', '.join(self.poms)}). {REGENERATE}")
        return [jar for jar in self.jars if jar.component == component]

    def render(self) -> str:
        lines = [HEADER.rstrip("\n")]
        for name in sorted(self.poms):
            props = " ".join(f"{k}={v}" for k, v in sorted(self.properties[name].items()))
            lines.append(f"component {name} pom-sha256={self.poms[name]} {props}".rstrip())
        order = sorted(self.jars, key=lambda jar: (jar.component, jar.file))
        lines += [f"jar {j.component} {j.coordinates} {j.file} {j.sha256} {j.size}" for j in order]
        return "\n".join(lines) + "\n"


COORDINATES = re.compile(r"[\w.-]+:[\w.-]+:[\w.-]+(:[\w.-]+)?:jar")
SHA256 = re.compile(r"[0-9a-f]{64}")


def _jar(fields: list[str]) -> LockedJar:
    component, coordinates, name, sha256, size = fields
    if not COORDINATES.fullmatch(coordinates) or name != file_name(coordinates):
        raise ValueError(f"bad coordinates or file name: {coordinates} {name}")
    if not SHA256.fullmatch(sha256) or not size.isdigit():
        raise ValueError(f"bad SHA-256 or size: {sha256} {size}")
    return LockedJar(component, coordinates, name, sha256, int(size))


def parse(text: str, source: Path | str = "jars.lock") -> Lock:
    """Read the lock's text; raises JarError naming the line it cannot read."""
    lock = Lock()
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        try:
            if fields[0] == "component":
                settings = dict(item.split("=", 1) for item in fields[2:])
                lock.poms[fields[1]] = settings.pop("pom-sha256")
                lock.properties[fields[1]] = settings
            elif fields[0] == "jar":
                lock.jars.append(_jar(fields[1:]))
            else:
                raise ValueError(f"unknown record {fields[0]!r}")
        except (ValueError, KeyError) as error:
            raise JarError(f"{source}:{number}: cannot read this line ({error}). {REGENERATE}") from None
    unknown = {jar.component for jar in lock.jars} - set(lock.poms)
    if unknown:
        raise JarError(f"{source}: jars of undeclared components {sorted(unknown)}. {REGENERATE}")
    return lock


def read(path: Path | None = None) -> Lock:
    """The lock file's content (default: LOCK_FILE)."""
    path = path or LOCK_FILE
    try:
        return parse(path.read_text(), path)
    except FileNotFoundError:
        raise JarError(f"The jar lock {path} is missing. {REGENERATE}") from None
