"""Verified, cached downloads of data files (helpers.common.download does the download and the check).

The cache lives in ``$ENERGY_DATA_CACHE`` (default ``~/.cache/energy-workshop``). A file is
used only if its SHA-256 matches the expected one; where no hash is known yet, the
caller must say it trusts the download (and is shown the hash to pin).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from helpers.environment import environment
from helpers.common.download import TIMEOUT_S, ChecksumMismatch, DownloadError, fetch_verified, sha256_of

__all__ = ["ChecksumMismatch", "DownloadError", "UnverifiedDownload", "cache_dir", "fetch", "sha256_of"]

log = logging.getLogger(__name__)


class UnverifiedDownload(DownloadError):
    """No SHA-256 is pinned and the caller did not trust the download."""


def cache_dir() -> Path:
    """Where downloads are kept: ``$ENERGY_DATA_CACHE`` or ``~/.cache/energy-workshop``."""
    return environment().data_cache


def fetch(
    url: str,
    name: str,
    sha256: str | None,
    trust: bool = False,
    cache: Path | None = None,
    hint: str = "",
    timeout: float = TIMEOUT_S,
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
    if sha256 is not None:
        return fetch_verified(url, sha256, target, timeout=timeout, hint=hint)
    unverified = target.with_name(f"{target.name}.unverified")
    unverified.unlink(missing_ok=True)  # left by an interrupted run: never used unseen
    try:
        fetch_verified(url, None, unverified, timeout=timeout, hint=hint)
        _accept(target, sha256_of(unverified), None, trust, keep=False)
        unverified.replace(target)
    finally:
        unverified.unlink(missing_ok=True)
    return target


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
