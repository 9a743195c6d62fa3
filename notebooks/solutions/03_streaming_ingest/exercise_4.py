letters = KafkaConsumer(dead_letter_topic(TOPIC), bootstrap_servers=KAFKA_BOOTSTRAP, auto_offset_reset="earliest",
                        consumer_timeout_ms=5000)
negative = next(m for m in letters if m.key == b"negative")
letters.close()
headers = dict(negative.headers)
source = TopicPartition(TOPIC, int(headers["dlq.source.partition"]))
reader.assign([source])
reader.seek(source, int(headers["dlq.source.offset"]))
original_message = None
while original_message is None:
    original_message = next(iter(reader.poll(timeout_ms=1000, max_records=1).get(source, [])), None)
answer = json.loads(original_message.value)["value"]
print(original_message.key, "at offset", original_message.offset, "of partition", source.partition)
check("03.4", answer)
