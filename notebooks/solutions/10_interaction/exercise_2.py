rows = list(session.execute(f"SELECT ts FROM {KEYSPACE}.generation WHERE region = 'DE' AND type = 'wind' LIMIT 3"))
print([r.ts.isoformat() for r in rows])
# Newest first: the first row of the partition is the newest one, so LIMIT 1 reads one row. With
# ASC order the query would need ORDER BY ts DESC (allowed, but read in reverse, which is slower).
