"""What the nodetool helpers make of MBean values, and classification of trace events (no server needed)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.cassandra_io.histograms import bucket_offsets, summary
from helpers.cassandra_io.jmx import JmxError, value
from helpers.cassandra_io.nodetool import address_without_port, histogram_table, status_table
from helpers.cassandra_io.repair import COMPLETE, PROGRESS, progress_line
from helpers.cassandra_io.sstables import parse_metadata
from helpers.cassandra_io.tracing import step_of

# StorageService attributes as the agent returns them, node 127.0.0.1 down
STATUS = {
    "LiveNodesWithPort": ["127.0.0.2:7000"],
    "UnreachableNodesWithPort": ["127.0.0.1:7000"],
    "TokenToEndpointWithPortMap": {"0": "127.0.0.2:7000", "-9223372036854775808": "127.0.0.1:7000"},
    "EndpointWithPortToHostId": {
        "127.0.0.2:7000": "17e80ab2-871d-4c1e-88ff-c556204207c4",
        "127.0.0.1:7000": "159489b1-5adf-4cdb-ab83-5b716930af28",
    },
}

METADATA = """SSTable: /sandbox/data/nb05/twcs-b200a590ec7d11f1be402174cff64996/oa-1-big
Partitioner: org.apache.cassandra.dht.Murmur3Partitioner
Minimum timestamp: 03/01/2016 00:00:00 (1456790400000000)
Maximum timestamp: 03/01/2016 23:00:00 (1456873200000000)
Duration: Days: 0 Hours: 23 Minutes: 0 Seconds: 0
SSTable: /sandbox/data/nb05/twcs-b200a590ec7d11f1be402174cff64996/oa-2-big
Minimum timestamp: 03/02/2016 00:00:00 (1456876800000000)
Maximum timestamp: 03/02/2016 23:00:00 (1456959600000000)
"""


def buckets_at(counts: dict[int, int], size: int = 150) -> list[int]:
    """A histogram array (size + 1 buckets, the last one for overflow) with counts at the given bucket offsets."""
    offsets = bucket_offsets(size)
    return [counts.get(offset, 0) for offset in offsets] + [0]


def test_status_rows_are_sorted_by_address_with_state_tokens_and_host_id():
    table = status_table(STATUS)
    assert table["address"].tolist() == ["127.0.0.1", "127.0.0.2"]
    assert table["state"].tolist() == ["down", "up"]
    assert table["tokens"].tolist() == [1, 1]
    assert table["host_id"][1] == "17e80ab2-871d-4c1e-88ff-c556204207c4"


def test_endpoints_lose_their_storage_port_but_ipv6_addresses_stay_whole():
    assert address_without_port("127.0.0.2:7000") == "127.0.0.2"
    assert address_without_port("127.0.0.2") == "127.0.0.2"
    assert address_without_port("::1") == "::1"


def test_bucket_offsets_grow_by_one_fifth_as_cassandra_computes_them():
    offsets = bucket_offsets(150)
    assert offsets[:14] == [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 17, 20, 24]
    assert offsets[-1] == 1414838745986  # EstimatedHistogram(150).getLargestBucketOffset()
    assert 943127 in offsets and offsets[offsets.index(943127) + 1] == 1131752


def test_histogram_summary_is_nodetool_tablehistograms():
    # four monthly partitions (lesson 04): all sizes in one bucket, cell counts in two
    sizes = summary(buckets_at({1131752: 4}))
    cells = summary(buckets_at({42510: 2, 51012: 2}))
    table = histogram_table(sizes, cells)
    assert list(table.index) == ["50%", "75%", "95%", "98%", "99%", "Min", "Max"]
    assert table["partition bytes"].tolist() == [1131752] * 5 + [943128, 1131752]
    assert table["cells"].tolist() == [42510, 51012, 51012, 51012, 51012, 35426, 51012]


def test_empty_histogram_is_nan_and_overflow_hides_percentiles():
    assert all(math.isnan(v) for v in summary([0] * 151).values())
    overflowed = summary([0, 3] + [0] * 148 + [1])
    assert math.isnan(overflowed["50%"]) and overflowed["Min"] == 2 and overflowed["Max"] == math.inf
    assert histogram_table(summary([]), summary([])).isna().all().all()


def test_jolokia_errors_name_the_node_the_mbean_and_what_failed():
    ok = {"status": 200, "value": [1, 2]}
    assert value("cassandra1", ok) == [1, 2]
    missing = {
        "status": 404,
        "error_type": "javax.management.InstanceNotFoundException",
        "error": "org.apache.cassandra.metrics:type=Table,keyspace=ks,scope=nope,name=X",
        "request": {"type": "read", "mbean": "org.apache.cassandra.metrics:type=Table,keyspace=ks,scope=nope,name=X"},
    }
    with pytest.raises(JmxError, match=r"scope=nope.* on cassandra2 failed: InstanceNotFoundException \(no such MBean"):
        value("cassandra2", missing)


def test_repair_notifications_read_as_nodetool_prints_them():
    assert (
        progress_line(
            {
                "message": "Repair session 1 for range [(0,1]] finished",
                "userData": {"type": PROGRESS, "progressCount": 4, "total": 7},
            }
        )
        == "Repair session 1 for range [(0,1]] finished (progress: 57%)"
    )
    assert progress_line({"message": "Repair command #1 finished in 1 second", "userData": {"type": COMPLETE}}) == (
        "Repair command #1 finished in 1 second"
    )


def test_sstable_metadata_gives_each_sstable_its_write_time_range_in_utc():
    table = parse_metadata(METADATA)
    assert table["sstable"].tolist() == ["oa-1-big", "oa-2-big"]
    assert table["min_timestamp"][0] == pd.Timestamp("2016-03-01 00:00", tz="UTC")
    assert table["max_timestamp"][1] == pd.Timestamp("2016-03-02 23:00", tz="UTC")
    assert parse_metadata("").empty


def test_trace_events_map_to_write_and_read_path_steps():
    assert step_of("Appending to commitlog") == "commit log"
    assert step_of("Adding to readings memtable") == "memtable"
    assert step_of("Bloom filter allows skipping sstable 1") == "bloom filter"
    assert step_of("Merged data from memtables and 1 sstables") == "merge memtable + sstables"
    assert step_of("Read 3 live rows and 0 tombstone cells") == "rows read"
    assert step_of("Executing single-partition query on g") == "replica reads"
    assert step_of("Sending READ_REQ message to /127.0.0.2:7000 message size 98 bytes") == "network"
    assert step_of("Something new") == "other"
