"""Brokers in the Kafka lesson's drills: start several at once, and see each partition's leader and ISR.

start_brokers("kafka2", "kafka3")     # both at once, wait until both are healthy
partitions(admin, "nb02_acks1")        # partition, leader, replicas, isr (sorted), one row each
describe_topic(admin, "nb02_acks1")    # describe_topics' answer, once the brokers know the new topic
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd
from kafka.admin import ConfigResource, ConfigResourceType
from kafka.errors import KafkaConnectionError, KafkaTimeoutError, NodeNotReadyError

from helpers import sandbox
from helpers.common.waiting import wait_until
from helpers.sandbox.errors import NotHealthyError

BROKER_GONE = (KafkaConnectionError, KafkaTimeoutError, NodeNotReadyError)
"""What an admin request raises when it went to a broker that was just killed or is still starting: the
waits below ask again (the admin client picks another broker, or the same one once it is up)."""


def start_brokers(*names: str, attempts: int = 3) -> None:
    """Start the named brokers at once and wait until each is healthy (a broker takes 10-30 s here).

    On a busy machine a broker can take longer than the sandbox's health timeout: its process keeps
    starting, so the wait is simply repeated, up to ``attempts`` times.
    """

    def start(name: str) -> None:
        for attempt in range(attempts):
            try:
                sandbox.start(name)
                return
            except NotHealthyError:
                if attempt == attempts - 1:
                    raise

    with ThreadPoolExecutor(max_workers=max(1, len(names))) as pool:
        list(pool.map(start, names))


def describe_topic(admin, topic: str, timeout_s: float = 30.0, answers: int = 5) -> dict:
    """``admin.describe_topics([topic])[0]``, asked again until the brokers know the new topic.

    A topic created a moment ago may not have reached the broker that answers yet: its partition list is then
    empty, and ``describe_configs`` of it answers no configs at all. Each request goes to a broker the client
    picks at random, so the topic must be known ``answers`` times in a row, both ways, before this returns.
    """
    resource = ConfigResource(ConfigResourceType.TOPIC, topic)
    known_in_a_row = 0

    def described() -> dict | None:
        nonlocal known_in_a_row
        (found,) = admin.describe_topics([topic])
        configs = admin.describe_configs([resource], config_filter="all").get("topic", {}).get(topic)
        known_in_a_row = known_in_a_row + 1 if found["partitions"] and configs else 0
        return found if known_in_a_row >= answers else None

    return wait_until(described, timeout_s, f"the brokers to know topic {topic}", 0.05, retry_on=BROKER_GONE)


def partitions(admin, topic: str) -> pd.DataFrame:
    """One row per partition of ``topic``: partition, leader, replicas (in preference order), isr (sorted)."""
    described = describe_topic(admin, topic)
    rows = [
        {
            "partition": p["partition_index"],
            "leader": p["leader_id"],
            "replicas": p["replica_nodes"],
            "isr": sorted(p["isr_nodes"]),
        }
        for p in described["partitions"]
    ]
    return pd.DataFrame(rows).sort_values("partition").reset_index(drop=True)


def wait_for_isr(admin, topics: list[str], size: int, timeout_s: float = 120.0) -> None:
    """Wait until every partition of ``topics`` has ``size`` in-sync replicas (e.g. 3 after a restart)."""

    def complete() -> bool:
        described = admin.describe_topics(topics)
        return all(len(p["isr_nodes"]) == size for topic in described for p in topic["partitions"])

    what = f"{size} in-sync replicas for every partition of {', '.join(topics)}"
    wait_until(complete, timeout_s, what, 0.5, retry_on=BROKER_GONE)


def wait_for_leader(admin, topic: str, partition: int, not_on: int, timeout_s: float = 60.0) -> int:
    """Wait until ``partition`` of ``topic`` has a live leader other than broker ``not_on``; returns it."""

    def moved():
        (described,) = admin.describe_topics([topic])
        (p,) = [p for p in described["partitions"] if p["partition_index"] == partition]
        return p["leader_id"] if p["leader_id"] not in (not_on, -1) else None

    return wait_until(moved, timeout_s, f"a new leader for {topic}-{partition}", 0.2, retry_on=BROKER_GONE)
