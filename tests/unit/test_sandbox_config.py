"""The rendered server configuration: three machines on their own loopback addresses, every heap set."""

import ipaddress
import tomllib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import pytest
import yaml

from helpers import endpoints
from helpers.common.errors import ServiceUnavailable
from helpers.common.paths import REPO_ROOT
from helpers.sandbox import artifacts, config, launch, topology
from helpers.sandbox.paths import STATE_ENV_VAR, service_dir, state_dir
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


@pytest.fixture
def rendered(monkeypatch, tmp_path):
    """Render a profile's services as `up` would, into tmp_path: {service: (argv, environment)}.

    No server starts: the jars are not needed for the configuration, and Kafka's storage counts as formatted.
    """
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path))
    monkeypatch.setattr(artifacts, "classpath", lambda component: f"/jars/{component}/*")
    for broker in topology.KAFKA:
        (service_dir(broker.name) / "data").mkdir(parents=True)
        (service_dir(broker.name) / "data" / "meta.properties").touch()

    def render(profile: str) -> dict:
        chosen = topology.PROFILES[profile]
        return {service: launch.launch_command(service, "/opt/jdk/bin/java", chosen) for service in chosen}

    return render


def bound(service: topology.Service, argv: list[str], env: dict[str, str]) -> set[tuple[str, int]]:
    """The (address, port) pairs the rendered configuration makes the server listen on."""
    conf = service_dir(service.name) / "conf"
    if service.kind == "cassandra":
        yml = yaml.safe_load((conf / "cassandra.yaml").read_text())
        jmx = int(next(o for o in argv if o.startswith("-Dcassandra.jmx.local.port=")).split("=")[1])
        # local-only JMX listens on the loopback address whatever the node's own address is
        return {
            (yml["listen_address"], yml["storage_port"]),
            (yml["rpc_address"], yml["native_transport_port"]),
            ("127.0.0.1", jmx),
        }
    if service.kind == "kafka":
        props = properties((conf / "server.properties").read_text())
        return {(url.hostname, url.port) for url in map(urlparse, props["listeners"].split(","))}
    host = argv[argv.index("--host") + 1]
    assert env["SPARK_LOCAL_IP"] == host, service.name
    return {(host, int(argv[argv.index(flag) + 1])) for flag in ("--port", "--webui-port") if flag in argv}


@pytest.mark.parametrize("profile", sorted(topology.PROFILES))
def test_every_server_listens_on_loopback_addresses_only(rendered, profile):
    for service, (argv, env) in rendered(profile).items():
        for address, _ in bound(service, argv, env):
            assert ipaddress.ip_address(address).is_loopback, f"{service.name} listens on {address}"


@pytest.mark.parametrize("profile", sorted(topology.PROFILES))
def test_no_two_servers_of_a_profile_listen_on_the_same_address_and_port(rendered, profile):
    taken = Counter(pair for service, (argv, env) in rendered(profile).items() for pair in bound(service, argv, env))
    assert [pair for pair, count in taken.items() if count > 1] == []


@pytest.mark.parametrize("profile", sorted(topology.PROFILES))
def test_cassandra_nodes_seed_from_the_nodes_of_their_profile(rendered, profile):
    nodes = [
        yaml.safe_load((service_dir(s.name) / "conf" / "cassandra.yaml").read_text())
        for s in rendered(profile)
        if s.kind == "cassandra"
    ]
    addresses = {f"{node['listen_address']}:{node['storage_port']}" for node in nodes}
    for node in nodes:
        assert set(node["seed_provider"][0]["parameters"][0]["seeds"].split(",")) == addresses


@pytest.mark.parametrize("profile", sorted(topology.PROFILES))
def test_kafka_brokers_vote_among_the_brokers_of_their_profile(rendered, profile):
    brokers = [s for s in rendered(profile) if s.kind == "kafka"]
    voters = {f"{b.machine}@{b.address}:{b.extra_ports[0]}" for b in brokers}
    for broker in brokers:
        props = properties((service_dir(broker.name) / "conf" / "server.properties").read_text())
        assert set(props["controller.quorum.voters"].split(",")) == voters
        assert props["node.id"] == str(broker.machine)


@pytest.mark.parametrize("profile", sorted(topology.PROFILES))
def test_clients_find_the_services_of_the_running_profile(monkeypatch, profile):
    for variable in ("ENERGY_CASSANDRA_HOSTS", "ENERGY_SPARK_MASTER"):
        monkeypatch.delenv(variable, raising=False)
    running = topology.PROFILES[profile]
    monkeypatch.setattr(endpoints, "profile_services", lambda: running)
    masters = [s for s in running if s.kind == "spark-master"]
    # without a Spark master (minimal) the notebooks run Spark in local mode
    assert endpoints.spark_master_url() == (masters[0].endpoint if masters else "local[2]")
    contact_points = endpoints.cassandra_contact_points()
    assert contact_points and len(set(contact_points)) == len(contact_points)
    for address in contact_points:
        assert any(s.kind == "cassandra" and s.address == address for s in running), address


def test_spark_comes_from_the_pinned_pyspark_wheel_and_matches_the_connector():
    dependencies = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = pinned()
    assert f"pyspark=={pins['SPARK_VERSION']}" in dependencies
    # the connector's 3.5.x line is built for Spark 3.5.x, and so on
    assert pins["SPARK_CASSANDRA_CONNECTOR_VERSION"].split(".")[:2] == pins["SPARK_VERSION"].split(".")[:2]


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


def test_brokers_formatting_at_once_all_get_the_same_kafka_cluster_id(tmp_path, monkeypatch):
    monkeypatch.setenv(STATE_ENV_VAR, str(tmp_path))
    monkeypatch.delenv("ENERGY_KAFKA_CLUSTER_ID", raising=False)
    for _ in range(20):  # the race needs several tries to show, if the code has it
        (tmp_path / "kafka-cluster-id").unlink(missing_ok=True)
        with ThreadPoolExecutor(max_workers=8) as pool:
            ids = set(pool.map(lambda _: launch.kafka_cluster_id(), range(8)))
        assert len(ids) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kafka-cluster-id"]  # no candidate files left


def test_a_new_kafka_cluster_id_never_starts_with_a_dash_which_the_storage_tool_reads_as_an_option():
    ids = [launch.new_kafka_cluster_id() for _ in range(2000)]  # about 31 of 2000 would start with "-"
    assert all(len(i) == 22 and not i.startswith("-") for i in ids)
    assert any("-" in i for i in ids), "the dash stays a valid character elsewhere"
