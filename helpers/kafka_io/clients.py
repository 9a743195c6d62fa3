"""Kafka clients for the sandbox, with client-side timeouts so that a dead broker fails fast.

Every factory first checks that the broker's port answers; if not, it raises
:class:`KafkaUnavailable`, which names Kafka and how to start it.
"""

from __future__ import annotations

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

from helpers.common.errors import ServiceUnavailable
from helpers.endpoints import START_HINT, kafka_bootstrap
from helpers.sandbox.probes import port_open

REQUEST_TIMEOUT_MS = 10_000
SESSION_TIMEOUT_MS = 6_000
"""A group member silent this long is dead (Kafka's default: 45 s): its partitions move on sooner in the drills."""
METADATA_TIMEOUT_MS = 10_000


class KafkaUnavailable(ServiceUnavailable):
    """The Kafka broker does not answer."""


def require_kafka(bootstrap: str | None = None) -> None:
    """Raise :class:`KafkaUnavailable` unless at least one broker's port accepts connections
    (``bootstrap``: the brokers, default :func:`~helpers.endpoints.kafka_bootstrap`)."""
    bootstrap = bootstrap or kafka_bootstrap()
    brokers = [b.rsplit(":", 1) for b in bootstrap.split(",")]
    if not any(port_open(host, int(port), timeout=2.0) for host, port in brokers):
        raise KafkaUnavailable(
            f"Kafka is not reachable at {bootstrap}. {START_HINT} "
            f"(`python -m helpers.sandbox start kafka1` starts one broker.)"
        )


def admin(bootstrap: str | None = None) -> KafkaAdminClient:
    """An admin client (topics, configs, offsets, groups). Close it with ``.close()``."""
    bootstrap = bootstrap or kafka_bootstrap()
    require_kafka(bootstrap)
    return KafkaAdminClient(
        bootstrap_servers=bootstrap, client_id="workshop-admin", request_timeout_ms=REQUEST_TIMEOUT_MS
    )


def producer(bootstrap: str | None = None, reliable: bool = True, **overrides) -> KafkaProducer:
    """A producer. ``reliable``: acks=all, idempotence and retries for two minutes (no loss, no
    duplicates when the broker restarts); otherwise acks=1, which is what most tutorials use.

    Batches up to 256 KiB and waits up to 5 ms to fill them, which is where throughput comes from.
    """
    bootstrap = bootstrap or kafka_bootstrap()
    require_kafka(bootstrap)
    config = dict(
        bootstrap_servers=bootstrap,
        client_id="workshop-producer",
        linger_ms=5,
        batch_size=256 * 1024,
        max_block_ms=METADATA_TIMEOUT_MS,
        request_timeout_ms=REQUEST_TIMEOUT_MS,
    )
    if reliable:
        config.update(
            acks="all",
            enable_idempotence=True,
            retries=2**31 - 1,
            delivery_timeout_ms=120_000,
            retry_backoff_ms=200,
            reconnect_backoff_max_ms=2000,
        )
    else:
        config.update(acks=1)
    config.update(overrides)
    return KafkaProducer(**config)


def consumer(
    *topics: str, group: str | None = None, bootstrap: str | None = None, from_beginning: bool = True, **overrides
) -> KafkaConsumer:
    """A consumer, in consumer group ``group`` (None: no group, no commits).

    Auto-commit is off: whoever consumes commits when the work is done (see helpers.ingest).
    A new group starts at the beginning of the log when ``from_beginning``, else at its end.
    """
    bootstrap = bootstrap or kafka_bootstrap()
    require_kafka(bootstrap)
    config = dict(
        bootstrap_servers=bootstrap,
        group_id=group,
        client_id="workshop-consumer",
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
        request_timeout_ms=30_000,
        bootstrap_timeout_ms=METADATA_TIMEOUT_MS,
        session_timeout_ms=SESSION_TIMEOUT_MS,
        heartbeat_interval_ms=2_000,
        max_poll_records=2_000,
        max_partition_fetch_bytes=4 * 1024 * 1024,
        fetch_max_bytes=16 * 1024 * 1024,
    )
    config.update(overrides)
    return KafkaConsumer(*topics, **config)
