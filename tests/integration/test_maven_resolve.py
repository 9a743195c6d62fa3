"""Regenerating the jar lock with Maven: an artifact that does not exist is named. Needs Maven and Maven Central
(which is why it is not a unit test)."""

import pytest

from helpers.sandbox import maven
from helpers.sandbox.errors import MavenError

pytestmark = pytest.mark.slow


def test_unresolvable_artifact_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path))
    with pytest.raises(MavenError, match=r"org\.apache\.cassandra:cassandra-all:\S*0\.0\.0-no-such-version"):
        maven.resolve("cassandra", {"cassandra.version": "0.0.0-no-such-version"})
