"""Parsing of nodetool output and classification of trace events (no server needed)."""

from __future__ import annotations

import pandas as pd

from helpers.cassandra_io.nodetool import parse_status, parse_tablehistograms, parse_tablestats
from helpers.cassandra_io.tracing import step_of

STATUS = """Datacenter: datacenter1
=======================
Status=Up/Down
|/ State=Normal/Leaving/Joining/Moving
--  Address    Load      Tokens  Owns  Host ID                               Rack
UN  127.0.0.2  2.44 MiB  1       ?     17e80ab2-871d-4c1e-88ff-c556204207c4  rack1
DN  127.0.0.1  1.92 MiB  1       ?     159489b1-5adf-4cdb-ab83-5b716930af28  rack1
"""

HISTOGRAMS = """nb04/m histograms
Percentile      Read Latency     Write Latency          SSTables    Partition Size        Cell Count
                    (micros)          (micros)                             (bytes)
50%                     0.00             29.00              0.00           1358102             51012
Min                     0.00             11.00              0.00           1131753             42511
Max                     0.00         126934.00              0.00           1358102             51012
"""

TABLESTATS = """Keyspace: nb04
\t\tTable: a
\t\tSSTable count: 1
\t\tNumber of partitions (estimate): 4
\t\tCompacted partition minimum bytes: 1131753
\t\tCompacted partition maximum bytes: 1358102
\t\tCompacted partition mean bytes: 1358102
\t\tTable: b
\t\tSSTable count: 2
\t\tNumber of partitions (estimate): 8
"""


def test_status_rows_are_sorted_by_address_with_state_and_host_id():
    table = parse_status(STATUS)
    assert table["address"].tolist() == ["127.0.0.1", "127.0.0.2"]
    assert table["state"].tolist() == ["down", "up"]
    assert table["host_id"][1] == "17e80ab2-871d-4c1e-88ff-c556204207c4"


def test_histograms_keep_partition_bytes_and_cells_by_percentile():
    table = parse_tablehistograms(HISTOGRAMS)
    assert table.loc["Max", "partition bytes"] == 1358102
    assert table.loc["Min", "cells"] == 42511
    assert list(table.index) == ["50%", "Min", "Max"]


def test_tablestats_one_row_per_requested_table_in_order():
    table = parse_tablestats(TABLESTATS, ("b", "a"))
    assert list(table.index) == ["b", "a"]
    assert table.loc["a", "Compacted partition maximum bytes"] == 1358102
    assert table.loc["b", "Number of partitions (estimate)"] == 8
    assert pd.isna(table.loc["b", "Compacted partition mean bytes"])


def test_trace_events_map_to_write_and_read_path_steps():
    assert step_of("Appending to commitlog") == "commit log"
    assert step_of("Adding to readings memtable") == "memtable"
    assert step_of("Bloom filter allows skipping sstable 1") == "bloom filter"
    assert step_of("Merged data from memtables and 1 sstables") == "merge memtable + sstables"
    assert step_of("Read 3 live rows and 0 tombstone cells") == "rows read"
    assert step_of("Executing single-partition query on g") == "replica reads"
    assert step_of("Sending READ_REQ message to /127.0.0.2:7000 message size 98 bytes") == "network"
    assert step_of("Something new") == "other"
