"""The generation writer's own serialization gives the bytes the driver's ``bind`` would give."""

from __future__ import annotations

import datetime as dt

import pytest
from cassandra.cqltypes import DateType, DoubleType, LongType, UTF8Type

from helpers.cassandra_io.writes import insert_cql, serialized

PROTOCOL = 5


@pytest.mark.parametrize("ts_ms", [0, 1466510400000, 2**40, -1])
@pytest.mark.parametrize("value", [0.0, 31234.5, 1e-300, 123456789.125])
def test_values_are_encoded_as_the_driver_encodes_them(ts_ms, value):
    ours = serialized(ts_ms, b"solar", "Baden-Württemberg".encode(), value, 1796018837064000)
    theirs = [
        DateType.serialize(dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=ts_ms), PROTOCOL),
        UTF8Type.serialize("solar", PROTOCOL),
        UTF8Type.serialize("Baden-Württemberg", PROTOCOL),
        DoubleType.serialize(value, PROTOCOL),
        LongType.serialize(1796018837064000, PROTOCOL),
    ]
    assert ours == theirs


def test_the_write_time_is_optional():
    assert len(serialized(0, b"wind", b"DE", 1.0)) == 4
    assert insert_cql("ks", "t").endswith("VALUES (?, ?, ?, ?)")
    assert insert_cql("ks", "t", with_timestamp=True).endswith("VALUES (?, ?, ?, ?) USING TIMESTAMP ?")
