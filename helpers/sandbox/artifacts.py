"""The jars of each sandbox component (cassandra, kafka, spark, ...), as pinned in sandbox/jars.lock.

Missing jars are downloaded from Maven Central on first use (or by `python -m helpers.sandbox fetch`);
every jar is verified against its SHA-256 before it is handed out: nothing unverified reaches a classpath.
"""

from __future__ import annotations

from pathlib import Path

from helpers.sandbox import jarlock, jarstore


def jars(component: str, quiet: bool = False) -> list[Path]:
    """The verified jar files of ``component``, in classpath order; fetches the missing ones first."""
    locked = jarlock.read().of(component)
    if any(not jarstore.local_path(jar).exists() for jar in locked):
        jarstore.fetch([jar for jar in locked if not jarstore.local_path(jar).exists()], quiet=quiet)
    return jarstore.verified(locked)


def classpath(component: str) -> str:
    """The component's jars as a Java class path (verified)."""
    return ":".join(str(path) for path in jars(component))


def fetch(quiet: bool = False) -> dict:
    """Download and verify every locked jar that is missing or corrupt; see jarstore.fetch."""
    return jarstore.fetch(jarlock.read().jars, quiet=quiet)
