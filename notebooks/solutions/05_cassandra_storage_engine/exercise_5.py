session.execute("CREATE TABLE generation_levelled (region text, type text, ts timestamp, value double, "
                "PRIMARY KEY ((region, type), ts)) WITH compaction = "
                "{'class': 'UnifiedCompactionStrategy', 'scaling_parameters': 'L10'}", timeout=60)
answer = session.execute("SELECT compaction FROM system_schema.tables WHERE keyspace_name = 'nb05_storage' "
                         "AND table_name = 'generation_levelled'").one().compaction
print(answer)
check("05.5", answer)
