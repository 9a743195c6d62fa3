last_ten = start + pd.Timedelta(minutes=processed)
range_delete = SimpleStatement("DELETE FROM queue WHERE meter_id = 'meter-000004' AND ts < %s", consistency_level=ALL)
session.execute(range_delete, (last_ten.to_pydatetime(),))  # every replica holds it before the read at ONE
rows, trace = traced("SELECT * FROM queue WHERE meter_id = 'meter-000004' LIMIT 1")
event = trace_table(trace)["activity"].loc[lambda a: a.str.contains("tombstone cells")].iloc[0]
answer = int(event.split(" and ")[1].split()[0])
print(rows[0].ts, "|", event)
check("05.4", answer)
