evening = dt.datetime(2016, 6, 21, 18, tzinfo=dt.UTC)
midnight_ms = int(dt.datetime(2016, 6, 22, tzinfo=dt.UTC).timestamp() * 1000)
for tp, at in reader.offsets_for_times({tp: int(evening.timestamp() * 1000) for tp in every_partition}).items():
    reader.seek(tp, at.offset)
answer = 0
while any(reader.position(tp) < ends[tp] for tp in every_partition):
    for batch in reader.poll(timeout_ms=1000).values():
        answer += sum(1 for r in batch if r.timestamp < midnight_ms)
print(answer)
check("02.3", answer)
