day = session.execute(f"SELECT ts, value FROM {KEYSPACE}.generation WHERE region = 'DE' AND type = 'solar' "
                      "AND ts >= '2016-06-22 00:00:00+0000' AND ts < '2016-06-23 00:00:00+0000'")
answer = max(day, key=lambda row: row.value).ts
print(answer)
check("03.3", answer)
