"""Incident "producer-timeouts": a broker is stopped under a topic whose owners require every write on all three
replicas (min.insync.replicas=3), so every acks=all send times out. Repaired when the broker is back and the
ISR is whole again, with the requirement unchanged; lowering it would make the symptom go away and lose the
guarantee."""

from __future__ import annotations

from helpers import sandbox
from helpers.common.waiting import wait_until
from helpers.kafka_io import admin, create_topic, delete_topics, producer, topic_configs
from helpers.kafka_io.brokers import BROKER_GONE, start_brokers
from helpers.oncall.incident import Incident, is_up, register, topic_exists

TOPIC = "nb11_settlements"
BROKER, BROKER_ID = "kafka3", 3
REQUIRED_IN_SYNC = 3
SEND_TIMEOUT_MS = 6_000


def in_sync_replicas() -> dict[int, list[int]]:
    """{partition: sorted in-sync replica ids} of the topic, as the brokers report it now."""
    client = admin()
    try:
        (described,) = client.describe_topics([TOPIC])
        return {
            p["partition_index"]: sorted(p["isr_nodes"])
            for p in sorted(described["partitions"], key=lambda p: p["partition_index"])
        }
    finally:
        client.close()


def min_insync() -> int:
    return int(topic_configs(TOPIC, ["min.insync.replicas"])["min.insync.replicas"])


def acknowledged_sends(count: int = 3) -> int:
    """How many of ``count`` acks=all sends (one per partition) the brokers acknowledge within 6 s."""
    # a few retries, without idempotence: kafka-python's idempotent producer retries NotEnoughReplicas past its
    # delivery timeout, and the probe must end
    sender = producer(
        enable_idempotence=False,
        retries=3,
        retry_backoff_ms=500,
        request_timeout_ms=SEND_TIMEOUT_MS // 2,
        delivery_timeout_ms=SEND_TIMEOUT_MS,
        linger_ms=0,
    )
    try:
        futures = [sender.send(TOPIC, key=b"probe", value=b"{}", partition=p) for p in range(count)]
        acknowledged = 0
        for future in futures:
            try:
                future.get(timeout=SEND_TIMEOUT_MS / 1000 + 5)
                acknowledged += 1
            except Exception:  # noqa: BLE001 - a timeout or NotEnoughReplicas: not acknowledged, which is the symptom
                pass
        return acknowledged
    finally:
        sender.close(timeout=5)


def inject() -> list[str]:
    create_topic(TOPIC, partitions=3, replication_factor=3, configs={"min.insync.replicas": str(REQUIRED_IN_SYNC)})
    sandbox.stop(BROKER)
    wait_until(
        lambda: all(len(isr) < REQUIRED_IN_SYNC for isr in in_sync_replicas().values()),
        60,
        f"{BROKER} to leave the ISR",
        retry_on=BROKER_GONE,
    )
    sent = acknowledged_sends()
    return [f"settlement producer ({TOPIC}, acks=all): {sent} of 3 sends acknowledged within 6 s"]


def problems(evidence) -> list[str]:
    found = []
    isr = in_sync_replicas()
    short = [p for p, replicas in isr.items() if len(replicas) < REQUIRED_IN_SYNC]
    if short:
        found.append(
            f"partition {short[0]} of {TOPIC} has {len(isr[short[0]])} in-sync replicas; acks=all sends to it "
            "wait for more. Which replica is missing, and why?"
        )
    if min_insync() < REQUIRED_IN_SYNC:
        found.append(
            f"{TOPIC}'s min.insync.replicas is no longer {REQUIRED_IN_SYNC}: the sends go through, but a settlement "
            "acknowledged by fewer brokers is lost with them. The topic's owners require it: set it back, and "
            "repair what made the ISR short instead."
        )
    if not found and acknowledged_sends(1) < 1:
        found.append("an acks=all send to the topic is still not acknowledged within 6 s.")
    if not found and evidence != isr:
        found.append(
            "the ISR you give is not what the brokers report now: describe the topic again, after your fix, and "
            "answer {partition: sorted in-sync replica ids}."
        )
    return found


def reset() -> None:
    if not is_up(BROKER):
        start_brokers(BROKER)
    delete_topics(TOPIC)


register(
    Incident(
        key="producer-timeouts",
        pager="settlements: the billing service's producers report timeouts on every send to nb11_settlements.",
        causes={
            "A": ("the controllers lost their quorum, so the topic's partitions have no leader to write to"),
            "B": ("the producers were switched to acks=0, which sends without waiting and never gets an answer"),
            "C": ("a broker is down, and the topic requires more in-sync replicas than the partitions have left"),
            "D": ("the brokers' log disks are full, so the partition leaders cannot append the settlements"),
            "E": ("the topic's consumer group is rebalancing, and the brokers hold back the producers meanwhile"),
        },
        component=BROKER,
        cause="C",
        component_hint=(
            "Producers time out waiting for brokers. Which brokers answer (the sandbox's status), and which "
            "replicas of each partition are in sync (describe_topics)?"
        ),
        cause_hint=(
            "A partition with a leader accepts writes, unless acks=all asks for something the partition lacks. "
            "Compare each partition's ISR with the topic's configuration (describe_configs)."
        ),
        inject=inject,
        problems=problems,
        reset=reset,
        present=lambda: topic_exists(TOPIC),
    )
)
