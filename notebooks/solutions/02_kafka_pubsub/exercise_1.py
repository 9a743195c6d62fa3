reader = KafkaConsumer(TOPIC, bootstrap_servers=KAFKA_BOOTSTRAP, group_id=None, auto_offset_reset="earliest",
                       consumer_timeout_ms=2000, key_deserializer=bytes.decode, value_deserializer=json.loads)
answer = sum(1 for m in reader if m.key == "tennet/wind" and m.value["value"] > 3000)
reader.close()
print(answer)
check("02.1", answer)
