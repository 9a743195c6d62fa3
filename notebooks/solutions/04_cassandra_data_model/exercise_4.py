rows = session.execute("SELECT region, value FROM nb04_model.generation_by_instant "
                       "WHERE type = 'wind' AND day = '2016-01-20' AND ts = '2016-01-20 18:00+0000'")
answer = {row.region: row.value for row in rows if row.region != "DE"}
print(answer)
check("04.4", answer)
