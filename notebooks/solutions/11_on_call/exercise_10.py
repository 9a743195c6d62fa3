import datetime as dt

from cassandra import ConsistencyLevel

from helpers.cassandra_io.sessions import connect

fixed = connect(consistency=ConsistencyLevel.QUORUM)
update = "UPDATE nb11_corrections.generation SET value = %s WHERE region = 'DE' AND type = 'wind' AND ts = %s"
corrections = {"2016-10-18 12:00+0000": 8120.0, "2016-10-18 12:15+0000": 8040.0, "2016-10-18 12:30+0000": 7990.0}
for ts, value in corrections.items():  # no USING TIMESTAMP: stamped with this client's clock, which is right
    fixed.execute(update, (value, dt.datetime.fromisoformat(ts)))
rows = fixed.execute("""SELECT ts, value FROM nb11_corrections.generation
                        WHERE region = 'DE' AND type = 'wind' AND ts >= '2016-10-18 12:00' AND ts <= '2016-10-18 12:30'""")
answer = sorted((row.ts, row.value) for row in rows)
answer = [value for _, value in answer]
fixed.cluster.shutdown()
print(answer)
check("11.10", answer)
