"""Offsets: where each partition's log begins and ends, what a group has committed, its lag,
and which offset a point in time corresponds to."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from kafka import TopicPartition
from kafka.admin import OffsetSpec
from kafka.errors import CoordinatorLoadInProgressError, CoordinatorNotAvailableError, NotCoordinatorError

from helpers.common.waiting import wait_until
from helpers.kafka_io.clients import admin


def _partitions(client, topic: str) -> list[TopicPartition]:
    (described,) = client.describe_topics([topic])
    return sorted(TopicPartition(topic, p["partition_index"]) for p in described["partitions"])


def log_offsets(topic: str, spec: OffsetSpec | int = OffsetSpec.LATEST) -> dict[int, int]:
    """{partition: offset} for LATEST (the next offset to be written), EARLIEST, or a timestamp
    in epoch milliseconds (the first offset whose message time is >= it; -1 if none)."""
    client = admin()
    try:
        found = client.list_partition_offsets({tp: spec for tp in _partitions(client, topic)})
    finally:
        client.close()
    return {tp.partition: answer.offset for tp, answer in sorted(found.items())}


def offsets_at(topic: str, when: dt.datetime) -> dict[int, int]:
    """{partition: first offset at or after ``when``} (a message's CreateTime); -1 if none."""
    return log_offsets(topic, int(when.timestamp() * 1000))


def committed(group: str, topic: str, wait_s: float = 30.0, client=None) -> dict[int, int]:
    """{partition: committed offset} of ``group`` on ``topic`` (0 where it has committed nothing).

    On a fresh broker the group coordinator exists (and has loaded) only once the offsets topic is ready:
    wait up to ``wait_s`` for it rather than fail. ``client``: an admin client to reuse (polling
    in a loop); by default one is made and closed.
    """
    own = client is None
    client = client or admin()
    try:
        found = wait_until(
            lambda: client.list_group_offsets({group: _partitions(client, topic)})[group],
            wait_s,
            f"the group coordinator of {group!r}",
            retry_on=(CoordinatorLoadInProgressError, CoordinatorNotAvailableError, NotCoordinatorError),
        )
    finally:
        if own:
            client.close()
    return {tp.partition: max(meta.offset, 0) if meta is not None else 0 for tp, meta in sorted(found.items())}


def lag(group: str, topic: str) -> pd.DataFrame:
    """Per partition: the log end, the group's committed offset, and the lag between them."""
    ends = log_offsets(topic)
    done = committed(group, topic)
    rows = [
        {"partition": p, "log_end": end, "committed": done.get(p, 0), "lag": end - done.get(p, 0)}
        for p, end in ends.items()
    ]
    return pd.DataFrame(rows, columns=["partition", "log_end", "committed", "lag"])


def total_lag(group: str, topic: str) -> int:
    """The messages the group has not yet committed, over all partitions."""
    return int(lag(group, topic)["lag"].sum())
