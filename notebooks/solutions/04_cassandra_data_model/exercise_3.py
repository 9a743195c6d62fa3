session.execute("ALTER TABLE nb04_model.meter_by_month WITH speculative_retry = 'NONE'")
rows, boundary_trace = traced("SELECT ts, value FROM nb04_model.meter_by_month "
                              "WHERE meter_id = 'meter-000001' AND month IN ('2016-01', '2016-02') "
                              "AND ts >= '2016-01-31 23:58+0000' AND ts < '2016-02-01 00:02+0000'")
partitions = trace_table(boundary_trace)["activity"].str.startswith("Executing single-partition query").sum()
print(f"{len(rows)} rows returned, {partitions} partitions read, {rows_read(boundary_trace)} rows read")
