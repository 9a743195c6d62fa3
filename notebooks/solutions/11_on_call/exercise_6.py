from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import OffsetAndMetadata

from helpers.endpoints import KAFKA_BOOTSTRAP
from helpers.ingest.deadletter import dead_letter_headers
from helpers.kafka_io import total_lag

stuck_at = TopicPartition("nb11_telemetry", 1)
reader = KafkaConsumer(bootstrap_servers=KAFKA_BOOTSTRAP, group_id="nb11-loader", enable_auto_commit=False)
reader.assign([stuck_at])
reader.seek(stuck_at, reader.committed(stuck_at))
(poison,) = reader.poll(timeout_ms=10_000, max_records=1)[stuck_at]
dead = KafkaProducer(bootstrap_servers=KAFKA_BOOTSTRAP, acks="all")
dead.send("nb11_telemetry.dlq", key=poison.key, value=poison.value, headers=dead_letter_headers(poison, "not JSON"))
dead.flush(timeout=30)
dead.close()
reader.commit({stuck_at: OffsetAndMetadata(poison.offset + 1, "", -1)})
reader.close()
run_loader()
answer = total_lag("nb11-loader", "nb11_telemetry")
print("lag:", answer)
check("11.6", answer)
