"""The slides' ring diagram places a key where Cassandra does: the sandbox's tokens, Murmur3, SimpleStrategy."""

from __future__ import annotations

import sys

import pytest

from helpers.common.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "slides"))
import diagrams  # noqa: E402  (slides/diagrams.py, a sibling module of build.py, not a package)


@pytest.mark.parametrize(
    ("key", "replicas"),
    [
        # lesson 06 shows these with nodetool getendpoints on the running cluster
        (("meter-000001",), ["cassandra3", "cassandra1", "cassandra2"]),
        (("meter-000003",), ["cassandra1", "cassandra2", "cassandra3"]),  # past the highest token: wraps around
    ],
)
def test_replicas_follow_the_ring(key, replicas):
    assert diagrams.replicas_of(diagrams.partition_token(*key)) == replicas


def test_range_ends_at_a_node_token():
    assert diagrams.replicas_of(0)[0] == "cassandra2"  # (-6148914691236517206, 0] is cassandra2's
    assert diagrams.replicas_of(1)[0] == "cassandra3"
    assert diagrams.replicas_of(-(2**63))[0] == "cassandra1"  # the wrapping range


def test_composite_key_token_is_the_drivers():
    from cassandra.metadata import Murmur3Token
    from cassandra.query import SimpleStatement

    # the routing key the driver builds for a composite partition key, hashed as its token-aware policy does
    statement = SimpleStatement("SELECT * FROM energydata.generation WHERE region = 'DE' AND type = 'wind'")
    statement.routing_key = [b"DE", b"wind"]
    assert diagrams.partition_token("DE", "wind") == Murmur3Token.hash_fn(statement.routing_key)
