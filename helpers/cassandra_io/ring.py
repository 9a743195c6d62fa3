"""The token ring: each node owns the tokens up to its own; a partition key's token says which nodes hold it.

Murmur3 hashes the partition key to a token in [-2**63, 2**63). With SimpleStrategy the first
replica is the node whose token is the next one at or after the key's token (wrapping around),
the others follow clockwise. The driver knows the ring too: that is how token-aware routing
sends each request straight to a replica.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

import pandas as pd
from cassandra.cluster import Session
from cassandra.metadata import Murmur3Token

from helpers.sandbox import topology
from helpers.sandbox.config import CASSANDRA_TOKENS

# An address as nodes print it in messages and traces: 127.0.0.3, /127.0.0.3:7000
_ADDRESS = re.compile(r"/?\b(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(:\d+)?\b")


@dataclass(frozen=True)
class Placement:
    key: tuple
    token: int
    replicas: list[str]  # addresses, first replica first


def node_name(address: str) -> str:
    """The sandbox name of the Cassandra node at `address` ('cassandra3'); the address itself if none."""
    return next((s.name for s in topology.CASSANDRA if s.address == address), address)


def named(text: str) -> str:
    """`text` with every Cassandra node address (with or without '/' and port) replaced by the node's name."""

    def name(match: re.Match) -> str:
        found = node_name(match.group(1))
        return found if found != match.group(1) else match.group(0)

    return _ADDRESS.sub(name, text)


def ring(session: Session) -> pd.DataFrame:
    """One row per node: its name, address, token, and the token range it is the first replica for."""
    token_map = session.cluster.metadata.token_map
    tokens = sorted(token_map.ring, key=lambda t: t.value)
    rows = []
    for i, token in enumerate(tokens):
        previous = tokens[i - 1].value  # i == 0 wraps around to the highest token
        address = token_map.token_to_host_owner[token].address
        rows.append(
            {
                "name": node_name(address),
                "node": address,
                "token": token.value,
                "primary range": f"({previous}, {token.value}]",
            }
        )
    return pd.DataFrame(rows)


def placement(session: Session, keyspace: str, table: str, *key: object) -> Placement:
    """The token of a partition key (as the driver computes it) and the nodes that hold the partition."""
    metadata = session.cluster.metadata
    columns = [c.name for c in metadata.keyspaces[keyspace].tables[table].partition_key]
    where = " AND ".join(f"{c} = ?" for c in columns)
    bound = session.prepare(f"SELECT * FROM {keyspace}.{table} WHERE {where}").bind(key)
    token = metadata.token_map.token_class.from_key(bound.routing_key)
    replicas = metadata.token_map.get_replicas(keyspace, token)
    return Placement(tuple(key), token.value, [h.address for h in replicas])


def placements(session: Session, keyspace: str, table: str, keys: list[tuple]) -> pd.DataFrame:
    """`placement` for many keys, as a table: key, token, first replica, all replicas (node names)."""
    rows = []
    for key in keys:
        p = placement(session, keyspace, table, *key)
        rows.append(
            {
                "partition key": " / ".join(map(str, key)),
                "token": p.token,
                "first replica": node_name(p.replicas[0]),
                "replicas": ", ".join(map(node_name, p.replicas)),
            }
        )
    return pd.DataFrame(rows)


def _routing_key(*parts: str) -> bytes:
    """The partition key as Cassandra hashes it: each component with a 2-byte length and a 0 byte after."""
    return b"".join(struct.pack(">H", len(p.encode())) + p.encode() + b"\x00" for p in parts)


def primary_node(*key: str) -> str:
    """The node that owns a (text, text) partition key's token: its only replica when RF is 1."""
    token = Murmur3Token.from_key(_routing_key(*key)).value
    ring = sorted((int(t), node) for node, t in CASSANDRA_TOKENS.items())
    node = next((n for t, n in ring if t >= token), ring[0][1])  # past the last token: wrap around
    return f"cassandra{node}"
