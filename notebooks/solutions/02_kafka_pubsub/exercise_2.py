wide = [kafka_io.GroupMember(TOPIC, "nb02_wide").start() for _ in range(4)]
deadline = time.time() + 60
while sorted(p for m in wide for p in m.partitions) != [0, 1, 2] and time.time() < deadline:
    time.sleep(0.2)
kafka_io.send_json(producer, TOPIC, [("DE/solar", {"ts": "2016-06-23T00:00:00Z", "type": "solar", "region": "DE", "value": 0.0})])
time.sleep(3)
for member in wide:
    member.stop()
print(sorted(len(m.partitions) for m in wide), "partitions per member: one sits idle")
print(sorted(len(m.received) for m in wide), "messages per member")
