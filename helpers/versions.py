"""The pinned versions of Java, Kafka, Cassandra, Spark and friends, read from versions.env."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from helpers.common.paths import REPO_ROOT

VERSIONS_FILE = REPO_ROOT / "versions.env"


def parse_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines, ignoring blanks and # comments."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            pins[key.strip()] = value.strip()
    return pins


@cache
def pinned() -> dict[str, str]:
    """All pins, e.g. pinned()["CASSANDRA_VERSION"] == "5.0.9"."""
    return parse_env_file(VERSIONS_FILE)
