"""One Environment: only helpers/environment.py reads the ENERGY_* settings, and it reads them when asked;
against your own cluster, require() checks the configured endpoints and a CLI exits 3 naming a dead one."""

import ast
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.common.errors import ServiceUnavailable
from helpers.common.paths import REPO_ROOT
from helpers.environment import CLUSTER, DOCKER, LOCAL, environment

SETTING = "ENERGY_"


def setting_names_in(path: Path) -> list[str]:
    """String constants of ``path`` that are exactly an ENERGY_* variable name (docstrings and messages aside)."""
    tree = ast.parse(path.read_text())
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith(SETTING)
        and node.value.replace("_", "").isalnum()
        and node.value.isupper()
    ]


def test_only_the_environment_module_names_an_energy_setting():
    found = {
        str(path.relative_to(REPO_ROOT)): names
        for path in sorted((REPO_ROOT / "helpers").rglob("*.py"))
        if path.name != "environment.py" and (names := setting_names_in(path))
    }
    assert found == {}, f"ENERGY_* read outside helpers/environment.py: {found}"


def test_the_mode_follows_what_is_set():
    assert environment({}).mode == LOCAL
    assert environment({"ENERGY_CASSANDRA_HOSTS": "10.0.0.5"}).mode == CLUSTER
    assert environment({"ENERGY_MACHINE_HOSTS": "a,b,c", "ENERGY_CASSANDRA_HOSTS": "x"}).mode == DOCKER
    env = environment({"ENERGY_CASSANDRA_HOSTS": "10.0.0.5, 10.0.0.6", "ENERGY_CASSANDRA_PORT": "19042"})
    assert env.cassandra_hosts == ("10.0.0.5", "10.0.0.6") and env.cassandra_port == 19042
    assert environment({}).cassandra_port == 9042


def test_settings_are_read_when_asked_not_at_import(monkeypatch):
    from helpers import endpoints

    monkeypatch.setenv("ENERGY_KAFKA_BOOTSTRAP", "10.1.2.3:9092")
    assert endpoints.kafka_bootstrap() == "10.1.2.3:9092"
    assert endpoints.KAFKA_BOOTSTRAP == "10.1.2.3:9092"
    monkeypatch.delenv("ENERGY_KAFKA_BOOTSTRAP")
    assert endpoints.KAFKA_BOOTSTRAP.startswith("127.0.")


def test_require_checks_your_own_cluster_and_names_a_dead_address(monkeypatch):
    from helpers.endpoints import require

    monkeypatch.setenv("ENERGY_CASSANDRA_HOSTS", "127.0.0.99")
    monkeypatch.setenv("ENERGY_CASSANDRA_PORT", "1")
    with pytest.raises(ServiceUnavailable, match=r"127\.0\.0\.99:1 \(ENERGY_CASSANDRA_HOSTS\)"):
        require("cassandra")


def test_a_cli_against_a_dead_cassandra_exits_3_within_a_minute():
    env = {"ENERGY_CASSANDRA_HOSTS": "127.0.0.99", "ENERGY_CASSANDRA_PORT": "1", "PATH": "/usr/bin:/bin"}
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "helpers.load", "default"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - began < 60
    assert result.returncode == 3, result.stdout + result.stderr
    assert "127.0.0.99:1" in result.stderr
