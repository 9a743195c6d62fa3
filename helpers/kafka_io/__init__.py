"""Kafka for the workshop: clients with timeouts, topics, keyed JSON messages, offsets and lag.

from helpers.kafka_io import create_topic, producer, send_json, read, lag

clients   producer, consumer and admin clients that fail fast when the broker is down
topics    create (or recreate) topics; their partitions, configuration and log segments
messages  produce keyed JSON; read a topic back from the start, an offset or a time
offsets   log start and end offsets, a group's committed offsets and its lag
groups    consumers of one group side by side, each in its own thread
connect   a standalone Kafka Connect worker running the built-in file source
brokers   the replication drill: start brokers at once, partitions' leaders and ISR, waits
pictures  replicas per partition and broker; messages per partition and offset, by key
java_clients  Kafka's Java console consumers: share groups (KIP-932), the KIP-848 protocol
"""

from helpers.kafka_io.clients import KafkaUnavailable, admin, consumer, producer, require_kafka
from helpers.kafka_io.groups import GroupMember, wait_until_assigned
from helpers.kafka_io.messages import Message, read, send_json, to_json
from helpers.kafka_io.offsets import committed, lag, log_offsets, offsets_at, total_lag
from helpers.kafka_io.topics import create_topic, delete_topics, describe_topic, log_segments, topic_configs

__all__ = [
    "GroupMember",
    "KafkaUnavailable",
    "Message",
    "admin",
    "committed",
    "consumer",
    "create_topic",
    "delete_topics",
    "describe_topic",
    "lag",
    "log_offsets",
    "log_segments",
    "offsets_at",
    "producer",
    "read",
    "require_kafka",
    "send_json",
    "to_json",
    "topic_configs",
    "total_lag",
    "wait_until_assigned",
]
