"""The local copy of the locked jars: fetched from a Maven repository, verified before any use.

Jars live under <state folder>/artifacts/maven2/ in the repository's own layout, so components share the
jars they have in common. verified.json beside it remembers size, mtime and SHA-256 of each verified file:
a file is hashed again only when its size or mtime changed.
"""

from __future__ import annotations

import json
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from tqdm.auto import tqdm

from helpers.environment import MAVEN_REPOSITORY_VAR, environment
from helpers.sandbox.errors import JarChecksumError, JarError
from helpers.sandbox.jarlock import LockedJar
from helpers.sandbox.jars import download_verified, sha256_file
from helpers.sandbox.paths import artifacts_dir

log = logging.getLogger(__name__)
REPOSITORY_ENV_VAR = MAVEN_REPOSITORY_VAR
THREADS = 4  # measured: bandwidth-bound here (1, 4 and 8 threads within noise); helps on slow round trips


def repository_url() -> str:
    """Where jars are downloaded from: $ENERGY_MAVEN_REPOSITORY, else Maven Central."""
    return environment().maven_repository


def store_dir() -> Path:
    return artifacts_dir() / "maven2"


def local_path(jar: LockedJar) -> Path:
    return store_dir() / jar.repository_path


def _cache_file() -> Path:
    return artifacts_dir() / "verified.json"


def _load_cache() -> dict[str, list]:
    try:
        return json.loads(_cache_file().read_text())
    except (OSError, ValueError):
        return {}


def _save_cache(cache: dict[str, list]) -> None:
    temporary = _cache_file().with_suffix(f".{os.getpid()}.tmp")
    temporary.parent.mkdir(parents=True, exist_ok=True)
    temporary.write_text(json.dumps(cache, indent=0, sort_keys=True))
    temporary.replace(_cache_file())


def _remember(jar: LockedJar, cache: dict[str, list]) -> None:
    stat = local_path(jar).stat()
    cache[jar.repository_path] = [stat.st_size, stat.st_mtime_ns, jar.sha256]


def _mismatch(jar: LockedJar, cache: dict[str, list]) -> str | None:
    """None if the local file is the locked jar (hashing it only if it changed since seen), else the hash found."""
    stat = local_path(jar).stat()
    if cache.get(jar.repository_path) == [stat.st_size, stat.st_mtime_ns, jar.sha256]:
        return None
    found = sha256_file(local_path(jar))
    if found == jar.sha256 and stat.st_size == jar.size:
        _remember(jar, cache)
        return None
    cache.pop(jar.repository_path, None)
    return found


def verified(jars: list[LockedJar]) -> list[Path]:
    """The local paths of ``jars``, each checked against the lock; raises JarError for a missing jar and
    JarChecksumError, naming it, for one whose content is not the locked one."""
    cache = _load_cache()
    before = dict(cache)
    for jar in jars:
        path = local_path(jar)
        if not path.exists():
            raise JarError(f"{jar.describe()} is missing from {store_dir()}: run `python -m helpers.sandbox fetch`.")
        found = _mismatch(jar, cache)
        if found:
            raise JarChecksumError(
                f"Refused {jar.describe()} at {path}: expected SHA-256 {jar.sha256} ({jar.size} bytes), found "
                f"{found} ({path.stat().st_size} bytes). It changed after it was downloaded; "
                f"`python -m helpers.sandbox fetch` downloads it again."
            )
    if cache != before:
        _save_cache(cache)
    return [local_path(jar) for jar in jars]


def fetch(jars: list[LockedJar], quiet: bool = False) -> dict:
    """Make every jar present and verified: download what is missing or corrupt, several at a time, with a
    progress bar. Returns counts: jars, downloaded, bytes, seconds."""
    started = time.monotonic()
    unique = list({jar.repository_path: jar for jar in jars}.values())
    cache = _load_cache()
    todo = []
    for jar in unique:
        if local_path(jar).exists():
            if not _mismatch(jar, cache):
                continue
            log.warning("%s is corrupt: downloading it again.", jar.describe())
            local_path(jar).unlink()
        todo.append(jar)
    errors = []
    total = sum(jar.size for jar in todo)
    with (
        tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, desc="jars", disable=quiet or not todo) as bar,
        ThreadPoolExecutor(THREADS) as pool,
    ):
        base = repository_url()
        futures = {
            pool.submit(
                download_verified,
                f"{base}/{jar.repository_path}",
                local_path(jar),
                jar.sha256,
                jar.size,
                jar.describe(),
                bar.update,
            ): jar
            for jar in todo
        }
        for future in as_completed(futures):
            try:
                future.result()
                _remember(futures[future], cache)
            except JarError as error:
                errors.append(error)
    _save_cache(cache)
    for error in errors[1:]:
        log.error("%s", error)
    if errors:
        raise errors[0]
    return {"jars": len(unique), "downloaded": len(todo), "bytes": total, "seconds": time.monotonic() - started}
