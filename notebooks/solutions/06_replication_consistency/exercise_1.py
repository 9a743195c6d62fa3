session.execute("INSERT INTO readings (meter_id, ts, value) VALUES ('meter-000042', '2016-03-01 00:00+0000', 0)")
token = session.execute("SELECT token(meter_id) FROM readings WHERE meter_id = 'meter-000042' LIMIT 1").one()[0]
owners = nodes.sort_values("token")
at_or_after = owners[owners["token"] >= token]
answer = (at_or_after if len(at_or_after) else owners).iloc[0]["name"]   # past the last token: wrap around
print(token, answer)
session.execute("DELETE FROM readings WHERE meter_id = 'meter-000042'")
check("06.1", answer)
