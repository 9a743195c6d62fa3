"""Verified downloads through pooch: stream to a temporary name beside the target, check SHA-256, rename.

    from helpers.common.download import fetch_verified
    jar = fetch_verified(url, "3f1c...e9", Path(".sandbox/jars/x.jar"))

A file whose SHA-256 differs from the expected one never appears under the target name: the
download is discarded and :class:`ChecksumMismatch` names the file and both hashes.
"""

from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path

import pooch
import requests
from tqdm.auto import tqdm

from helpers.common.errors import WorkshopError

CHUNK_BYTES = 1 << 20
TIMEOUT_S = 30.0


class DownloadError(WorkshopError):
    """A download failed or its result may not be used."""


class ChecksumMismatch(DownloadError):
    """The file's SHA-256 differs from the pinned one."""


class _ProgressBar(tqdm):
    """tqdm.auto's bar (a widget in Jupyter), always truthy: pooch tests the bar before it knows the size."""

    def __bool__(self) -> bool:
        return True


def sha256_of(path) -> str:
    """SHA-256 of a file, hex."""
    return pooch.file_hash(str(path), alg="sha256")


def fetch_verified(
    url: str, sha256: str | None, path: Path, progress: bool = True, timeout: float = TIMEOUT_S, hint: str = ""
) -> Path:
    """``path``, downloaded from ``url`` unless a file with SHA-256 ``sha256`` is there already.

    The download goes to a temporary name in ``path``'s folder and is renamed to ``path`` only once its
    SHA-256 equals ``sha256`` (a file already there with another hash is deleted and downloaded again).
    With ``sha256=None`` nothing is checked: the caller decides, and ``sha256_of(path)`` is the hash to pin.

    Raises :class:`ChecksumMismatch` (nothing is left at ``path``) or :class:`DownloadError` for an HTTP
    error, a refused connection or a cut-off transfer, with ``hint`` appended.
    """
    path = Path(path)
    if path.exists():
        if sha256 is None or sha256_of(path) == sha256.lower():
            return path
        path.unlink()
    bar = _ProgressBar(unit="B", unit_scale=True, desc=url.rsplit("/", 1)[-1]) if progress else False
    downloader = pooch.HTTPDownloader(progressbar=bar, chunk_size=CHUNK_BYTES, timeout=timeout)
    try:
        with _quiet_pooch():
            pooch.retrieve(url, sha256, fname=path.name, path=path.parent, downloader=downloader)
    except ValueError as error:  # pooch's hash check failed; it has deleted the download
        got = re.search(r"but got ([0-9a-fA-F]+)", str(error))
        actual = got.group(1) if got else f"not the pinned one ({error})"
        raise ChecksumMismatch(
            f"SHA-256 of {path.name} is {actual}, expected {sha256}. The download was discarded."
        ) from error
    except requests.RequestException as error:
        raise DownloadError(f"Download of {url} failed: {error}. {hint}".rstrip()) from error
    finally:
        if bar is not False:
            bar.close()
    return path


@contextlib.contextmanager
def _quiet_pooch():
    """pooch logs each download to stderr on its own; the helpers say what matters themselves."""
    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
