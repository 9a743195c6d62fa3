answer = traced("""SELECT ts, value FROM nb04_model.generation
                   WHERE region = 'DE' AND type = 'solar'
                   AND ts >= '2016-01-15 00:00+0000' AND ts < '2016-01-16 00:00+0000'
                   AND value > 5000 ALLOW FILTERING""")
print(answer)
check("04.2", answer)
