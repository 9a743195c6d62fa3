negative = next(m for m in kafka_io.read(dead_letter_topic(TOPIC)) if m.key == "negative")
partition, offset = int(negative.headers["dlq.source.partition"]), int(negative.headers["dlq.source.offset"])
original = kafka_io.read(TOPIC, start={partition: offset}, limit=1)[0]
print(original.key, original.value, original.value == negative.value)
