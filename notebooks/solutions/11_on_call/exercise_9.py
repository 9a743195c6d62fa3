import datetime as dt

from helpers.cassandra_io.sessions import connect

session = connect()
rows = session.execute("""SELECT ts, value, WRITETIME(value) AS written FROM nb11_corrections.generation
                          WHERE region = 'DE' AND type = 'wind' AND ts >= '2016-10-18 12:00' AND ts <= '2016-10-18 12:30'""")
for row in rows:
    print(row.ts, row.value, dt.datetime.fromtimestamp(row.written / 1e6, dt.UTC))
session.cluster.shutdown()
answer = {"component": "writer", "cause": "B"}
check("11.9", answer)
