rows = session.execute(SimpleStatement("SELECT meter_id, count(*) AS n FROM readings GROUP BY meter_id",
                                       consistency_level=ONE))
answer = {row.meter_id: row.n for row in rows}
print(dict(sorted(answer.items())))
check("06.5", answer)
