session.execute("""CREATE TABLE nb04_model.generation_by_month (
    region text, type text, month text, ts timestamp, value double,
    PRIMARY KEY ((region, type, month), ts)) WITH CLUSTERING ORDER BY (ts DESC)""")
insert_month = session.prepare(
    "INSERT INTO nb04_model.generation_by_month (region, type, month, ts, value) VALUES (?, ?, ?, ?, ?)")
monthly = january.assign(region=january["region"].astype(str), type=january["type"].astype(str),
                         month=january["ts"].dt.strftime("%Y-%m")).sort_values(["region", "type", "ts"])
write_rows(session, insert_month, monthly[["region", "type", "month", "ts", "value"]].itertuples(index=False, name=None),
           partition_of=lambda row: row[:3])
print(pd.DataFrame(session.execute("SELECT ts, value FROM nb04_model.generation_by_month "
                                   "WHERE region = 'DE' AND type = 'wind' AND month = '2016-01' LIMIT 3")).to_string(index=False))
print(len(list(session.execute("SELECT DISTINCT region, type, month FROM nb04_model.generation_by_month"))), "partitions")
