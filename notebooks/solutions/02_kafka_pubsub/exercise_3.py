evening = kafka_io.read(TOPIC, start=kafka_io.offsets_at(TOPIC, dt.datetime(2016, 6, 21, 18, tzinfo=dt.UTC)))
until = int(dt.datetime(2016, 6, 22, tzinfo=dt.UTC).timestamp() * 1000)
print(sum(m.timestamp_ms < until for m in evening), "messages (6 h x 4 x 10 series = 240)")
