"""What the lessons ask nodetool, asked of the same MBeans over HTTP (helpers.cassandra_io.jmx).

nodetool is a JMX client: each of its commands reads MBean attributes or calls MBean operations on
one node. Each function here names the command it stands for and the MBean it uses. A node is a
sandbox name ("cassandra1") or an address. Where a CQL virtual table gives the same answer, the
lessons use CQL instead (e.g. settings: `SELECT * FROM system_views.settings`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from helpers.cassandra_io import jmx
from helpers.cassandra_io.histograms import summary
from helpers.cassandra_io.repair import repair  # noqa: F401 - nodetool repair, here with the others
from helpers.endpoints import cassandra_contact_points
from helpers.sandbox import topology

STORAGE_SERVICE = jmx.STORAGE_SERVICE
STORAGE_PROXY = "org.apache.cassandra.db:type=StorageProxy"
HINTS_SERVICE = "org.apache.cassandra.hints:type=HintsService"
# nodetool tablestats' label -> the table metric it reads
PARTITION_STATS = {
    "Number of partitions (estimate)": "EstimatedPartitionCount",
    "Compacted partition minimum bytes": "MinPartitionSize",
    "Compacted partition mean bytes": "MeanPartitionSize",
    "Compacted partition maximum bytes": "MaxPartitionSize",
    "SSTable count": "LiveSSTableCount",
}
STATUS_ATTRIBUTES = [
    "LiveNodesWithPort",
    "UnreachableNodesWithPort",
    "TokenToEndpointWithPortMap",
    "EndpointWithPortToHostId",
]
COMPACTION_TIMEOUT_S = 600


def table_metric(keyspace: str, table: str, name: str) -> str:
    """A table metric's MBean: org.apache.cassandra.metrics:type=Table,keyspace=..,scope=<table>,name=<metric>."""
    return f"org.apache.cassandra.metrics:type=Table,keyspace={keyspace},scope={table},name={name}"


def status(node: str = "cassandra1") -> pd.DataFrame:
    """`nodetool status` as seen from `node`: address, state (up/down), tokens, host id.

    StorageService attributes LiveNodesWithPort, UnreachableNodesWithPort, TokenToEndpointWithPortMap
    and EndpointWithPortToHostId, read in one request."""
    return status_table(jmx.read(node, STORAGE_SERVICE, STATUS_ATTRIBUTES))


def flush(node: str, keyspace: str, *tables: str) -> None:
    """`nodetool flush`: write the memtables of `keyspace` (or of some of its tables) on `node` to SSTables.

    StorageService operation forceKeyspaceFlush(keyspace, tables)."""
    jmx.execute(node, STORAGE_SERVICE, "forceKeyspaceFlush", keyspace, list(tables), timeout_s=COMPACTION_TIMEOUT_S)


def flush_everywhere(keyspace: str, *tables: str) -> list[str]:
    """`flush` on every Cassandra node of the running sandbox at once; returns the node names."""
    nodes = [s.name for s in topology.CASSANDRA if s.address in cassandra_contact_points()]
    with ThreadPoolExecutor(len(nodes)) as pool:
        list(pool.map(lambda node: flush(node, keyspace, *tables), nodes))
    return nodes


def compact(node: str, keyspace: str, *tables: str) -> None:
    """`nodetool compact`: major compaction on `node`, each table into as few SSTables as its strategy allows.

    StorageService operation forceKeyspaceCompaction(splitOutput=false, keyspace, tables); returns when done."""
    jmx.execute(
        node, STORAGE_SERVICE, "forceKeyspaceCompaction", False, keyspace, list(tables), timeout_s=COMPACTION_TIMEOUT_S
    )


def tables_of(node: str, keyspace: str) -> list[str]:
    """The tables of `keyspace` that `node` has metrics for (the MBeans type=Table,keyspace=...)."""
    names = jmx.search(node, table_metric(keyspace, "*", "LiveSSTableCount"))
    return sorted(name.split("scope=")[1].split(",")[0] for name in names)


def table_stats(node: str, keyspace: str, *tables: str) -> pd.DataFrame:
    """The partition figures of `nodetool tablestats` for some tables (default: all) on `node`: one row per table.

    Table metrics EstimatedPartitionCount, Min/Mean/MaxPartitionSize and LiveSSTableCount
    (org.apache.cassandra.metrics:type=Table,keyspace=..,scope=<table>,name=..), in one request."""
    tables = tables or tuple(tables_of(node, keyspace))
    reads = [(table_metric(keyspace, t, metric), "Value") for t in tables for metric in PARTITION_STATS.values()]
    values = iter(jmx.read_many(node, reads))
    rows = [{"table": t, **{label: next(values) for label in PARTITION_STATS}} for t in tables]
    return pd.DataFrame(rows, columns=["table", *PARTITION_STATS]).set_index("table")


def table_histograms(node: str, keyspace: str, table: str) -> pd.DataFrame:
    """`nodetool tablehistograms`: partition size (bytes) and cells per partition, by percentile.

    Table metrics EstimatedPartitionSizeHistogram and EstimatedColumnCountHistogram (bucket counts over
    the table's SSTables), summarised as nodetool does (helpers.cassandra_io.histograms)."""
    sizes, cells = jmx.read_many(
        node,
        [
            (table_metric(keyspace, table, "EstimatedPartitionSizeHistogram"), "Value"),
            (table_metric(keyspace, table, "EstimatedColumnCountHistogram"), "Value"),
        ],
    )
    return histogram_table(summary(sizes), summary(cells))


def endpoints(node: str, keyspace: str, table: str, key: str) -> list[str]:
    """`nodetool getendpoints`: the addresses of the replicas of partition `key`, first replica first.

    StorageService operation getNaturalEndpointsWithPort(keyspace, table, key)."""
    signature = "getNaturalEndpointsWithPort(java.lang.String,java.lang.String,java.lang.String)"
    return [address_without_port(e) for e in jmx.execute(node, STORAGE_SERVICE, signature, keyspace, table, key)]


def pause_hint_delivery(node: str) -> None:
    """`nodetool pausehandoff`: `node` keeps its hints but stops sending them. HintsService operation pauseDispatch."""
    jmx.execute(node, HINTS_SERVICE, "pauseDispatch")


def resume_hint_delivery(node: str) -> None:
    """`nodetool resumehandoff`: `node` sends its hints again. HintsService operation resumeDispatch."""
    jmx.execute(node, HINTS_SERVICE, "resumeDispatch")


def set_hinted_handoff(node: str, enabled: bool) -> None:
    """`nodetool enablehandoff` / `disablehandoff`: whether `node`, as coordinator, writes hints for replicas that
    are down. StorageProxy attribute HintedHandoffEnabled."""
    jmx.write(node, STORAGE_PROXY, "HintedHandoffEnabled", enabled)


def hinted_handoff_enabled(node: str) -> bool:
    """`nodetool statushandoff`: True if `node` writes hints. StorageProxy attribute HintedHandoffEnabled."""
    return bool(jmx.read(node, STORAGE_PROXY, "HintedHandoffEnabled"))


def address_without_port(endpoint: str) -> str:
    """'127.0.0.2:7000' -> '127.0.0.2' (the ...WithPort attributes name endpoints with their storage port)."""
    return endpoint.rsplit(":", 1)[0] if endpoint.count(":") == 1 else endpoint


def status_table(attributes: dict) -> pd.DataFrame:
    """The status rows from the four StorageService attributes; every node known by host id, sorted by address."""
    live, unreachable = set(attributes["LiveNodesWithPort"]), set(attributes["UnreachableNodesWithPort"])
    tokens = pd.Series(list(attributes["TokenToEndpointWithPortMap"].values()), dtype=object).value_counts()
    rows = [
        {
            "address": address_without_port(endpoint),
            "state": "up" if endpoint in live else "down" if endpoint in unreachable else "unknown",
            "tokens": int(tokens.get(endpoint, 0)),
            "host_id": host_id,
        }
        for endpoint, host_id in attributes["EndpointWithPortToHostId"].items()
    ]
    return (
        pd.DataFrame(rows, columns=["address", "state", "tokens", "host_id"])
        .sort_values("address")
        .reset_index(drop=True)
    )


def histogram_table(sizes: dict[str, float], cells: dict[str, float]) -> pd.DataFrame:
    """nodetool tablehistograms' two last columns: one row per percentile, then Min and Max."""
    table = pd.DataFrame({"partition bytes": sizes, "cells": cells}).rename_axis("percentile")
    return table if table.isna().any().any() else table.astype("int64")
