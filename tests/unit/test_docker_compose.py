"""docker/compose.yaml, checked statically (no Docker engine here): it parses, it uses the pinned
versions, it publishes on loopback only. (Its mirror of the three-machine sandbox comes with the Docker rebuild.)"""

import ipaddress
import re

import pytest
import yaml

from helpers.common.paths import REPO_ROOT
from helpers.versions import parse_env_file, pinned

DOCKER = REPO_ROOT / "docker"
VARIABLE = re.compile(r"\$\{(\w+)\}")


def interpolate(node, values: dict[str, str]):
    """Replace ${NAME} in every string after parsing, as compose does; an unknown name fails the test."""
    if isinstance(node, dict):
        return {key: interpolate(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [interpolate(item, values) for item in node]
    if not isinstance(node, str):
        return node

    def value(match):
        assert match.group(1) in values, f"compose.yaml uses ${{{match.group(1)}}}, which versions.env does not pin"
        return values[match.group(1)]

    return VARIABLE.sub(value, node)


@pytest.fixture(scope="module")
def compose() -> dict:
    return interpolate(yaml.safe_load((DOCKER / "compose.yaml").read_text()), pinned())


def published(compose: dict) -> list[tuple[str, str, int]]:
    """(service, host address, host port) of every published port; short syntax 'IP:HOST:CONTAINER'."""
    rows = []
    for name, spec in compose["services"].items():
        for entry in spec.get("ports", []):
            parts = str(entry).split(":")
            assert len(parts) == 3, f"{name}: port {entry!r} does not name a host address (it would bind 0.0.0.0)"
            rows.append((name, parts[0], int(parts[1])))
    return rows


def test_env_file_is_versions_env():
    assert (DOCKER / ".env").resolve() == (REPO_ROOT / "versions.env").resolve()
    assert parse_env_file(DOCKER / ".env") == pinned()


def test_images_use_the_pinned_versions(compose):
    pins, spec = pinned(), compose["services"]
    assert spec["kafka"]["image"] == f"apache/kafka:{pins['KAFKA_VERSION']}"
    for node in ("cassandra1", "cassandra2"):
        assert spec[node]["image"] == f"cassandra:{pins['CASSANDRA_VERSION']}"


def test_every_service_runs_a_pinned_image_or_the_pinned_build(compose):
    pins = pinned()
    dockerfile = (DOCKER / "Dockerfile").read_text()
    assert "pyspark==${SPARK_VERSION}" in dockerfile
    for name, spec in compose["services"].items():
        if "build" not in spec:
            assert spec["image"].rsplit(":", 1)[-1] in pins.values(), f"{name}: image {spec['image']} is not pinned"
            continue
        build = spec["build"]
        assert (REPO_ROOT / "docker" / build["context"] / build["dockerfile"]).resolve() == DOCKER / "Dockerfile"
        for arg in ("PYTHON_VERSION", "JAVA_VERSION", "SPARK_VERSION"):
            assert build["args"][arg] == pins[arg], f"{name}: build arg {arg}"
            assert f"ARG {arg}" in dockerfile and f"${{{arg}}}" in dockerfile


def test_every_port_is_published_on_loopback_only(compose):
    rows = published(compose)
    assert rows
    for name, address, _ in rows:
        assert ipaddress.ip_address(address).is_loopback, f"{name} publishes on {address}"
    assert "0.0.0.0" not in (DOCKER / "compose.yaml").read_text()
