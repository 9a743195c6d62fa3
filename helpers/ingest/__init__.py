"""The streaming ingest: a Kafka consumer group writes generation messages to Cassandra.

    python -m helpers.ingest --topic generation --keyspace K [--table generation] [--group G] [--until-idle S]

Offsets are committed only after the rows are stored (at least once), the writes are
upserts (a replay stores nothing twice), and what cannot be stored goes to ``<topic>.dlq``.
"""

from helpers.ingest.deadletter import REASON, dead_letter_topic
from helpers.ingest.decode import MAX_MESSAGE_BYTES, decode
from helpers.ingest.pipeline import Ingest, default_group
from helpers.ingest.stats import IngestStats

__all__ = ["MAX_MESSAGE_BYTES", "REASON", "Ingest", "IngestStats", "dead_letter_topic", "decode", "default_group"]
