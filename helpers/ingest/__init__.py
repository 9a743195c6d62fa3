"""The streaming ingest: a Kafka consumer group writes generation messages to Cassandra.

    python -m helpers.ingest --topic generation --keyspace K [--table generation] [--group G] [--until-idle S]

Offsets are committed only after the rows are stored (at least once); the writes are
upserts written ``USING TIMESTAMP`` of their Kafka message (a replay stores nothing twice and
cannot undo a later correction), and what cannot be stored goes to ``<topic>.dlq``.

pipeline    Ingest: the consume -> write -> commit loop, in a background thread or in the foreground
decode      one message value -> a row to store, or the reason it cannot be stored
deadletter  the dead-letter topic and the headers that keep the reason and the origin
stats       what a run did: counts, reasons, throughput and latency
__main__    the command line
"""

from helpers.ingest.deadletter import REASON, dead_letter_topic
from helpers.ingest.decode import MAX_MESSAGE_BYTES, decode
from helpers.ingest.pipeline import Ingest, default_group
from helpers.ingest.stats import IngestStats

__all__ = ["MAX_MESSAGE_BYTES", "REASON", "Ingest", "IngestStats", "dead_letter_topic", "decode", "default_group"]
