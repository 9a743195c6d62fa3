"""The SSTables of a table on a node, with the write times each one covers (what TimeWindowCompactionStrategy
groups by).

Each SSTable's Statistics component records the smallest and largest cell timestamp in it. No MBean lists
them and Cassandra 5.0 has no virtual table for them (system_views.max_sstable_duration gives only the
largest span per table), so we do what `sstablemetadata` does: ask the node where the table's files are
(its ColumnFamilyStore MBean, attribute DataPaths) and run Cassandra's offline tool
org.apache.cassandra.tools.SSTableMetadataViewer on them, in a small JVM with the Cassandra classpath.
It reads the node's files, so the node runs on this machine (the local sandbox).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd

from helpers.cassandra_io import jmx
from helpers.common.errors import WorkshopError
from helpers.common.paths import REPO_ROOT
from helpers.sandbox import artifacts, config
from helpers.sandbox.java import check_java

TOOLS_LOGBACK = REPO_ROOT / "sandbox" / "conf" / "logback-tools.xml"
TOOL = "org.apache.cassandra.tools.SSTableMetadataViewer"
TOOL_TIMEOUT_S = 180
COLUMNS = ["sstable", "min_timestamp", "max_timestamp", "bytes"]


class SSTableToolError(WorkshopError):
    """The offline SSTable tool failed; the message has its output."""


def data_files(node: str, keyspace: str, table: str) -> list[Path]:
    """The Data.db file of every SSTable of the table on `node` (ColumnFamilyStore attribute DataPaths)."""
    folders = jmx.read(node, f"org.apache.cassandra.db:type=Tables,keyspace={keyspace},table={table}", "DataPaths")
    return sorted(path for folder in folders for path in Path(folder).glob("*-Data.db"))


def node_config(node: str) -> str:
    """The node's cassandra.yaml URL, from its own JVM arguments (MBean java.lang:type=Runtime)."""
    arguments = jmx.read(node, "java.lang:type=Runtime", "InputArguments")
    return next(a.split("=", 1)[1] for a in arguments if a.startswith("-Dcassandra.config="))


def sstable_timestamps(node: str, keyspace: str, table: str) -> pd.DataFrame:
    """`sstablemetadata` on the table's SSTables on `node`: one row per SSTable with the oldest and newest write
    timestamp in it (UTC) and its Data file's size. Flush first: rows still in the memtable are in no SSTable."""
    files = data_files(node, keyspace, table)
    if not files:
        return pd.DataFrame(columns=COLUMNS)
    sizes = {f.name.removesuffix("-Data.db"): f.stat().st_size for f in files}
    command = [
        check_java(),
        "-Xmx128m",
        "-XX:TieredStopAtLevel=1",  # a short-lived tool: quick compiler, small collector, half the CPU time
        "-XX:+UseSerialGC",
        *config.CASSANDRA_JAVA17_MODULE_OPTIONS,
        f"-Dlogback.configurationFile={TOOLS_LOGBACK}",
        f"-Dcassandra.config={node_config(node)}",
        "-cp",
        artifacts.classpath("cassandra"),
        TOOL,
        *map(str, files),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S)
    if result.returncode != 0:
        raise SSTableToolError(
            f"sstablemetadata on {keyspace}.{table} of {node} failed (a compaction may have removed an SSTable "
            f"meanwhile: try again):\n{(result.stdout + result.stderr)[-2000:]}"
        )
    found = parse_metadata(result.stdout)
    found["bytes"] = found["sstable"].map(sizes)
    return found


def parse_metadata(text: str) -> pd.DataFrame:
    """The SSTable name and min/max timestamps (microseconds -> UTC) from SSTableMetadataViewer's output."""
    rows = []
    for block in re.split(r"^SSTable: ", text, flags=re.MULTILINE)[1:]:
        found = {
            key: int(m.group(1))
            for key, label in (("min", "Minimum"), ("max", "Maximum"))
            if (m := re.search(rf"^{label} timestamp: .*\((-?\d+)\)$", block, re.MULTILINE))
        }
        rows.append({"sstable": Path(block.split("\n", 1)[0].strip()).name, **found})
    table = pd.DataFrame(rows, columns=["sstable", "min", "max"])
    return pd.DataFrame(
        {
            "sstable": table["sstable"],
            "min_timestamp": pd.to_datetime(table["min"], unit="us", utc=True),
            "max_timestamp": pd.to_datetime(table["max"], unit="us", utc=True),
            "bytes": pd.NA,
        },
        columns=COLUMNS,
    )
