"""Benchmark of the streaming ingest, Kafka -> Cassandra, on the running sandbox.

    python bench/ingest_throughput.py [--start 2016-01-01] [--end 2016-04-01] [--members 2] [--paced-rate 2000]

1. Sustained throughput: the simulator fills a topic with the window's rows (as fast as it can),
   then ``python -m helpers.ingest`` drains it as a consumer group (1 process, then ``--members``
   processes); rows/s from the group's first to its last commit, and also counting start-up
   (Python imports, connecting, joining the group).
2. What a user would write otherwise: the same consumer, but one synchronous INSERT per row,
   on the first ``--loop-rows`` rows; rows/s.
3. Latency: the simulator paced at ``--paced-rate`` rows/s while the ingest runs; p50/p99 from
   each message's Kafka timestamp to Cassandra's acknowledgement of its row.

Results: bench/results/ingest_throughput.json and .md. Topics and keyspace are recreated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time

from common import environment, ratio, write_result

from helpers import kafka_io
from helpers.cassandra_io.schema import create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.cassandra_io.writes import insert_cql
from helpers.common.paths import REPO_ROOT
from helpers.data import validate_record
from helpers.ingest import Ingest
from helpers.stream import Simulation

TOPIC, PACED_TOPIC, KEYSPACE = "bench_ingest", "bench_ingest_paced", "bench_ingest"
TARGET_ROWS_PER_S = 25_000
TARGET_P99_MS = 250


def fill(start: str, end: str) -> dict:
    """The simulator writes the window's rows into a new topic as fast as it can."""
    kafka_io.create_topic(TOPIC, 3, recreate=True)
    began = time.perf_counter()
    produced = Simulation(TOPIC, speed=None, start=start, end=end).run()
    seconds = time.perf_counter() - began
    return {"messages": produced.acked, "seconds": round(seconds, 2), "messages_per_s": round(produced.acked / seconds)}


def sustained(messages: int, members: int) -> dict:
    """Drain the topic with ``members`` ``python -m helpers.ingest`` processes of a new group.

    The rate is read from outside, from the group's committed offsets (sampled every 0.25 s):
    rows committed between the first commit and the last, over that time.
    """
    group = f"bench_ingest_{members}_members"
    argv = [
        sys.executable,
        "-m",
        "helpers.ingest",
        "--topic",
        TOPIC,
        "--keyspace",
        KEYSPACE,
        "--group",
        group,
        "--until-idle",
        "3",
    ]
    launched = time.monotonic()
    processes = [subprocess.Popen(argv, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True) for _ in range(members)]
    samples = []
    while not samples or samples[-1][1] < messages:
        if all(p.poll() is not None for p in processes):
            raise RuntimeError("the ingest processes ended before committing every message")
        samples.append((time.monotonic(), sum(kafka_io.committed(group, TOPIC).values())))
        time.sleep(0.25)
    summaries = [p.communicate(timeout=60)[0].strip() for p in processes]
    (first_t, first_done) = next(s for s in samples if s[1] > 0)
    last_t, done = samples[-1]
    return {
        "members": members,
        "rows": done,
        "rows_per_s": round((done - first_done) / (last_t - first_t)),
        "rows_per_s_with_startup": round(done / (last_t - launched)),
        "summaries": summaries,
    }


def plain_loop(rows: int) -> dict:
    """poll -> json.loads -> validate -> session.execute(INSERT) one row at a time -> commit."""
    session = connect(KEYSPACE)
    insert = session.prepare(insert_cql(KEYSPACE, "generation"))
    reader = kafka_io.consumer(TOPIC, group=f"bench_ingest_loop_{int(time.time())}")
    done, began = 0, time.perf_counter()
    while done < rows:
        for records in reader.poll(timeout_ms=1000, max_records=500).values():
            for record in records:
                row, _ = validate_record(json.loads(record.value))
                session.execute(insert, (row["ts"], row["type"], row["region"], row["value"]))
                done += 1
        reader.commit()
    seconds = time.perf_counter() - began
    reader.close()
    session.cluster.shutdown()
    return {"rows": done, "seconds": round(seconds, 2), "rows_per_s": round(done / seconds)}


def paced(seconds: float, rate: float) -> dict:
    kafka_io.create_topic(PACED_TOPIC, 3, recreate=True)
    steps = int(seconds * rate / 10)  # 10 series per quarter hour
    end = (dt.datetime(2016, 7, 1) + dt.timedelta(minutes=15 * steps)).isoformat()
    ingest = Ingest(PACED_TOPIC, KEYSPACE, group="bench_ingest_paced").start()
    time.sleep(8)  # let it connect and join before the stream starts
    produced = Simulation(PACED_TOPIC, speed=rate / 10 * 900, start="2016-07-01", end=end).run()
    while ingest.stats.stored < produced.acked and ingest.running:
        time.sleep(0.2)
    stats = ingest.stop()
    p50, p99 = stats.latency_percentiles(50, 99)
    return {
        "rows": stats.stored,
        "target_rate_rows_per_s": rate,
        "latency_ms_p50": round(p50, 1),
        "latency_ms_p99": round(p99, 1),
    }


def main(argv=None) -> int:
    cli = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--start", default="2016-01-01")
    cli.add_argument("--end", default="2016-04-01")
    cli.add_argument("--members", type=int, default=2, help="ingest processes in the group, second run")
    cli.add_argument("--loop-rows", type=int, default=10_000)
    cli.add_argument("--paced-seconds", type=float, default=20)
    cli.add_argument("--paced-rate", type=float, default=2_000)
    args = cli.parse_args(argv)

    load_before = os.getloadavg()
    session = connect()
    session.execute(f"DROP KEYSPACE IF EXISTS {KEYSPACE}")
    create_generation_table(session, KEYSPACE)
    session.cluster.shutdown()

    filled = fill(args.start, args.end)
    print("simulator:", filled, flush=True)
    ours = sustained(filled["messages"], 1)
    print("helpers.ingest:", ours, flush=True)
    scaled = sustained(filled["messages"], args.members)
    print(f"helpers.ingest x{args.members}:", scaled, flush=True)
    loop = plain_loop(args.loop_rows)
    print("plain loop:", loop, flush=True)
    latency = paced(args.paced_seconds, args.paced_rate)
    print("paced:", latency, flush=True)
    load = {
        "before (1, 5, 15 min)": [round(v, 2) for v in load_before],
        "after (1, 5, 15 min)": [round(v, 2) for v in os.getloadavg()],
    }

    result = {
        "benchmark": "ingest_throughput",
        "metrics": {
            "window": f"{args.start} .. {args.end}",
            "simulator": filled,
            "helpers_ingest": ours,
            f"helpers_ingest_{args.members}_members": scaled,
            "plain_loop": loop,
            "paced": latency,
        },
        "ratios": [
            *(
                ratio(
                    name,
                    run["rows_per_s"],
                    TARGET_ROWS_PER_S,
                    "rows/s",
                    lower_is_better=False,
                    target=1.0,
                    against="the 25,000 rows/s target",
                )
                for name, run in (
                    ("sustained Kafka -> Cassandra ingest", ours),
                    (f"sustained ingest, {args.members} processes in the group", scaled),
                )
            ),
            ratio(
                f"end-to-end p99 latency at {args.paced_rate:,.0f} rows/s",
                latency["latency_ms_p99"],
                TARGET_P99_MS,
                "ms",
                lower_is_better=True,
                target=1.0,
                against=f"the {TARGET_P99_MS} ms target",
            ),
            ratio(
                "Kafka -> Cassandra ingest",
                ours["rows_per_s"],
                loop["rows_per_s"],
                "rows/s",
                lower_is_better=False,
                against="plain loop (one synchronous INSERT per row)",
            ),
        ],
        "environment": environment("kafka", "cassandra", load_average=load),
    }
    write_result(result, markdown(result))
    print(markdown(result))
    return 0


def markdown(result: dict) -> str:
    m = result["metrics"]
    load = result["environment"]["load_average"]
    ours, loop, paced_run = m["helpers_ingest"], m["plain_loop"], m["paced"]
    scaled = next(v for k, v in m.items() if k.endswith("_members"))
    return "\n".join(
        [
            "# Streaming ingest, Kafka -> Cassandra",
            "",
            f"Window {m['window']}, {ours['rows']:,} rows; {result['environment']['cpus']} CPUs, "
            f"Kafka {result['environment']['kafka']}, Cassandra {result['environment']['cassandra']}, "
            f"{result['environment']['date']}. Rerun: `python bench/ingest_throughput.py`.",
            "",
            f"Load average (1, 5, 15 min) before the run {load['before (1, 5, 15 min)']}, "
            f"after {load['after (1, 5, 15 min)']} ({result['environment']['cpus']} CPUs shared with the three "
            "brokers and three Cassandra nodes).",
            "",
            "| | rows/s |",
            "|---|---|",
            f"| helpers.ingest, 1 process, sustained (first to last commit) | {ours['rows_per_s']:,} |",
            f"| helpers.ingest, including start-up | {ours['rows_per_s_with_startup']:,} |",
            f"| helpers.ingest, {scaled['members']} processes in one group, sustained | {scaled['rows_per_s']:,} |",
            f"| plain loop, one synchronous INSERT per row ({loop['rows']:,} rows) | {loop['rows_per_s']:,} |",
            f"| target | {TARGET_ROWS_PER_S:,} |",
            "",
            f"End-to-end latency (Kafka timestamp -> row acknowledged by Cassandra), stream paced at "
            f"{paced_run['target_rate_rows_per_s']:,.0f} rows/s, {paced_run['rows']:,} rows: "
            f"p50 {paced_run['latency_ms_p50']} ms, p99 {paced_run['latency_ms_p99']} ms "
            f"(target: p99 <= {TARGET_P99_MS} ms).",
            "",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
