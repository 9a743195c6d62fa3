"""Benchmark: the ingest's CPU per message before any I/O (decode, validate, build the row), one core.

    python bench/ingest_decode.py [--days 31]

Where the time of `helpers.ingest` goes: this step is pure Python, so if it were the bottleneck
the ingest could not beat its rate. It runs the pipeline's own ``_decode`` on the simulator's
messages (no Kafka, no Cassandra) and compares it with what a reader of JSON would do at least:
``json.loads`` of every message, nothing checked. The ratio says what validation costs; the
records/s say how far the step is from the ingest's measured rate (bench/ingest_throughput.py).
Results: bench/results/ingest_decode.json and .md. No sandbox needed.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import namedtuple

import pandas as pd
from common import environment, ratio, write_result
from kafka.structs import TopicPartition

from helpers.data import generate
from helpers.ingest.pipeline import _decode
from helpers.stream.messages import frame_messages

Record = namedtuple("Record", "value timestamp offset")


class RefuseDeadLetters:
    """Every simulator message is valid: a dead letter here is a bug."""

    def send(self, record, reason) -> None:
        raise AssertionError(f"dead letter at offset {record.offset}: {reason}")


def messages(days: int) -> list[Record]:
    start = pd.Timestamp("2016-01-01")
    rows = generate(start.strftime("%Y-%m-%d"), (start + pd.Timedelta(days=days)).strftime("%Y-%m-%d"))
    return [Record(value, 1_700_000_000_000, i) for i, (_key, value) in enumerate(frame_messages(rows))]


def per_record_us(step, records: list[Record], repeats: int = 3) -> float:
    """The best of ``repeats`` runs of ``step(records)``, in microseconds per record."""
    best = min(_seconds(step, records) for _ in range(repeats))
    return round(best * 1e6 / len(records), 2)


def _seconds(step, records) -> float:
    began = time.perf_counter()
    step(records)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=31)
    records = messages(parser.parse_args().days)
    polled = {TopicPartition("bench", 0): records}
    ours = per_record_us(lambda _: _decode(polled, RefuseDeadLetters(), write_timestamps=True), records)
    plain = per_record_us(lambda rs: [json.loads(r.value) for r in rs], records)
    document = {
        "benchmark": "ingest_decode",
        "metrics": {
            "records": len(records),
            "decode_us_per_record": ours,
            "json_loads_us_per_record": plain,
            "decode_records_per_s_one_core": round(1e6 / ours),
        },
        "ratios": [
            ratio("CPU per message before I/O", ours, plain, "us", lower_is_better=True, against="bare json.loads")
        ],
        "environment": environment(),
    }
    write_result(document, markdown(document))
    print(markdown(document))


def markdown(document: dict) -> str:
    m = document["metrics"]
    return (
        "# The ingest's decode step, one core\n\n"
        f"{m['records']:,} simulator messages, {document['environment']['cpus']} CPUs, "
        f"{document['environment']['date']}. Rerun: `.venv/bin/python bench/ingest_decode.py`.\n\n"
        "| | µs per message | messages/s on one core |\n|---|---|---|\n"
        f"| `helpers.ingest` decode + validate + row | {m['decode_us_per_record']} | "
        f"{m['decode_records_per_s_one_core']:,} |\n"
        f"| bare `json.loads`, nothing checked | {m['json_loads_us_per_record']} | "
        f"{round(1e6 / m['json_loads_us_per_record']):,} |\n"
    )


if __name__ == "__main__":
    main()
