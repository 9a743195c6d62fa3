"""Verified, cached downloads: stream to a temporary file, check SHA-256, then rename.

The cache lives in ``$ENERGY_DATA_CACHE`` (default ``~/.cache/energy-workshop``). A file is
used only if its SHA-256 matches the expected one; where no hash is known yet, the
caller must say it trusts the download (and is shown the hash to pin).
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

import requests
from tqdm.auto import tqdm

from helpers.common.errors import WorkshopError

CHUNK_BYTES = 1 << 20
log = logging.getLogger(__name__)


class DownloadError(WorkshopError):
    """A download failed or its result may not be used."""


class ChecksumMismatch(DownloadError):
    """The file's SHA-256 differs from the pinned one."""


class UnverifiedDownload(DownloadError):
    """No SHA-256 is pinned and the caller did not trust the download."""


def cache_dir() -> Path:
    """Where downloads are kept: ``$ENERGY_DATA_CACHE`` or ``~/.cache/energy-workshop``."""
    return Path(os.environ.get("ENERGY_DATA_CACHE") or Path.home() / ".cache" / "energy-workshop")


def sha256_of(path) -> str:
    """SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while block := source.read(CHUNK_BYTES):
            digest.update(block)
    return digest.hexdigest()


def fetch(
    url: str,
    name: str,
    sha256: str | None,
    trust: bool = False,
    session: requests.Session | None = None,
    cache: Path | None = None,
    hint: str = "",
    timeout: float = 30.0,
) -> Path:
    """The path of ``name`` in the cache, downloaded from ``url`` first if it is not there.

    Raises :class:`DownloadError` (with ``hint`` appended) if the download fails,
    :class:`ChecksumMismatch` if the hash differs from ``sha256``, and
    :class:`UnverifiedDownload` if ``sha256`` is None and ``trust`` is False. Only a file
    that passed these checks is ever renamed into the cache.
    """
    target = (cache or cache_dir()) / name
    if target.exists():
        _accept(target, sha256_of(target), sha256, trust, keep=True)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".part")
    temporary = Path(temporary)
    try:
        with os.fdopen(handle, "wb") as sink:
            digest = _download(url, sink, session or requests.Session(), timeout, hint)
        _accept(temporary, digest, sha256, trust, keep=False)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _download(url: str, sink, session: requests.Session, timeout: float, hint: str) -> str:
    """Stream ``url`` into ``sink`` with a progress bar; return the SHA-256 of what was written."""
    digest = hashlib.sha256()
    try:
        with session.get(url, stream=True, timeout=timeout) as response:
            response.raise_for_status()
            total = int(response.headers.get("Content-Length", 0)) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=url.rsplit("/", 1)[-1]) as progress:
                for block in response.iter_content(CHUNK_BYTES):
                    sink.write(block)
                    digest.update(block)
                    progress.update(len(block))
    except requests.RequestException as error:
        raise DownloadError(f"Download of {url} failed: {error}. {hint}".rstrip()) from error
    return digest.hexdigest()


def _accept(path: Path, actual: str, expected: str | None, trust: bool, keep: bool) -> None:
    """Raise unless a file with hash ``actual`` may be used."""
    if expected is not None:
        if actual != expected.lower():
            action = f"Delete {path} and download again." if keep else "The download was discarded."
            raise ChecksumMismatch(f"SHA-256 of {path.name} is {actual}, expected {expected}. {action}")
        return
    log.warning("SHA-256 of %s: %s (no pinned hash to compare with)", path.name, actual)
    if not trust:
        kept = f" It stays in {path} until you decide." if keep else " The download was discarded."
        raise UnverifiedDownload(
            f"No SHA-256 is pinned for {path.name}, so it cannot be verified.{kept} "
            "Pin the hash above in the code after checking the file, or pass --trust-download "
            "(trust=True) to use it unverified."
        )
