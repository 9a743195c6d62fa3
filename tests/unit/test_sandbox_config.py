"""The rendered server configuration binds to loopback only and sets every heap."""

import pytest
import yaml

from helpers.common.errors import ServiceUnavailable
from helpers.sandbox import config, services
from helpers.sandbox.paths import state_dir
from helpers.versions import pinned


def test_cassandra_yaml_binds_to_the_node_address(tmp_path):
    rendered = yaml.safe_load(config.cassandra_yaml(2, "127.0.0.2", ["127.0.0.1", "127.0.0.2"], tmp_path))
    assert rendered["listen_address"] == rendered["rpc_address"] == "127.0.0.2"
    assert rendered["seed_provider"][0]["parameters"][0]["seeds"] == "127.0.0.1:7000,127.0.0.2:7000"
    assert rendered["initial_token"] == "0" and rendered["num_tokens"] == 1
    assert rendered["data_file_directories"] == [str(tmp_path / "data")]


def test_cassandra_nodes_have_distinct_addresses_and_jmx_ports():
    nodes = services.CASSANDRA_NODES
    assert [n.address for n in nodes] == ["127.0.0.1", "127.0.0.2"]
    assert len({services.jmx_port(n) for n in nodes}) == 2
    assert all(n.port == 9042 for n in nodes)


def test_cassandra_jvm_options_set_the_heap_local_jmx_and_the_agent(tmp_path):
    agent = "-javaagent:/jars/jolokia-agent-jvm-2.6.0-javaagent.jar=host=127.0.0.2,port=8778"
    options = config.cassandra_jvm_options(tmp_path, "512m", 7299, agent)
    assert "-Xms512m" in options and "-Xmx512m" in options
    assert "-Dcassandra.jmx.local.port=7299" in options
    assert agent in options
    assert "--add-opens" in options  # Java 17 module openings


def test_kafka_listens_on_loopback_in_kraft_mode(tmp_path):
    props = dict(
        line.split("=", 1)
        for line in config.kafka_server_properties("127.0.0.1", 9092, 9093, tmp_path).splitlines()
        if line
    )
    assert props["process.roles"] == "broker,controller"
    assert props["listeners"] == "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093"
    assert "zookeeper.connect" not in props


def test_every_service_address_is_loopback():
    assert all(s.address.startswith("127.") for s in services.ALL)


def test_minimal_profile_is_kafka_and_one_cassandra_node():
    assert [s.name for s in services.PROFILES["minimal"]] == ["kafka", "cassandra1"]


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
    monkeypatch.setattr(endpoints, "profile_services", lambda: services.PROFILES["full"])
    endpoints.require("cassandra", any_of=True)
    with pytest.raises(ServiceUnavailable, match=r"Not reachable: cassandra2 \(127\.0\.0\.2:9042\)"):
        endpoints.require("cassandra")
