"""Download one file and keep it only if its SHA-256 matches: streamed to a temporary name, renamed once verified."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import requests

from helpers.common.waiting import with_retries
from helpers.sandbox.errors import JarChecksumError, JarError

CHUNK_BYTES = 1 << 16
JAR_MODE = 0o644
"""Readable by every user: the services may run as another user than the one that fetched the jars
(the Docker image fetches them as root; its containers run as you). mkstemp alone makes 0600."""
TIMEOUT_S = 60
ATTEMPTS, BACKOFF_S = 3, 1.0  # for broken connections and timeouts, not for a wrong hash


def sha256_file(path: Path) -> str:
    with open(path, "rb") as source:
        return hashlib.file_digest(source, "sha256").hexdigest()


def download_verified(
    url: str, target: Path, sha256: str, size: int, what: str, progress: Callable[[int], object] | None = None
) -> Path:
    """Download ``url`` to ``target`` if its SHA-256 and size match, else raise naming ``what``.

    JarChecksumError: the content differs (expected and found hash); JarError: the transfer failed.
    Either way nothing is left at ``target``. ``progress(n)`` is called with each block's size.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(handle)
    temporary = Path(name)
    try:
        found, received = with_retries(
            lambda: _transfer(url, temporary, what, progress), ATTEMPTS, (requests.RequestException,), BACKOFF_S
        )
        if found != sha256 or received != size:
            cut = f", truncated: {received} of {size} bytes" if received < size else ""
            raise JarChecksumError(
                f"Refused {what} from {url}: expected SHA-256 {sha256} ({size} bytes), found {found} "
                f"({received} bytes{cut}). Nothing was saved; retry, and if it persists the repository serves "
                f"another file than the lock pins."
            )
        temporary.chmod(JAR_MODE)
        temporary.replace(target)
    except requests.RequestException as error:
        raise JarError(f"Could not download {what} from {url}: {error}. Check your access to it and retry.") from None
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _transfer(url: str, sink_path: Path, what: str, progress: Callable[[int], object] | None) -> tuple[str, int]:
    digest, received = hashlib.sha256(), 0
    with requests.get(url, stream=True, timeout=TIMEOUT_S) as response, open(sink_path, "wb") as sink:
        if response.status_code == 404:
            raise JarError(f"Could not download {what}: {url} does not exist (HTTP 404).")
        response.raise_for_status()
        for block in response.iter_content(CHUNK_BYTES):
            sink.write(block)
            digest.update(block)
            received += len(block)
            if progress:
                progress(len(block))
    return digest.hexdigest(), received
