"""Kafka Connect's file source, run by helpers.kafka_io.connect against the real broker."""

from __future__ import annotations

import time

import pytest

from helpers.kafka_io import create_topic, delete_topics, read
from helpers.kafka_io.connect import ConnectStandalone

pytestmark = pytest.mark.sandbox


def test_file_source_publishes_every_line_including_lines_appended_later(sandbox, unique_name, tmp_path):
    source = tmp_path / "readings.csv"
    source.write_text("ts,type,region,value\n2016-06-21T12:00:00Z,solar,DE,31234.5\n")
    create_topic(unique_name, 1)
    try:
        with ConnectStandalone(unique_name, source, unique_name, port=8093) as connect:
            assert connect.status()["tasks"][0]["state"] == "RUNNING"
            with source.open("a") as f:
                f.write("2016-06-21T12:15:00Z,solar,DE,31410.0\n")
            deadline = time.monotonic() + 30
            while len(lines := [m.value for m in read(unique_name)]) < 3 and time.monotonic() < deadline:
                time.sleep(0.5)
        assert lines == [
            "ts,type,region,value",
            "2016-06-21T12:00:00Z,solar,DE,31234.5",
            "2016-06-21T12:15:00Z,solar,DE,31410.0",
        ]
        assert connect.status() is None, "the worker is stopped"
    finally:
        delete_topics(unique_name)
