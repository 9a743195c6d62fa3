"""Self-checks of lesson 06 (replication and consistency on three nodes).

The ring is the sandbox's (one token per node, helpers.sandbox.config.CASSANDRA_TOKENS) and the
driver's Murmur3 gives a key's token, so the expected replicas are computed here, without a server.
"""

from __future__ import annotations

import numbers

from cassandra.metadata import Murmur3Token

from helpers.course.checks import Hint, exercise
from helpers.sandbox.config import CASSANDRA_TOKENS

METERS = [f"meter-{i:06d}" for i in range(1, 7)]
READINGS_PER_METER = 2 * 96  # two days of 15-minute readings


def replicas(key: str) -> list[str]:
    """The nodes that hold `key` with SimpleStrategy and RF 3, first replica first."""
    token = Murmur3Token.from_key(key.encode()).value
    ring = sorted((int(t), f"cassandra{n}") for n, t in CASSANDRA_TOKENS.items())
    first = next((i for i, (t, _) in enumerate(ring) if t >= token), 0)  # past the last token: wrap around
    return [ring[(first + k) % len(ring)][1] for k in range(len(ring))]


@exercise(
    "06.1",
    wrong=["cassandra3", "cassandra2", "127.0.0.1"],
    answer="the node's name, a str 'cassandraN'",
    success="past the highest token the ring wraps around: the lowest token's node is first.",
)
def first_replica(answer):
    """The name of meter-000042's first replica."""
    if not str(answer).startswith("cassandra"):
        raise Hint("Answer with the node's name, 'cassandraN' (N is 1, 2 or 3).")
    if answer != replicas("meter-000042")[0]:
        raise Hint(
            "A node is the first replica of the range that ENDS at its token. Compare the key's token with the "
            "three node tokens: the first node token at or after it wins; if there is none, the ring wraps around."
        )


@exercise(
    "06.2",
    wrong=[["cassandra1", "cassandra3"], ["cassandra1", "cassandra2", "cassandra3"], ["cassandra1"]],
    answer="a sorted list of node names, e.g. ['cassandraN', ...]",
    success=(
        "in this sandbox (SimpleSnitch, dynamic snitch off) QUORUM reads the first two replicas in ring order, "
        "wherever the coordinator is; a topology-aware snitch would read the coordinator's own replica first."
    ),
)
def quorum_readers(answer):
    """The nodes that executed a QUORUM read of meter-000004 coordinated by cassandra3, sorted."""
    expected = sorted(replicas("meter-000004")[:2])
    if isinstance(answer, str) or not all(isinstance(name, str) for name in answer):
        raise Hint("Give a list of node names, e.g. ['cassandraN', ...], taken from the trace's events.")
    answer = sorted(answer)
    if len(answer) != 2:
        raise Hint("QUORUM on RF 3 needs two replicas. Count the 'Executing single-partition query' events.")
    if answer != expected:
        raise Hint(
            "The coordinator does not prefer itself: SimpleSnitch does not rank replicas and the dynamic snitch "
            "is off, so it asks them in ring order. Take the nodes from the trace's events, not from which node "
            "you sent the query to."
        )


@exercise(
    "06.3",
    answer="a dict {'TWO': commit logs the write at TWO reached, 'ONE': commit logs the write at ONE reached}",
    wrong=[{"TWO": 2, "ONE": 1}, {"TWO": 3, "ONE": 1}, {"TWO": 2, "ONE": 3}, {"TWO": 2, "ONE": 2}],
    success="every replica gets the write; the level only decides when the coordinator answers.",
)
def write_at_two_and_one(answer):
    """The commit logs reached by a write at TWO and by one at ONE, on RF 3 with every node up."""
    if not isinstance(answer, dict) or not {"TWO", "ONE"} <= set(answer):
        raise Hint("Answer a dict with the keys 'TWO' and 'ONE': a number of commit logs for each write.")
    logs = {}
    for level in ("TWO", "ONE"):
        if isinstance(answer[level], bool) or not isinstance(answer[level], numbers.Real):
            raise Hint(f"`{level}` is a number: how many 'Appending to commitlog' events its trace has.")
        logs[level] = int(answer[level])
    if logs["TWO"] == 2 and logs["ONE"] == 1:
        raise Hint(
            "The level is not how many replicas get the write. Count the 'Appending to commitlog' events of each trace."
        )
    if any(count != 3 for count in logs.values()):
        level = next(level for level, count in logs.items() if count != 3)
        raise Hint(
            f"Count the 'Appending to commitlog' events of the write at {level} (trace_of waits for the "
            "replicas' events): how many replicas does the keyspace have?"
        )
    return None


@exercise(
    "06.4",
    wrong=[192, 0, 97, 288, 95],
    answer="a number: the rows count(*) returns at ONE",
    success="without hints and before any repair, the first replica still lacks the second day.",
)
def stale_partition(answer):
    """meter-000002's readings on cassandra3 (a count at ONE) before hints and repair."""
    count = int(answer)
    if count == READINGS_PER_METER:
        raise Hint(
            "That is every reading: did the read go to cassandra3 alone? Read at ONE, and before any read at "
            "QUORUM or ALL of that partition (they repair it)."
        )
    if count != 96:
        raise Hint("Count the rows of the whole partition (count(*) with only meter_id in the WHERE clause).")


@exercise(
    "06.5",
    wrong=[
        {**{m: READINGS_PER_METER for m in METERS}, "meter-000002": 96},
        {m: 96 for m in METERS},
        {"meter-000001": READINGS_PER_METER},
    ],
    answer="a dict {meter_id: count}",
    success="after hints and repair every replica holds both days.",
)
def counts_after_repair(answer):
    """{meter_id: count} at ONE after hints were delivered and the repair ran."""
    if set(answer) != set(METERS):
        raise Hint("One count per meter, meter-000001 to meter-000006: GROUP BY the partition key.")
    stale = sorted(m for m in METERS if int(answer[m]) != READINGS_PER_METER)
    if stale:
        raise Hint(f"{', '.join(stale)} should hold two days of 15-minute readings. Did the repair run first?")
