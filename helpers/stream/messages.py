"""Rows of the long format as Kafka messages: one JSON object per row, keyed by series.

    key   b"DE/solar"
    value b'{"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": 31234.5}'

The key is the series (region/type): Kafka sends equal keys to the same partition, and a
partition keeps its order, so each series arrives in time order. A frame with a ``reading`` column
(the area's station reading, :mod:`helpers.alerts.scenario`) adds it to each message that has one.
"""

from __future__ import annotations

import json

import pandas as pd


def series_key(region: str, kind: str) -> str:
    """The message key of a series: ``region/type``."""
    return f"{region}/{kind}"


def row_message(ts: str, kind: str, region: str, value: float, reading: float | None = None) -> tuple[bytes, bytes]:
    """(key, value) of one row; ``ts`` is ISO 8601 UTC text ending in Z."""
    fields = {"ts": ts, "type": kind, "region": region, "value": value}
    if reading is not None:
        fields["reading"] = reading
    return series_key(region, kind).encode(), json.dumps(fields).encode()


def frame_messages(frame: pd.DataFrame) -> list[tuple[bytes, bytes]]:
    """(key, value) for every row of a long-format frame (ts datetime64 UTC), in row order."""
    stamps = frame["ts"].dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ").tolist()
    if "reading" in frame:
        readings = [None if pd.isna(r) else float(r) for r in frame["reading"].tolist()]
    else:
        readings = [None] * len(frame)
    return [
        row_message(ts, str(kind), str(region), float(value), reading)
        for ts, kind, region, value, reading in zip(
            stamps, frame["type"].tolist(), frame["region"].tolist(), frame["value"].tolist(), readings
        )
    ]
