future = {"ts": "2030-01-01T00:00:00Z", "type": "solar", "region": "DE", "value": 1.0}
twice = {"ts": "2016-06-25T12:00:00Z", "type": "solar", "region": "DE", "value": 30000.0}
kafka_io.send_json(producer, TOPIC, [("DE/solar", future), ("DE/solar", twice), ("DE/solar", twice)])
print(Ingest(TOPIC, KEYSPACE, group=GROUP).run(until_idle=3).summary())
print(kafka_io.read(dead_letter_topic(TOPIC))[-1].headers[REASON])
print(session.execute(f"SELECT count(*) FROM {KEYSPACE}.generation WHERE region = 'DE' AND type = 'solar' AND ts = '2016-06-25 12:00:00+0000'").one().count, "row")
