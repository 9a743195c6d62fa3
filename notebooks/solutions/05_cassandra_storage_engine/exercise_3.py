expiring = session.prepare("INSERT INTO raw_grace (meter_id, ts, value) VALUES (?, ?, ?) USING TTL 2")
lasting = session.prepare("INSERT INTO raw_grace (meter_id, ts, value) VALUES (?, ?, ?)")
readings = [("meter-000009", noon + pd.Timedelta(minutes=i), 1.0) for i in range(50)]
write_rows(session, expiring, readings, partition_of=lambda row: row[0])
write_rows(session, lasting, readings[:20], partition_of=lambda row: row[0])   # newer writes, no TTL
time.sleep(3)
rows, trace = traced("SELECT * FROM raw_grace WHERE meter_id = 'meter-000009'")
event = trace_table(trace)["activity"].loc[lambda a: a.str.contains("tombstone cells")].iloc[0]
live, tombstones = (int(word) for word in event.split() if word.isdigit())
answer = (live, tombstones)
print(event, "->", answer)
check("05.3", answer)
