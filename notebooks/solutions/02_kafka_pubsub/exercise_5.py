reader = KafkaConsumer("nb02_latest", bootstrap_servers=KAFKA_BOOTSTRAP, auto_offset_reset="earliest",
                       consumer_timeout_ms=5000, key_deserializer=bytes.decode, value_deserializer=json.loads)
messages = list(reader)
reader.close()
table = {}
for message in messages:
    table[message.key] = message.value  # later messages replace earlier ones
answer = {"messages": len(messages), "first offset": messages[0].offset, "table": table}
print(answer)
check("02.5", answer)
