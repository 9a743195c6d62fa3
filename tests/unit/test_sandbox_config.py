"""The rendered server configuration: three machines on their own loopback addresses, every heap set."""

import ipaddress

import pytest
import yaml

from helpers.common.errors import ServiceUnavailable
from helpers.sandbox import config, launch, topology
from helpers.sandbox.paths import state_dir
from helpers.versions import pinned


def properties(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if line)


def test_cassandra_yaml_binds_to_the_node_address(tmp_path):
    rendered = yaml.safe_load(config.cassandra_yaml(2, "127.0.0.2", ["127.0.0.1", "127.0.0.2", "127.0.0.3"], tmp_path))
    assert rendered["listen_address"] == rendered["rpc_address"] == "127.0.0.2"
    assert rendered["seed_provider"][0]["parameters"][0]["seeds"] == "127.0.0.1:7000,127.0.0.2:7000,127.0.0.3:7000"
    assert rendered["initial_token"] == "0" and rendered["num_tokens"] == 1
    assert rendered["data_file_directories"] == [str(tmp_path / "data")]


def test_the_three_tokens_split_the_ring_evenly():
    tokens = sorted(int(t) for t in config.CASSANDRA_TOKENS.values())
    ring = 2**64
    ranges = [(b - a) % ring for a, b in zip(tokens, tokens[1:] + tokens[:1])]
    assert max(ranges) - min(ranges) <= 1


def test_cassandra_jvm_options_set_the_heap_local_jmx_and_the_agent(tmp_path):
    agent = "-javaagent:/jars/jolokia-agent-jvm-2.6.0-javaagent.jar=host=127.0.0.2,port=8778"
    options = config.cassandra_jvm_options(tmp_path, "512m", 7299, agent)
    assert "-Xms512m" in options and "-Xmx512m" in options
    assert "-Dcassandra.jmx.local.port=7299" in options
    assert agent in options
    assert "--add-opens" in options  # Java 17 module openings


def test_three_kafka_brokers_form_one_kraft_quorum(tmp_path):
    voters = {1: "127.0.0.1", 2: "127.0.0.2", 3: "127.0.0.3"}
    props = properties(config.kafka_server_properties(2, "127.0.0.2", 9092, 9093, voters, tmp_path))
    assert props["process.roles"] == "broker,controller" and props["node.id"] == "2"
    assert props["controller.quorum.voters"] == "1@127.0.0.1:9093,2@127.0.0.2:9093,3@127.0.0.3:9093"
    assert props["listeners"] == "PLAINTEXT://127.0.0.2:9092,CONTROLLER://127.0.0.2:9093"
    assert (props["default.replication.factor"], props["min.insync.replicas"]) == ("3", "2")
    assert props["offsets.topic.replication.factor"] == "3"
    assert "zookeeper.connect" not in props


def test_one_broker_keeps_one_copy(tmp_path):
    props = properties(config.kafka_server_properties(1, "127.0.0.1", 9092, 9093, {1: "127.0.0.1"}, tmp_path))
    assert (props["default.replication.factor"], props["min.insync.replicas"]) == ("1", "1")


@pytest.mark.parametrize("profile", list(topology.PROFILES))
def test_every_listener_is_a_distinct_loopback_address_and_port(profile):
    listeners = [(s.address, p) for s in topology.PROFILES[profile] for p in s.ports]
    assert len(listeners) == len(set(listeners))
    assert all(ipaddress.ip_address(address).is_loopback for address, _ in listeners)


def test_each_machine_runs_a_broker_a_node_and_a_worker_on_its_own_address():
    for machine in topology.MACHINES:
        services = topology.on_machine(machine, topology.PROFILES["full"])
        assert {s.kind for s in services} >= {"kafka", "cassandra", "spark-worker"}
        assert {s.address for s in services} == {topology.machine_address(machine)}


def test_minimal_is_one_machine_without_spark_daemons():
    services = topology.PROFILES["minimal"]
    assert {s.machine for s in services} == {1}
    assert not [s for s in services if s.kind.startswith("spark")]


def test_the_net_moves_every_machine(monkeypatch):
    monkeypatch.setenv(topology.NET_ENV_VAR, "127.0.5")
    assert [s.address for s in topology.CASSANDRA] == ["127.0.5.1", "127.0.5.2", "127.0.5.3"]
    assert topology.SPARK_MASTER.endpoint == "spark://127.0.5.1:7077"


def test_jmx_ports_differ_per_node_and_per_net(monkeypatch):
    ports = {launch.jmx_port(node) for node in topology.CASSANDRA}
    monkeypatch.setenv(topology.NET_ENV_VAR, "127.0.5")
    ports |= {launch.jmx_port(node) for node in topology.CASSANDRA}
    assert len(ports) == 6


def test_state_dir_is_overridable(monkeypatch, tmp_path):
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path))
    assert state_dir() == tmp_path.resolve()


def test_pins_are_complete():
    pins = pinned()
    for key in (
        "JAVA_VERSION",
        "KAFKA_VERSION",
        "CASSANDRA_VERSION",
        "SPARK_VERSION",
        "SPARK_CASSANDRA_CONNECTOR_VERSION",
        "SCALA_BINARY_VERSION",
    ):
        assert pins[key], key
    assert pins["CASSANDRA_VERSION"].startswith("5.0.")
    assert pins["SPARK_VERSION"].startswith("3.5.")


def test_require_any_of_accepts_one_live_cassandra_node(monkeypatch):
    from helpers import endpoints

    monkeypatch.setattr(endpoints, "port_open", lambda address, port: address == "127.0.0.1")
    monkeypatch.setattr(endpoints, "profile_services", lambda: topology.PROFILES["full"])
    endpoints.require("cassandra", any_of=True)
    with pytest.raises(ServiceUnavailable, match=r"Not reachable: cassandra2 \(127\.0\.0\.2:9042\)"):
        endpoints.require("cassandra")
