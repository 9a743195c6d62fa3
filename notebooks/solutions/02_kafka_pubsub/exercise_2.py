metadata = producer.send(TOPIC, key="DE/solar", timestamp_ms=int(dt.datetime(2016, 6, 22, tzinfo=dt.UTC).timestamp() * 1000),
                         value={"ts": "2016-06-22T00:00:00Z", "type": "solar", "region": "DE", "value": 0.0}).get()
answer = (metadata.partition, metadata.offset)
print(answer)
check("02.2", answer)
