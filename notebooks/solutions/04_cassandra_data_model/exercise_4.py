statement = SimpleStatement("SELECT region, value FROM nb04_model.generation_by_instant "
                            "WHERE type = 'wind' AND day = '2016-01-20' AND ts = '2016-01-20 18:00+0000'",
                            consistency_level=ConsistencyLevel.ONE)
result = session.execute(statement, trace=True)
values = {row.region: row.value for row in result if row.region != "DE"}
activity = trace_table(trace_of(result))["activity"]
answer = (values, int(activity.str.startswith("Executing single-partition query").sum()))
print(answer)
check("04.4", answer)
