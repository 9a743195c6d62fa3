"""The nodetool output the lessons need, parsed into tables (nodetool itself: helpers.cassandra_io.nodetool_cli).

Each call starts a small JVM that talks JMX to the node, so it takes a few seconds.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from helpers.cassandra_io.nodetool_cli import nodetool
from helpers.endpoints import cassandra_contact_points
from helpers.sandbox import topology

STATUS_CODES = {"U": "up", "D": "down"}
PARTITION_STATS = [
    "Number of partitions (estimate)",
    "Compacted partition minimum bytes",
    "Compacted partition mean bytes",
    "Compacted partition maximum bytes",
    "SSTable count",
]


def status(node: str = "cassandra1") -> pd.DataFrame:
    """`nodetool status` as seen from `node`: address, state (up/down), tokens, host id."""
    return parse_status(nodetool(node, "status"))


def flush(node: str, keyspace: str, *tables: str) -> None:
    """Write the memtables of `keyspace` (or of some of its tables) on `node` to SSTables."""
    nodetool(node, "flush", keyspace, *tables)


def flush_everywhere(keyspace: str, *tables: str) -> list[str]:
    """`flush` on every Cassandra node of the running sandbox at once; returns the node names."""
    nodes = [s.name for s in topology.CASSANDRA if s.address in cassandra_contact_points()]
    with ThreadPoolExecutor(len(nodes)) as pool:
        list(pool.map(lambda node: flush(node, keyspace, *tables), nodes))
    return nodes


def compact(node: str, keyspace: str, *tables: str) -> None:
    """Major compaction on `node`: each table ends up in as few SSTables as its strategy allows."""
    nodetool(node, "compact", keyspace, *tables)


def table_stats(node: str, keyspace: str, *tables: str) -> pd.DataFrame:
    """The partition figures of `nodetool tablestats` for some tables on `node`: one row per table."""
    return parse_tablestats(nodetool(node, "tablestats", *[f"{keyspace}.{t}" for t in tables]), tables)


def table_histograms(node: str, keyspace: str, table: str) -> pd.DataFrame:
    """`nodetool tablehistograms`: partition size (bytes) and cells per partition, by percentile."""
    return parse_tablehistograms(nodetool(node, "tablehistograms", keyspace, table))


def repair(node: str, keyspace: str, *tables: str) -> list[str]:
    """Full repair of `keyspace` from `node`; returns its progress messages without their timestamps."""
    output = nodetool(node, "repair", "--full", keyspace, *tables, timeout=300)
    return [re.sub(r"^\[[^\]]*\]\s*", "", line.strip()) for line in output.splitlines() if line.strip()]


def parse_status(text: str) -> pd.DataFrame:
    rows = []
    for line in text.splitlines():
        match = re.match(r"^([UD])([NLJM])\s+(\S+)\s+.*?\s+(\d+)\s+\S+\s+([0-9a-f-]{36})", line)
        if match:
            rows.append(
                {
                    "address": match.group(3),
                    "state": STATUS_CODES[match.group(1)],
                    "tokens": int(match.group(4)),
                    "host_id": match.group(5),
                }
            )
    return (
        pd.DataFrame(rows, columns=["address", "state", "tokens", "host_id"])
        .sort_values("address")
        .reset_index(drop=True)
    )


def parse_tablestats(text: str, tables: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    for block in re.split(r"\n\s*Table: ", text)[1:]:
        row = {"table": block.split("\n", 1)[0].strip()}
        for name in PARTITION_STATS:
            match = re.search(rf"^\s*{re.escape(name)}: (\d+)", block, re.MULTILINE)
            row[name] = int(match.group(1)) if match else None
        rows.append(row)
    return pd.DataFrame(rows).set_index("table").loc[list(tables)]


def parse_tablehistograms(text: str) -> pd.DataFrame:
    rows = []
    for line in text.splitlines():
        cells = line.split()
        if len(cells) == 6 and re.match(r"^(\d+%|Min|Max)$", cells[0]):
            rows.append(
                {"percentile": cells[0], "partition bytes": int(float(cells[4])), "cells": int(float(cells[5]))}
            )
    return pd.DataFrame(rows).set_index("percentile")
