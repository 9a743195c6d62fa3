"""The three sandboxes the helpers can talk to (helpers.sandbox.mode): local processes, the Docker machines
(addresses from $ENERGY_MACHINE_HOSTS, drills through each machine's control API), your own cluster (drills
refuse). The control API runs for real here, on a free loopback port, with no server started."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer

import pytest

from helpers import endpoints
from helpers.cassandra_io.hints import hint_files
from helpers.sandbox import control, machine, mode, remote, topology
from helpers.sandbox.errors import SandboxError


@pytest.fixture
def docker_names(monkeypatch):
    """Under 'Docker', with the three machine names all resolving to this computer."""
    monkeypatch.setattr(topology, "_resolved", {})
    monkeypatch.setenv(topology.HOSTS_ENV_VAR, "localhost,localhost,localhost")
    for name in mode.CLUSTER_ENV_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def machine_api(docker_names, monkeypatch, tmp_path):
    """Machine 1's control API on a free port of 127.0.0.1, over an empty state folder (nothing runs)."""
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path))
    one = machine.Machine(1)
    server = ThreadingHTTPServer(("127.0.0.1", 0), machine.handler_for(one))
    monkeypatch.setattr(topology, "MACHINE_CONTROL_PORT", server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield one
    server.shutdown()
    server.server_close()


def test_the_mode_follows_the_environment(monkeypatch, docker_names):
    assert mode.current() == mode.DOCKER
    monkeypatch.delenv(topology.HOSTS_ENV_VAR)
    assert mode.current() == mode.LOCAL
    monkeypatch.setenv("ENERGY_CASSANDRA_HOSTS", "10.0.0.5")
    assert mode.current() == mode.CLUSTER


def test_under_docker_a_machines_address_is_its_containers(docker_names):
    assert [topology.machine_address(m) for m in topology.MACHINES] == ["127.0.0.1"] * 3
    assert topology.by_name("cassandra2").endpoint == "127.0.0.1:9042"
    assert topology.SPARK_MASTER.endpoint == "spark://127.0.0.1:7077"


def test_a_wrong_machine_list_or_an_unknown_name_says_what_is_wrong(monkeypatch, docker_names):
    monkeypatch.setenv(topology.HOSTS_ENV_VAR, "machine1,machine2")
    with pytest.raises(SandboxError, match="must name 3 machines"):
        topology.machine_address(1)
    monkeypatch.setenv(topology.HOSTS_ENV_VAR, "no-such-host.invalid,b,c")
    with pytest.raises(SandboxError, match="docker compose ps"):
        topology.machine_address(1)


def test_the_spark_driver_binds_to_the_driver_host_setting(monkeypatch):
    monkeypatch.delenv("ENERGY_SPARK_DRIVER_HOST", raising=False)
    assert endpoints.spark_driver_host() == topology.machine_address(1)
    monkeypatch.setenv("ENERGY_SPARK_DRIVER_HOST", "localhost")
    assert endpoints.spark_driver_host() == "127.0.0.1"


def test_drills_refuse_against_your_own_cluster(monkeypatch):
    monkeypatch.delenv(topology.HOSTS_ENV_VAR, raising=False)
    monkeypatch.setenv("ENERGY_CASSANDRA_HOSTS", "10.0.0.5")
    for drill in (lambda: control.stop("cassandra2"), lambda: control.kill("kafka1"), control.status):
        with pytest.raises(SandboxError, match="needs the workshop's sandbox.*ENERGY_CASSANDRA_HOSTS=10.0.0.5"):
            drill()


def test_lesson_11s_incidents_refuse_against_your_own_cluster_before_touching_it(monkeypatch):
    from helpers import oncall

    monkeypatch.delenv(topology.HOSTS_ENV_VAR, raising=False)
    monkeypatch.setenv("ENERGY_KAFKA_BOOTSTRAP", "10.0.0.5:9092")
    for key in ("producer-timeouts", "missing-rows", "stuck-consumer", "slow-rollup", "lost-correction"):
        for action in (oncall.page, oncall.reset):
            with pytest.raises(SandboxError, match="resetting lesson 11's incidents needs the workshop's sandbox"):
                action(key)


def test_files_of_a_server_that_is_not_on_this_computer_are_refused_clearly(monkeypatch, tmp_path):
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path))
    with pytest.raises(SandboxError, match="Hint files are read from cassandra1's own disk"):
        hint_files("cassandra1")


def test_drills_go_through_the_machines_control_api(machine_api):
    assert control.stop("kafka1") is False  # routed to remote.stop: nothing runs, so nothing was stopped
    assert control.kill("cassandra1") is False
    assert control.stop_machine(1) == []
    rows = {row.name: row.state for row in remote.status() if row.machine == 1}
    assert rows == {"kafka1": "down", "cassandra1": "down", "spark-master": "down", "spark-worker1": "down"}
    assert control.log_tail("kafka1", 5).startswith("==> ")


def test_the_control_api_answers_errors_as_the_sandboxs_errors(machine_api):
    with pytest.raises(SandboxError, match="not every service runs"):
        remote.call(1, "GET", "/health")
    with pytest.raises(SandboxError, match="runs on machine 2, not on machine 1"):
        remote.call(1, "POST", "/services/kafka2/stop")  # machine 2's name resolves to this test's machine 1
    with pytest.raises(SandboxError, match="No such request"):
        remote.call(1, "POST", "/machine/reboot")
    with pytest.raises(SandboxError, match="docker compose down -v"):
        control.reset()


def test_a_machine_that_does_not_answer_is_named(docker_names, monkeypatch):
    monkeypatch.setattr(topology, "MACHINE_CONTROL_PORT", 9)  # discard: nothing listens
    with pytest.raises(SandboxError, match="Machine 3's control API .* does not answer"):
        control.stop_machine(3)
    assert {row.state for row in control.status()} == {"down"}
