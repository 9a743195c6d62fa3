event = pd.Timestamp("2016-03-01 12:00", tz="UTC")
session.execute("INSERT INTO generation_backfill (region, type, ts, value) VALUES ('DE', 'solar', %s, 3210.0) "
                "USING TIMESTAMP %s", (event.to_pydatetime(), event.value // 1000))
written = session.execute("SELECT WRITETIME(value) FROM generation_backfill "
                          "WHERE region = 'DE' AND type = 'solar' AND ts = %s", (event.to_pydatetime(),)).one()[0]
answer = pd.Timestamp(written // WEEK_US * WEEK_US, unit="us", tz="UTC").date()
print(written, answer)
check("05.2", answer)
