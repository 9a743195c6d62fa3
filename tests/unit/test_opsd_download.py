"""Verified downloads against a real HTTP server on 127.0.0.1 (never the internet)."""

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers.data import opsd
from helpers.data.__main__ import main
from helpers.data.download import ChecksumMismatch, DownloadError, UnverifiedDownload, cache_dir, fetch

FIXTURE = Path(__file__).parents[1] / "fixtures" / "opsd_time_series_15min_sample.csv"
CONTENT = b"utc_timestamp,DE_solar_generation_actual\n2016-01-01T00:00:00Z,0.0\n"
DIGEST = hashlib.sha256(CONTENT).hexdigest()


@pytest.fixture
def server(http_server, tmp_path):
    """The local HTTP server, serving data.csv."""
    (tmp_path / "www" / "data.csv").write_bytes(CONTENT)
    return http_server


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ENERGY_DATA_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _leftovers(cache):
    return sorted(p.name for p in cache.rglob("*") if p.is_file()) if cache.exists() else []


def test_cache_dir_comes_from_the_environment(cache, monkeypatch):
    assert cache_dir() == cache
    monkeypatch.delenv("ENERGY_DATA_CACHE")
    assert cache_dir().parts[-2:] == (".cache", "energy-workshop")


def test_download_with_the_pinned_hash_lands_in_the_cache(server, cache):
    path = fetch(f"{server}/data.csv", "opsd/data.csv", DIGEST)
    assert path == cache / "opsd" / "data.csv" and path.read_bytes() == CONTENT
    assert _leftovers(cache) == ["data.csv"]
    assert fetch("http://127.0.0.1:9/unused", "opsd/data.csv", DIGEST) == path  # cached: no request


def test_hash_mismatch_keeps_nothing(server, cache):
    with pytest.raises(ChecksumMismatch, match=DIGEST):
        fetch(f"{server}/data.csv", "opsd/data.csv", "0" * 64)
    assert _leftovers(cache) == []


def test_a_cached_file_that_no_longer_matches_is_refused(server, cache):
    path = fetch(f"{server}/data.csv", "opsd/data.csv", DIGEST)
    path.write_bytes(b"tampered")
    with pytest.raises(ChecksumMismatch, match="Delete"):
        fetch(f"{server}/data.csv", "opsd/data.csv", DIGEST)


def test_without_a_pinned_hash_the_file_needs_trust(server, cache, caplog):
    with pytest.raises(UnverifiedDownload, match="--trust-download"):
        fetch(f"{server}/data.csv", "opsd/data.csv", None)
    assert DIGEST in caplog.text
    assert _leftovers(cache) == []
    caplog.clear()
    path = fetch(f"{server}/data.csv", "opsd/data.csv", None, trust=True)
    assert path.read_bytes() == CONTENT and DIGEST in caplog.text


def test_connection_refused_points_to_the_embedded_generator(cache, closed_port):
    source = opsd.Source(f"http://127.0.0.1:{closed_port}/time_series.csv", "opsd/time_series.csv", None)
    with pytest.raises(DownloadError, match="Download of .* failed") as failure:
        opsd.download(source, trust=True)
    assert "python -m helpers.data generate" in str(failure.value)
    assert _leftovers(cache) == []


def test_http_error_is_a_download_error(server, cache):
    with pytest.raises(DownloadError, match="404"):
        fetch(f"{server}/missing.csv", "opsd/missing.csv", None, trust=True)
    assert _leftovers(cache) == []


def test_each_pinned_release_is_cached_under_its_own_name():
    """A new release gets a new cache name, so a copy of an older release is never taken for it."""
    sources = (opsd.TIME_SERIES, opsd.WEATHER)
    for source in sources:
        assert source.name.endswith(urlparse(source.url).path.lstrip("/")), source
        assert source.sha256 is None or re.fullmatch("[0-9a-f]{64}", source.sha256), source
    assert len({source.name for source in sources}) == len(sources)


@pytest.mark.parametrize("pinned", [True, False])
def test_cli_opsd_downloads_verifies_and_converts(server, cache, tmp_path, monkeypatch, capsys, pinned):
    shutil.copy(FIXTURE, tmp_path / "www" / "time_series.csv")
    digest = hashlib.sha256(FIXTURE.read_bytes()).hexdigest() if pinned else None
    monkeypatch.setattr(opsd, "TIME_SERIES", opsd.Source(f"{server}/time_series.csv", "opsd/ts.csv", digest))
    out = tmp_path / "opsd.csv"
    if not pinned:
        assert main(["opsd", "--out", str(out)]) == 1
        assert "--trust-download" in capsys.readouterr().err and not out.exists()
    assert main(["opsd", "--out", str(out)] + ([] if pinned else ["--trust-download"])) == 0
    printed = capsys.readouterr().out
    assert "duplicate timestamps: 1" in printed and f"276 rows, {out}" in printed
    assert out.read_text().startswith("ts,type,region,value\n2016-03-27T00:00:00Z,solar,50hertz,0.0\n")
    assert len((tmp_path / "opsd_rejects.csv").read_text().splitlines()) == 1 + 3
