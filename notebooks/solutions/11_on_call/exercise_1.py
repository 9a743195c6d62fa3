from helpers.kafka_io import admin, topic_configs

print("down:", [s.name for s in sandbox.status() if s.state != "up"])
kafka = admin()
by_index = lambda p: p["partition_index"]  # noqa: E731 - describe_topics lists partitions in no fixed order
(described,) = kafka.describe_topics(["nb11_settlements"])
print("ISR:", {p["partition_index"]: sorted(p["isr_nodes"]) for p in sorted(described["partitions"], key=by_index)})
print(topic_configs("nb11_settlements", ["min.insync.replicas"]))
kafka.close()
answer = {"component": "kafka3", "cause": "C"}
check("11.1", answer)
