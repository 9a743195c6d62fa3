session.execute("CREATE TABLE nb04_model.meter_by_week (meter_id text, week date, ts timestamp, value double, "
                "PRIMARY KEY ((meter_id, week), ts))", timeout=60)
weekly = readings.assign(week=(readings["ts"] - pd.to_timedelta(readings["ts"].dt.weekday, unit="D")).dt.date)
insert_week = session.prepare("INSERT INTO nb04_model.meter_by_week (meter_id, week, ts, value) VALUES (?, ?, ?, ?)")
write_rows(session, insert_week, weekly[["meter_id", "week", "ts", "value"]].itertuples(index=False, name=None),
           partition_of=lambda row: row[:2], batch_rows=1000, concurrency=8)
keys = list(session.execute("SELECT DISTINCT meter_id, week FROM nb04_model.meter_by_week"))
counts = [session.execute("SELECT count(*) FROM nb04_model.meter_by_week WHERE meter_id = %s AND week = %s",
                          (k.meter_id, k.week)).one()[0] for k in keys]
answer = (len(keys), max(counts))
print(answer)
check("04.3", answer)
