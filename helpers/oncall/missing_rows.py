"""Incident "missing-rows": cassandra3 was down longer than the hint window while meter readings were written.
The coordinators wrote no hints for it (past the window they stop), so when it came back it lacked a day, and
reads at ONE, which go to it first, show half the readings. Only repair copies the rows to it; a restart does
not, and a read at ALL answers with the whole day without repairing it (the table has read repair off).

The window, 3 hours in the sandbox's cassandra.yaml, is shortened to one second through JMX for the outage and
restored after it (StorageProxy attribute MaxHintWindow, what `nodetool setmaxhintwindow` sets)."""

from __future__ import annotations

import datetime as dt
import time

from cassandra import ConsistencyLevel
from cassandra.concurrent import execute_concurrent_with_args

from helpers import sandbox
from helpers.cassandra_io import jmx
from helpers.cassandra_io.outage import start_and_wait
from helpers.cassandra_io.sessions import connect, plain_session
from helpers.oncall.incident import Incident, drop_keyspace, is_up, keyspace_exists, register
from helpers.sandbox import topology

KEYSPACE, TABLE = "nb11_meters", "readings"
NODE = "cassandra3"
WINDOW_MS = 10_800_000  # 3 h, the sandbox's max_hint_window
OUTAGE_WINDOW_MS = 1_000
STORAGE_PROXY = "org.apache.cassandra.db:type=StorageProxy"
DAYS = (dt.datetime(2016, 6, 20), dt.datetime(2016, 6, 21))
READINGS = 96 * len(DAYS)
METERS = 3


def node_address() -> str:
    return topology.by_name(NODE).address


def meters_first_on_node(session) -> list[str]:
    """The first meters (meter-000001, ...) whose first replica is cassandra3: reads at ONE go to it."""
    metadata = session.cluster.metadata
    chosen = []
    for number in range(1, 1000):
        meter = f"meter-{number:06d}"
        token = metadata.token_map.token_class.from_key(meter.encode())
        if metadata.token_map.get_replicas(KEYSPACE, token)[0].address == node_address():
            chosen.append(meter)
            if len(chosen) == METERS:
                return chosen
    raise RuntimeError(f"no meter has {NODE} as its first replica")


def write_day(session, meters: list[str], day: dt.datetime) -> None:
    insert = session.prepare(f"INSERT INTO {KEYSPACE}.{TABLE} (meter_id, ts, kwh) VALUES (?, ?, ?)")
    insert.consistency_level = ConsistencyLevel.QUORUM
    rows = [(m, day + dt.timedelta(minutes=15 * k), 0.25 + 0.01 * (k % 7)) for m in meters for k in range(96)]
    execute_concurrent_with_args(session, insert, rows, concurrency=50, raise_on_first_error=True)


def counts(consistency: int, only_node: str | None = None) -> dict[str, int]:
    """{meter: readings} at ``consistency``, coordinated by ``only_node`` (an address) if given."""
    session = plain_session(consistency=consistency, request_timeout=15, only_node=only_node)
    try:
        meters = meters_first_on_node(session)
        query = f"SELECT count(*) FROM {KEYSPACE}.{TABLE} WHERE meter_id = %s"
        return {m: session.execute(query, (m,)).one()[0] for m in meters}
    finally:
        session.cluster.shutdown()


def set_hint_window(milliseconds: int, nodes: list[str]) -> None:
    for node in nodes:
        jmx.write(node, STORAGE_PROXY, "MaxHintWindow", milliseconds)


def inject() -> list[str]:
    session = connect()
    try:
        session.execute(
            f"CREATE KEYSPACE {KEYSPACE} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 3}}"
        )
        session.execute(
            f"""CREATE TABLE {KEYSPACE}.{TABLE} (meter_id text, ts timestamp, kwh double, PRIMARY KEY (meter_id, ts))
                WITH speculative_retry = 'NONE' AND read_repair = 'NONE'"""
        )
        session.cluster.control_connection.wait_for_schema_agreement()
        meters = meters_first_on_node(session)
        write_day(session, meters, DAYS[0])
        others = [s.name for s in topology.CASSANDRA if s.name != NODE]
        set_hint_window(OUTAGE_WINDOW_MS, [*others, NODE])
        sandbox.stop(NODE)
        time.sleep(3 * OUTAGE_WINDOW_MS / 1000)  # down longer than the window: the coordinators stop hinting
        write_day(session, meters, DAYS[1])
        set_hint_window(WINDOW_MS, others)
    finally:
        session.cluster.shutdown()
    start_and_wait(NODE)  # its own window comes back from cassandra.yaml
    dashboard, billing = counts(ConsistencyLevel.ONE), counts(ConsistencyLevel.QUORUM)
    return [
        f"{meter}: meter dashboard (reads at ONE) {dashboard[meter]} readings, billing (QUORUM) {billing[meter]}"
        for meter in dashboard
    ]


def problems(evidence) -> list[str]:
    if not is_up(NODE):
        return [f"{NODE} is not up."]
    on_node = counts(ConsistencyLevel.ONE, only_node=node_address())
    short = {m: n for m, n in on_node.items() if n != READINGS}
    if short:
        meter, count = next(iter(short.items()))
        return [
            f"{NODE} itself still holds {count} of {meter}'s {READINGS} readings (read at ONE, coordinated by it). "
            "A restart brings no rows, and a read at ALL answers from the other replicas without fixing it."
        ]
    if evidence != on_node:
        return [
            f"the counts you give are not what {NODE} holds now: read each meter at ONE through {NODE} after your "
            "fix, and answer {meter: count}."
        ]
    return []


def reset() -> None:
    if not is_up(NODE):
        start_and_wait(NODE)
    set_hint_window(WINDOW_MS, [s.name for s in topology.CASSANDRA])
    drop_keyspace(KEYSPACE)


register(
    Incident(
        key="missing-rows",
        pager=(
            "meters: since last night's maintenance, the meter dashboard shows about half of some meters' readings; "
            "billing, reading the same table, shows them all."
        ),
        causes={
            "A": (
                "a node was down longer than the hint window: nobody kept the writes it missed, and it still lacks them"
            ),
            "B": ("a node is down right now, so reads at ONE of its partitions are answered from a stale cache"),
            "C": ("hints for a node are queued on the coordinators and not delivered yet: wait, and it catches up"),
            "D": ("the meters' writer used consistency ONE, so only one replica of each partition got each reading"),
            "E": ("the dashboard reads another table than billing, filled by an older job that stopped last night"),
        },
        component=NODE,
        cause="A",
        component_hint=(
            "The two readers differ in their consistency level. Which replica does a read at ONE of these meters "
            "go to (trace it, or ask nodetool getendpoints), and what does that replica hold?"
        ),
        cause_hint=(
            "Every node is up. Are hints waiting for the short replica (system_views.pending_hints, the hint "
            "files)? Would the writes have reached it at the level billing reads at?"
        ),
        inject=inject,
        problems=problems,
        reset=reset,
        present=lambda: keyspace_exists(KEYSPACE),
    )
)
