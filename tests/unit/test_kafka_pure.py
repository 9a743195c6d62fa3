"""Pure functions of the Kafka helpers, the stream simulator and the ingest (no server needed)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest
from kafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from helpers.ingest.deadletter import REASON, dead_letter_headers, dead_letter_topic
from helpers.ingest.decode import MAX_MESSAGE_BYTES, decode
from helpers.ingest.stats import IngestStats
from helpers.kafka_io import topics
from helpers.kafka_io.brokers import describe_topic, wait_for_leader
from helpers.stream.messages import frame_messages, row_message, series_key
from helpers.stream.pacing import due_in, parse_speed

NOW = pd.Timestamp("2026-01-01", tz="UTC")
GOOD = {"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": 31234.5}


def test_row_message_is_the_documented_json_keyed_by_series():
    key, value = row_message("2016-06-21T12:00:00Z", "solar", "DE", 31234.5)
    assert key == b"DE/solar"
    assert value == b'{"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": 31234.5}'
    assert series_key("tennet", "wind") == "tennet/wind"


def test_frame_messages_keep_row_order_and_utc_text():
    frame = pd.DataFrame(
        {
            "ts": pd.to_datetime(["2016-06-21 12:00", "2016-06-21 12:15"], utc=True),
            "type": ["wind", "solar"],
            "region": ["amprion", "DE"],
            "value": [1.0, 2.5],
        }
    )
    messages = frame_messages(frame)
    assert [k for k, _ in messages] == [b"amprion/wind", b"DE/solar"]
    assert json.loads(messages[1][1]) == {"ts": "2016-06-21T12:15:00Z", "type": "solar", "region": "DE", "value": 2.5}


@pytest.mark.parametrize("text, expected", [("max", None), ("MAX", None), ("900", 900.0), ("0.5", 0.5)])
def test_parse_speed(text, expected):
    assert parse_speed(text) == expected


@pytest.mark.parametrize("text", ["0", "-3", "inf", "fast"])
def test_parse_speed_rejects_nonsense(text):
    with pytest.raises(ValueError):
        parse_speed(text)


def test_due_in_paces_simulated_time_by_speed():
    # 900 simulated seconds at speed 900 are due one real second after the start
    assert due_in(1900, 1000, real_start_s=50.0, now_s=50.25, speed=900) == pytest.approx(0.75)
    assert due_in(1900, 1000, real_start_s=50.0, now_s=52.0, speed=900) == 0.0  # late: send now
    assert due_in(10**9, 0, real_start_s=0.0, now_s=0.0, speed=None) == 0.0  # max: never wait


def test_decode_accepts_a_valid_message():
    row, reason = decode(json.dumps(GOOD).encode(), NOW)
    assert reason is None
    assert row["ts"] == pd.Timestamp("2016-06-21T12:00:00Z") and row["value"] == 31234.5


@pytest.mark.parametrize(
    "value, reason",
    [
        (b"", "empty message"),
        (None, "empty message"),
        (b"\xff\xfe", "not UTF-8"),
        (b"ts=2016,solar", "not JSON"),
        (b"[" * 50_000, "not JSON"),  # deeper than Python's recursion limit
        (b"[1, 2]", "not a JSON object"),
        (json.dumps({**GOOD, "padding": "x" * MAX_MESSAGE_BYTES}).encode(), "oversized payload"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "value"}).encode(), "missing value: value"),
        (json.dumps({**GOOD, "value": "12.5"}).encode(), "wrong type: value"),
        (json.dumps({**GOOD, "region": 7}).encode(), "wrong type: region"),
        (b'{"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": NaN}', "value is NaN"),
        (b'{"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": Infinity}', "value is infinite"),
        (b'{"ts": "2016-06-21T12:00:00Z", "type": "solar", "region": "DE", "value": 1e999}', "value is infinite"),
        (json.dumps({**GOOD, "value": -1.0}).encode(), "negative value"),
        (json.dumps({**GOOD, "type": "nuclear"}).encode(), "unknown type"),
        (json.dumps({**GOOD, "ts": "yesterday"}).encode(), "unparsable timestamp"),
        (json.dumps({**GOOD, "ts": "1970-01-01T00:00:00Z"}).encode(), "timestamp out of range"),
        (json.dumps({**GOOD, "ts": "2999-01-01T00:00:00Z"}).encode(), "timestamp out of range"),
    ],
    ids=lambda case: case if isinstance(case, str) else None,
)
def test_decode_names_why_a_message_cannot_be_stored(value, reason):
    row, why = decode(value, NOW)
    assert row is None
    assert why.startswith(reason)


def test_dead_letter_headers_keep_reason_and_origin():
    record = SimpleNamespace(
        topic="generation", partition=2, offset=41, timestamp=1466510400000, headers=[("trace", b"abc")]
    )
    headers = dict(dead_letter_headers(record, "negative value"))
    assert dead_letter_topic("generation") == "generation.dlq"
    assert headers[REASON] == b"negative value"
    assert (headers["dlq.source.partition"], headers["dlq.source.offset"]) == (b"2", b"41")
    assert headers["trace"] == b"abc"


def test_stats_group_reasons_without_their_details():
    stats = IngestStats()
    stats.add_batch(4, 2, ["oversized payload: 70000 bytes > 65536", "negative value"], [10.0, 30.0])
    assert stats.summary() == "consumed 4, stored 2, dead-lettered 2 (negative value: 1, oversized payload: 1)"
    assert stats.latency_percentiles(50) == [20.0]


def test_connect_worker_listens_on_loopback_and_keeps_offsets_in_a_file(tmp_path):
    from helpers.kafka_io.connect import file_source_settings, render_properties, worker_settings

    worker = render_properties(worker_settings(tmp_path / "offsets", 8083))
    assert "listeners=http://127.0.0.1:8083\n" in worker
    assert f"offset.storage.file.filename={tmp_path / 'offsets'}\n" in worker
    connector = render_properties(file_source_settings("csv", tmp_path / "a.csv", "lines"))
    assert "connector.class=org.apache.kafka.connect.file.FileStreamSourceConnector\n" in connector
    assert "topic=lines\n" in connector


def test_a_dead_broker_fails_fast_naming_kafka_and_how_to_start_it():
    from helpers.kafka_io import KafkaUnavailable, require_kafka

    with pytest.raises(KafkaUnavailable, match=r"Kafka is not reachable at 127\.0\.0\.1:1\..*helpers\.sandbox"):
        require_kafka("127.0.0.1:1")


def test_replay_of_a_csv_sends_its_valid_rows_in_time_order(tmp_path, caplog):
    from helpers.stream.source import replay_frames

    path = tmp_path / "g.csv"
    path.write_text(
        "ts,type,region,value\n"
        "2016-06-21T12:15:00Z,solar,DE,2.0\n"
        "2016-06-21T12:00:00Z,solar,DE,1.0\n"
        "2016-06-21T12:30:00Z,solar,DE,-1.0\n"
        "2016-06-22T00:00:00Z,solar,DE,3.0\n"
    )
    (frame,) = replay_frames(path, "2016-06-21", "2016-06-22")
    assert frame["value"].tolist() == [1.0, 2.0]
    assert "1 rejected" in caplog.text and "not replayed" in caplog.text


def test_the_ingest_decodes_a_poll_into_readings_with_their_kafka_write_time():
    from kafka import TopicPartition

    from helpers.ingest.pipeline import _decode

    class Letters:
        def __init__(self):
            self.sent = []

        def send(self, record, reason):
            self.sent.append((record.offset, reason))

    def record(offset, value, timestamp=1796018837064):
        return SimpleNamespace(offset=offset, value=value, timestamp=timestamp, headers=[])

    tp = TopicPartition("generation", 2)
    polled = {tp: [record(7, json.dumps(GOOD).encode()), record(8, b"not json")]}
    letters = Letters()
    batch = _decode(polled, letters, write_timestamps=True)
    assert batch.readings == [("DE", "solar", 1466510400000, 31234.5, 1796018837064000)]
    assert letters.sent == [(8, "not JSON")] and batch.reasons == ["not JSON"]
    assert batch.consumed == 2 and batch.offsets[tp].offset == 9
    assert _decode(polled, Letters(), write_timestamps=False).readings == [("DE", "solar", 1466510400000, 31234.5)]


class AdminAfterAKill:
    """Answers describe_topics as an admin client does right after a broker's SIGKILL: the first request went
    to the dead broker (refused), the next ones to a live one, which names the new leader."""

    def __init__(self):
        self.calls = 0

    def describe_topics(self, topics):
        self.calls += 1
        if self.calls == 1:
            raise KafkaConnectionError("111 ECONNREFUSED")
        return [{"partitions": [{"partition_index": 0, "leader_id": 1, "isr_nodes": [1, 3]}]}]


def test_waiting_for_a_new_leader_asks_again_when_the_request_met_the_killed_broker():
    admin = AdminAfterAKill()
    assert wait_for_leader(admin, "nb02_acks_1", 0, not_on=2, timeout_s=5) == 1
    assert admin.calls == 2


class AdminOfALaggingBroker:
    """Answers for a topic created a moment ago: the brokers listed in ``lagging`` (by request number) do not
    know it yet, so they answer no partitions and no configs."""

    def __init__(self, lagging: set[int]):
        self.lagging, self.requests = lagging, 0

    def describe_topics(self, topics):
        self.requests += 1
        partitions = [] if self.requests in self.lagging else [{"partition_index": 0, "replica_nodes": [1, 2, 3]}]
        return [{"name": topics[0], "partitions": partitions}]

    def describe_configs(self, resources, config_filter):
        known = self.requests not in self.lagging
        return {"topic": {resources[0].name: {"min.insync.replicas": {"value": "2"}} if known else {}}}


def test_a_new_topic_is_described_once_five_answers_in_a_row_know_it():
    admin = AdminOfALaggingBroker(lagging={1, 4})
    described = describe_topic(admin, "nb02_ex4", timeout_s=5)
    assert described["partitions"][0]["replica_nodes"] == [1, 2, 3]
    assert admin.requests == 9  # 1 lagging, 2-3 known, 4 lagging again: 5-9 are the five in a row


class AdminOfAFreshTopic:
    """Admin answers for a topic the controller has, but the broker asked for the list has not heard of yet."""

    def __init__(self, deleting_for: int = 0):
        self.deleting_for, self.created, self.closed = deleting_for, [], False

    def list_topics(self):
        return []

    def describe_cluster(self):
        return {"brokers": [{"broker_id": n} for n in (1, 2, 3)]}

    def create_topics(self, topics, wait_for_metadata):
        if self.deleting_for or not self.created:  # exists: the old one still deleting, or made a moment ago
            self.deleting_for = max(0, self.deleting_for - 1)
            self.created.append(None)
            raise TopicAlreadyExistsError("exists")
        self.created.append(topics)

    def wait_for_topics(self, names):
        pass

    def close(self):
        self.closed = True


def test_creating_a_topic_the_asked_broker_does_not_list_yet_is_not_an_error(monkeypatch):
    fake = AdminOfAFreshTopic()
    monkeypatch.setattr(topics, "admin", lambda: fake)
    topics.create_topic("nb08_generation", partitions=3)
    assert fake.created == [None] and fake.closed


def test_recreating_a_topic_asks_again_while_the_controller_still_deletes_the_old_one(monkeypatch):
    fake = AdminOfAFreshTopic(deleting_for=2)
    monkeypatch.setattr(topics, "admin", lambda: fake)
    monkeypatch.setattr(topics, "_delete", lambda client, name: None)
    topics.create_topic("nb08_generation", partitions=3, recreate=True)
    (made,) = [t for t in fake.created if t]
    assert made["nb08_generation"]["replication_factor"] == 3
