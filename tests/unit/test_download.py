"""helpers.common.download.fetch_verified against a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import hashlib

import pytest

from helpers.common.download import ChecksumMismatch, DownloadError, fetch_verified
from helpers.common.errors import WorkshopError

GOOD = b"PK\x03\x04 a jar's bytes " * 4096  # ~90 kB, several chunks
GOOD_SHA = hashlib.sha256(GOOD).hexdigest()
OTHER = b"what a mirror serves instead"
OTHER_SHA = hashlib.sha256(OTHER).hexdigest()


@pytest.fixture
def www(http_server, tmp_path):
    (tmp_path / "www" / "good.jar").write_bytes(GOOD)
    (tmp_path / "www" / "other.jar").write_bytes(OTHER)
    return http_server


@pytest.fixture
def target(tmp_path):
    """Where the file goes; its folder does not exist yet."""
    return tmp_path / "jars" / "lib" / "thing.jar"


def files_in(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_file_with_the_pinned_hash_is_downloaded_and_then_reused(www, target, closed_port):
    assert fetch_verified(f"{www}/good.jar", GOOD_SHA, target, progress=False) == target
    assert target.read_bytes() == GOOD and files_in(target.parent) == ["thing.jar"]
    # there already, with the right hash: no request (this URL would be refused)
    assert fetch_verified(f"http://127.0.0.1:{closed_port}/good.jar", GOOD_SHA.upper(), target) == target


def test_a_mismatching_file_names_both_hashes_and_leaves_nothing(www, target):
    with pytest.raises(ChecksumMismatch) as failure:
        fetch_verified(f"{www}/other.jar", GOOD_SHA, target, progress=False)
    message = str(failure.value)
    assert "thing.jar" in message and GOOD_SHA in message and OTHER_SHA in message
    assert isinstance(failure.value, WorkshopError)
    assert files_in(target.parent) == []


def test_a_truncated_transfer_is_an_error_and_leaves_nothing(www, target):
    with pytest.raises(DownloadError):  # a cut connection, or at the latest the hash of half a file
        fetch_verified(f"{www}/truncated/good.jar", GOOD_SHA, target, progress=False)
    assert files_in(target.parent) == []


def test_a_server_that_is_down_gives_a_clear_error(target, closed_port):
    url = f"http://127.0.0.1:{closed_port}/good.jar"
    with pytest.raises(DownloadError, match=rf"Download of {url} failed: .*Connection refused.*Use the mirror\.$"):
        fetch_verified(url, GOOD_SHA, target, progress=False, timeout=5, hint="Use the mirror.")
    assert files_in(target.parent) == []


def test_an_http_error_is_a_download_error(www, target):
    with pytest.raises(DownloadError, match="404"):
        fetch_verified(f"{www}/missing.jar", GOOD_SHA, target, progress=False)
    assert files_in(target.parent) == []


def test_a_file_there_with_another_hash_is_replaced_by_a_verified_download(www, target):
    target.parent.mkdir(parents=True)
    target.write_bytes(b"a corrupted earlier download")
    assert fetch_verified(f"{www}/good.jar", GOOD_SHA, target, progress=False).read_bytes() == GOOD
    target.write_bytes(b"corrupted again")
    with pytest.raises(ChecksumMismatch):
        fetch_verified(f"{www}/other.jar", GOOD_SHA, target, progress=False)
    assert files_in(target.parent) == []


def test_without_a_hash_the_file_is_kept_for_the_caller_to_judge(www, target):
    assert fetch_verified(f"{www}/other.jar", None, target, progress=False).read_bytes() == OTHER


def test_the_progress_bar_counts_the_bytes(www, target, capsys):
    fetch_verified(f"{www}/good.jar", GOOD_SHA, target)
    err = capsys.readouterr().err
    assert "good.jar" in err and "100%" in err
