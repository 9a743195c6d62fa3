"""Benchmark: the helpers' Kafka producer against Kafka's own ProducerPerformance tool.

    python bench/producer_vs_perf.py [--records 100000] [--sizes 90,1024]

For each message size, both send the same number of unkeyed messages of that size to a fresh
3-partition topic, as fast as they can, with the same guarantees: acks=all and idempotence
(ProducerPerformance's defaults in Kafka 4; ``helpers.kafka_io.producer()``'s reliable mode).
90 bytes is the size of the workshop's JSON readings. The ratio is messages/s, ours / Kafka's.
Results: bench/results/producer_vs_perf.json and .md.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time

from common import environment, ratio, write_result

from helpers import kafka_io
from helpers.endpoints import kafka_bootstrap
from helpers.sandbox import artifacts
from helpers.sandbox.java import check_java

TARGET_RATIO = 0.25
PERF_SUMMARY = re.compile(r"(\d+) records sent, ([\d.]+) records/sec \(([\d.]+) MB/sec\), ([\d.]+) ms avg latency")


def helpers_producer(topic: str, records: int, size: int) -> dict:
    kafka_io.create_topic(topic, 3, recreate=True)
    payload = b"x" * size
    producer = kafka_io.producer()
    began = time.perf_counter()
    for _ in range(records):
        producer.send(topic, value=payload)
    producer.flush()
    seconds = time.perf_counter() - began
    producer.close()
    assert sum(kafka_io.log_offsets(topic).values()) == records
    return {
        "records": records,
        "seconds": round(seconds, 2),
        "records_per_s": round(records / seconds),
        "mb_per_s": round(records * size / seconds / 1e6, 2),
    }


def producer_performance(topic: str, records: int, size: int) -> dict:
    kafka_io.create_topic(topic, 3, recreate=True)
    argv = [
        check_java(),
        "-Xmx512m",
        "-cp",
        artifacts.classpath("kafka"),
        "org.apache.kafka.tools.ProducerPerformance",
        "--topic",
        topic,
        "--num-records",
        str(records),
        "--record-size",
        str(size),
        "--throughput",
        "-1",
        "--producer-props",
        f"bootstrap.servers={kafka_bootstrap()}",
        "acks=all",
        "enable.idempotence=true",
    ]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    summary = [m for m in PERF_SUMMARY.finditer(out.stdout)]
    if out.returncode != 0 or not summary:
        raise RuntimeError(
            f"ProducerPerformance failed ({out.returncode}):\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}"
        )
    sent, rate, mb, latency = summary[-1].groups()
    assert sum(kafka_io.log_offsets(topic).values()) == records
    return {
        "records": int(sent),
        "records_per_s": round(float(rate)),
        "mb_per_s": float(mb),
        "avg_latency_ms": float(latency),
    }


def main(argv=None) -> int:
    cli = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--records", type=int, default=100_000)
    cli.add_argument("--sizes", default="90,1024", help="message sizes in bytes, comma-separated")
    args = cli.parse_args(argv)

    metrics, ratios = {}, []
    for size in [int(s) for s in args.sizes.split(",")]:
        ours = helpers_producer(f"bench_producer_{size}", args.records, size)
        theirs = producer_performance(f"bench_producer_perf_{size}", args.records, size)
        print(
            f"{size} B: helpers {ours['records_per_s']:,}/s, ProducerPerformance {theirs['records_per_s']:,}/s",
            flush=True,
        )
        metrics[f"{size}_bytes"] = {"helpers": ours, "producer_performance": theirs}
        ratios.append(
            ratio(
                f"produce {args.records:,} messages of {size} B",
                ours["records_per_s"],
                theirs["records_per_s"],
                "messages/s",
                lower_is_better=False,
                target=TARGET_RATIO,
                against="ProducerPerformance",
                digits=3,
            )
        )
        kafka_io.delete_topics(f"bench_producer_{size}", f"bench_producer_perf_{size}")

    result = {
        "benchmark": "producer_vs_perf",
        "metrics": metrics,
        "ratios": ratios,
        "environment": environment("kafka", kafka_python=_kafka_python_version(), crc32c_extension=_has_crc32c()),
    }
    write_result(result, markdown(result))
    print(markdown(result))
    return 0


def _kafka_python_version() -> str:
    import kafka

    return kafka.__version__


def _has_crc32c() -> bool:
    try:
        import crc32c  # noqa: F401  (kafka-python's optional C extension for record checksums)
    except ImportError:
        return False
    return True


def markdown(result: dict) -> str:
    env = result["environment"]
    lines = [
        "# Producer: helpers.kafka_io vs Kafka's ProducerPerformance",
        "",
        f"acks=all, idempotence, no keys, as fast as possible; {env['cpus']} CPUs, Kafka {env['kafka']}, "
        f"kafka-python {env['kafka_python']} (crc32c extension: {env['crc32c_extension']}), {env['date']}. "
        "Rerun: `python bench/producer_vs_perf.py`.",
        "",
        "| messages | helpers (msg/s) | ProducerPerformance (msg/s) | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for r in result["ratios"]:
        lines.append(f"| {r['name'][8:]} | {r['ours']:,} | {r['theirs']:,} | {r['ratio']:.3f} | {r['target']} |")
    return "\n".join(lines + [""])


if __name__ == "__main__":
    sys.exit(main())
