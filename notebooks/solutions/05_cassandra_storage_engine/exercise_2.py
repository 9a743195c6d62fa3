session.execute("CREATE TABLE meter_90d (meter_id text, ts timestamp, value double, PRIMARY KEY (meter_id, ts)) "
                "WITH default_time_to_live = 7776000 "                      # 90 days in seconds
                "AND compaction = {'class': 'TimeWindowCompactionStrategy', "
                "'compaction_window_unit': 'DAYS', 'compaction_window_size': 3}", timeout=60)  # 90 / 3 = 30 windows
schema = session.execute("SELECT default_time_to_live, compaction FROM system_schema.tables "
                         "WHERE keyspace_name = 'nb05_storage' AND table_name = 'meter_90d'").one()
answer = {"default_time_to_live": schema.default_time_to_live, "compaction": dict(schema.compaction)}
print(answer)
check("05.2", answer)
