"""A query trace as a table, each event tied to the step of the write or read path it belongs to.

`session.execute(query, trace=True)` asks every node that works on the request to log what
it does into `system_traces`; `result.get_query_trace()` reads those events back. Events of
other nodes arrive a moment later, so `trace_of` waits until the event count stops growing.
"""

from __future__ import annotations

import re

import pandas as pd
from cassandra.cluster import ResultSet

from helpers.common.errors import WaitTimeout
from helpers.common.waiting import wait_until

# (step, pattern in the event's description), in path order. The first match names the event.
STEPS = [
    ("parse", r"^Parsing|^Preparing statement"),
    ("coordinator: find replicas", r"Determining replicas|Computing ranges|Submitting range requests"),
    ("speculative retry", r"speculating read retry"),
    ("commit log", r"commitlog"),
    ("memtable", r"^Adding to .*memtable"),
    ("index (SAI)", r"[Ii]ndex (query|mean cardinalities)|using index"),
    ("replica reads", r"^Executing"),
    ("sstable selection", r"sstable references|non-slice-intersecting sstables"),
    ("bloom filter", r"[Bb]loom filter"),
    ("partition index", r"[Pp]artition index|[Kk]ey cache"),
    ("merge memtable + sstables", r"Merged data from memtables|Merging memtable contents"),
    ("rows read", r"Read \d+ live rows"),
    ("network", r"message (received|sent)|Sending|Enqueuing|Processing response|Submitted|reading data from"),
]


def step_of(description: str) -> str:
    """The path step an event describes ('commit log', 'bloom filter', ...), 'other' when none fits."""
    for step, pattern in STEPS:
        if re.search(pattern, description):
            return step
    return "other"


def trace_of(result: ResultSet, settle_s: float = 0.5, max_wait_s: float = 10.0):
    """The query trace of `result`, re-read until no more events arrive for `settle_s` seconds."""
    trace = result.get_query_trace(max_wait_sec=max_wait_s)
    seen = [-1]

    def settled() -> bool:
        trace.populate(max_wait=max_wait_s)
        same, seen[0] = len(trace.events) == seen[0], len(trace.events)
        return same

    try:
        wait_until(settled, max_wait_s, "the trace to settle", interval_s=settle_s)
    except WaitTimeout:
        pass  # still growing after max_wait_s: shown as it is
    return trace


def trace_table(trace) -> pd.DataFrame:
    """One row per event, grouped by node in time order: node, elapsed µs (on that node), step, activity."""
    rows = [
        {
            "node": str(e.source),
            "elapsed_us": _microseconds(e.source_elapsed),
            "step": step_of(e.description),
            "activity": e.description,
        }
        for e in trace.events
    ]
    table = pd.DataFrame(rows, columns=["node", "elapsed_us", "step", "activity"])
    return table.sort_values(["node", "elapsed_us"], kind="stable").reset_index(drop=True)


def _microseconds(elapsed) -> int:
    """An event's time since its node started on the request; -1 when the node did not record it."""
    return int(elapsed.total_seconds() * 1e6) if elapsed is not None else -1


def path_summary(trace) -> pd.DataFrame:
    """How many events of each path step the trace has, in path order (network and parsing left out)."""
    steps = [step_of(e.description) for e in trace.events]
    order = [s for s, _ in STEPS if s not in ("parse", "network")]
    return (
        pd.DataFrame({"step": order, "events": [steps.count(s) for s in order]})
        .query("events > 0")
        .reset_index(drop=True)
    )


def rows_read(trace) -> int:
    """Rows the replicas read to answer the query: the sum of their 'Read N live rows' events."""
    return sum(int(m.group(1)) for e in trace.events for m in [re.search(r"Read (\d+) live rows", e.description)] if m)


def sstables_merged(trace) -> list[int]:
    """For each 'Merged data from memtables and N sstables' event, N."""
    return [
        int(m.group(1))
        for e in trace.events
        for m in [re.search(r"Merged data from memtables and (\d+) sstables", e.description)]
        if m
    ]
