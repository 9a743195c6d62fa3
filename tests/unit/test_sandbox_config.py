"""The rendered server configuration binds to loopback only and sets every heap."""

import ipaddress
import re
import tomllib
from collections import Counter
from urllib.parse import urlparse

import pytest
import yaml

from helpers import endpoints
from helpers.common.errors import ServiceUnavailable
from helpers.common.paths import REPO_ROOT
from helpers.sandbox import artifacts, config, services
from helpers.sandbox.paths import service_dir, state_dir
from helpers.versions import pinned


def test_cassandra_yaml_binds_to_the_node_address(tmp_path):
    rendered = yaml.safe_load(config.cassandra_yaml(2, "127.0.0.2", ["127.0.0.1", "127.0.0.2"], tmp_path))
    assert rendered["listen_address"] == rendered["rpc_address"] == "127.0.0.2"
    assert rendered["seed_provider"][0]["parameters"][0]["seeds"] == "127.0.0.1:7000,127.0.0.2:7000"
    assert rendered["initial_token"] == "0" and rendered["num_tokens"] == 1
    assert rendered["data_file_directories"] == [str(tmp_path / "data")]


def test_cassandra_jvm_options_set_the_heap_and_local_jmx(tmp_path):
    options = config.cassandra_jvm_options(tmp_path, "512m", 7299)
    assert "-Xms512m" in options and "-Xmx512m" in options
    assert "-Dcassandra.jmx.local.port=7299" in options
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


@pytest.fixture
def launch(monkeypatch, tmp_path):
    """Render a profile's services as `up` would, into tmp_path: {service: (argv, environment)}.

    No server starts: the jars are not needed for the configuration, and Kafka's storage counts as formatted.
    """
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path))
    monkeypatch.setattr(artifacts, "classpath", lambda component: f"/jars/{component}/*")
    (service_dir(services.KAFKA.name) / "data").mkdir(parents=True)
    (service_dir(services.KAFKA.name) / "data" / "meta.properties").touch()

    def render(profile: str) -> dict:
        chosen = services.PROFILES[profile]
        return {service: services.launch_command(service, "/opt/jdk/bin/java", chosen) for service in chosen}

    return render


def bound(service: services.Service, argv: list[str], env: dict[str, str]) -> set[tuple[str, int]]:
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
        props = dict(line.split("=", 1) for line in (conf / "server.properties").read_text().splitlines() if line)
        return {(url.hostname, url.port) for url in map(urlparse, props["listeners"].split(","))}
    host = argv[argv.index("--host") + 1]
    assert env["SPARK_LOCAL_IP"] == host, service.name
    return {(host, int(argv[argv.index(flag) + 1])) for flag in ("--port", "--webui-port") if flag in argv}


@pytest.mark.parametrize("profile", sorted(services.PROFILES))
def test_every_server_listens_on_loopback_addresses_only(launch, profile):
    for service, (argv, env) in launch(profile).items():
        for address, _ in bound(service, argv, env):
            assert ipaddress.ip_address(address).is_loopback, f"{service.name} listens on {address}"


@pytest.mark.parametrize("profile", sorted(services.PROFILES))
def test_no_two_servers_of_a_profile_listen_on_the_same_address_and_port(launch, profile):
    taken = Counter(pair for service, (argv, env) in launch(profile).items() for pair in bound(service, argv, env))
    assert [pair for pair, count in taken.items() if count > 1] == []


@pytest.mark.parametrize("profile", sorted(services.PROFILES))
def test_cassandra_nodes_seed_from_the_nodes_of_their_profile(launch, profile):
    rendered = [
        yaml.safe_load((service_dir(s.name) / "conf" / "cassandra.yaml").read_text())
        for s in launch(profile)
        if s.kind == "cassandra"
    ]
    nodes = {f"{node['listen_address']}:{node['storage_port']}" for node in rendered}
    for node in rendered:
        assert set(node["seed_provider"][0]["parameters"][0]["seeds"].split(",")) == nodes


@pytest.mark.parametrize("profile", sorted(services.PROFILES))
def test_clients_find_the_services_of_the_running_profile(monkeypatch, profile):
    for variable in ("ENERGY_CASSANDRA_HOSTS", "ENERGY_SPARK_MASTER"):
        monkeypatch.delenv(variable, raising=False)
    running = services.PROFILES[profile]
    monkeypatch.setattr(endpoints, "profile_services", lambda: running)
    masters = [s for s in running if s.kind == "spark-master"]
    # without a Spark master (minimal) the notebooks run Spark in local mode
    assert endpoints.spark_master_url() == (masters[0].endpoint if masters else "local[2]")
    contact_points = endpoints.cassandra_contact_points()
    assert contact_points and len(set(contact_points)) == len(contact_points)
    for address in contact_points:
        assert any(s.kind == "cassandra" and s.address == address for s in running), address


def test_state_dir_is_overridable(monkeypatch, tmp_path):
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path))
    assert state_dir() == tmp_path.resolve()


def test_maven_gets_every_property_its_poms_use_from_the_pins():
    supplied = artifacts.maven_properties(pinned())
    poms = sorted((REPO_ROOT / "sandbox" / "maven").glob("*/pom.xml"))
    assert {pom.parent.name for pom in poms} == set(supplied)
    for pom in poms:
        used = set(re.findall(r"\$\{([\w.]+)\}", pom.read_text()))
        given = supplied[pom.parent.name]
        assert used <= set(given), f"{pom}: {sorted(used - set(given))} not passed to Maven"
        assert all(given.values()), pom


def test_spark_comes_from_the_pinned_pyspark_wheel_and_matches_the_connector():
    dependencies = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = pinned()
    assert f"pyspark=={pins['SPARK_VERSION']}" in dependencies
    # the connector's 3.5.x line is built for Spark 3.5.x, and so on
    spark_line = pins["SPARK_VERSION"].split(".")[:2]
    assert pins["SPARK_CASSANDRA_CONNECTOR_VERSION"].split(".")[:2] == spark_line


def test_require_any_of_accepts_one_live_cassandra_node(monkeypatch):
    from helpers import endpoints

    monkeypatch.setattr(endpoints, "port_open", lambda address, port: address == "127.0.0.1")
    monkeypatch.setattr(endpoints, "profile_services", lambda: services.PROFILES["full"])
    endpoints.require("cassandra", any_of=True)
    with pytest.raises(ServiceUnavailable, match=r"Not reachable: cassandra2 \(127\.0\.0\.2:9042\)"):
        endpoints.require("cassandra")
