"""Topics: create (or recreate) them, see their partitions, configuration and log segment files."""

from __future__ import annotations

import pandas as pd
from kafka.admin import ConfigResource, ConfigResourceType
from kafka.errors import TopicAlreadyExistsError, UnknownTopicOrPartitionError

from helpers.common.waiting import wait_until
from helpers.kafka_io.clients import admin
from helpers.sandbox.paths import server_folder


def create_topic(
    name: str,
    partitions: int = 3,
    configs: dict[str, str] | None = None,
    recreate: bool = False,
    replication_factor: int | None = None,
) -> None:
    """Create ``name`` with ``partitions`` partitions and ``replication_factor`` copies of each
    (default: one per broker, at most three).

    ``recreate`` deletes it first, so that a lesson starts from an empty log every run.
    """
    client = admin()
    try:
        if recreate:
            _delete(client, name)
        if recreate or name not in client.list_topics():
            copies = replication_factor or min(3, len(client.describe_cluster()["brokers"]))
            spec = {"num_partitions": partitions, "replication_factor": copies, "configs": configs or {}}
            if recreate:  # the controller may still be deleting the old topic: ask until the new one is made
                wait_until(lambda: _created(client, name, spec), 30.0, f"Kafka to create topic {name!r} anew", 0.2)
            else:
                _created(client, name, spec)  # False: it exists after all (the broker asked had not heard yet)
        client.wait_for_topics([name])
    finally:
        client.close()


def _created(client, name: str, spec: dict) -> bool:
    """Create the topic; False when the controller answers that it exists already.

    ``list_topics`` asks one broker, which may not have applied a topic created a moment ago: the controller's
    answer is the one that counts.
    """
    try:
        client.create_topics({name: spec}, wait_for_metadata=True)
    except TopicAlreadyExistsError:
        return False
    return True


def delete_topics(*names: str) -> None:
    """Delete the topics that exist among ``names``."""
    client = admin()
    try:
        for name in names:
            _delete(client, name)
    finally:
        client.close()


def _delete(client, name: str, timeout_s: float = 30.0) -> None:
    if name not in client.list_topics():
        return
    try:
        client.delete_topics([name], timeout_ms=10_000)
    except UnknownTopicOrPartitionError:
        return
    # Deletion is asynchronous in the controller.
    wait_until(lambda: name not in client.list_topics(), timeout_s, f"Kafka to delete topic {name!r}", 0.2)


def describe_topic(name: str) -> pd.DataFrame:
    """One row per partition: partition, leader broker, replicas, in-sync replicas."""
    client = admin()
    try:
        (topic,) = client.describe_topics([name])
    finally:
        client.close()
    rows = [
        {
            "partition": p["partition_index"],
            "leader": p["leader_id"],
            "replicas": p["replica_nodes"],
            "in_sync": p["isr_nodes"],
        }
        for p in topic["partitions"]
    ]
    return pd.DataFrame(rows).sort_values("partition").reset_index(drop=True)


def topic_configs(name: str, keys: list[str] | None = None) -> dict[str, str]:
    """The topic's effective configuration (retention.ms, segment.bytes, ...), or only ``keys``."""
    client = admin()
    try:
        response = client.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)], config_filter="all")
    finally:
        client.close()
    configs = response["topic"][name]
    return {k: v["value"] for k, v in sorted(configs.items()) if keys is None or k in keys}


def log_segments(topic: str, broker: int = 1) -> pd.DataFrame:
    """The files of the topic's commit log on one broker's disk (broker 1 by default): partition, file, bytes.

    Each partition is a folder ``<topic>-<partition>`` of segments: ``<first offset>.log``
    (the messages), ``.index`` (offset -> position) and ``.timeindex`` (time -> offset).
    """
    rows = []
    for folder in sorted(server_folder(f"kafka{broker}", "data", "Log segments").glob(f"{topic}-*")):
        partition = folder.name.rsplit("-", 1)[1]
        if folder.is_dir() and partition.isdigit():
            for file in sorted(folder.iterdir()):
                if file.suffix in (".log", ".index", ".timeindex"):
                    rows.append({"partition": int(partition), "file": file.name, "bytes": file.stat().st_size})
    return pd.DataFrame(rows, columns=["partition", "file", "bytes"])
