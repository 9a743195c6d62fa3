result = session.execute(SimpleStatement("INSERT INTO readings (meter_id, ts, value) "
                                         "VALUES ('meter-000005', '2016-03-01 00:00+0000', 42.0)", consistency_level=TWO),
                         trace=True)
events = trace_table(trace_of(result))
answer = (int(events["activity"].str.startswith("Appending to commitlog").sum()), 2)
print(answer)
check("06.3", answer)
