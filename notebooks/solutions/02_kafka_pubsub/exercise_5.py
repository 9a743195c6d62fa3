reader = KafkaConsumer("nb02_latest", bootstrap_servers=KAFKA_BOOTSTRAP, auto_offset_reset="earliest",
                       consumer_timeout_ms=2000, key_deserializer=bytes.decode, value_deserializer=json.loads)
answer = {}
for message in reader:
    answer[message.key] = message.value  # later messages replace earlier ones
reader.close()
print(answer)
check("02.5", answer)
