cql = """SELECT region, ts, value FROM nb04_model.generation
         WHERE region IN ('DE', '50hertz', 'amprion', 'tennet', 'transnetbw') AND type = 'wind'
         PER PARTITION LIMIT 1"""
answer = {row.region: row.value for row in session.execute(cql)}
print(answer)
check("04.1", answer)
