def commit_logs_reached(level):
    """How many replicas appended a traced write at this consistency level to their commit log."""
    insert = SimpleStatement("INSERT INTO readings (meter_id, ts, value) "
                             "VALUES ('meter-000005', '2016-03-01 00:00+0000', 42.0)", consistency_level=level)
    events = trace_table(trace_of(session.execute(insert, trace=True)))
    return int(events["activity"].str.startswith("Appending to commitlog").sum())


answer = {"TWO": commit_logs_reached(TWO), "ONE": commit_logs_reached(ONE)}
print(answer)
check("06.3", answer)
