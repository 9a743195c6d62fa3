"""The real jars from Maven Central match the lock. Needs internet: ENERGY_TEST_NETWORK=1 pytest ..."""

import os

import pytest

from helpers.sandbox import artifacts, jarlock, jarstore

pytestmark = [
    pytest.mark.sandbox,
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("ENERGY_TEST_NETWORK") != "1", reason="set ENERGY_TEST_NETWORK=1 to download"),
]


def test_every_locked_jar_downloads_from_maven_central_and_verifies(monkeypatch, tmp_path):
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path))
    monkeypatch.delenv(jarstore.REPOSITORY_ENV_VAR, raising=False)
    done = artifacts.fetch(quiet=True)
    lock = jarlock.read()
    assert done["downloaded"] == done["jars"] == len({jar.repository_path for jar in lock.jars})
    for component in lock.poms:
        assert len(artifacts.classpath(component).split(":")) == len(lock.of(component))
