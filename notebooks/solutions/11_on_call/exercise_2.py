from helpers.kafka_io import admin, read
from helpers.kafka_io.brokers import start_brokers, wait_for_isr

kafka = admin()
by_index = lambda p: p["partition_index"]  # noqa: E731 - describe_topics lists partitions in no fixed order
start_brokers("kafka3")
wait_for_isr(kafka, ["nb11_settlements"], 3)
(described,) = kafka.describe_topics(["nb11_settlements"])
answer = {p["partition_index"]: sorted(p["isr_nodes"]) for p in sorted(described["partitions"], key=by_index)}
kafka.close()
print(answer)
print("the acks=1 settlement, readable now:", [(m.offset, m.key) for m in read("nb11_settlements")])
check("11.2", answer)
