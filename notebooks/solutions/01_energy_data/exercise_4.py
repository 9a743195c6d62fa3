cql = """SELECT ts, value FROM generation WHERE region = 'DE' AND type = 'solar'
AND ts >= '2016-06-21 11:00:00+0000' AND ts < '2016-06-21 12:00:00+0000' ORDER BY ts ASC"""
answer = [(r.ts.strftime("%H:%M"), r.value) for r in session.execute(cql)]
print(answer)
check("01.4", answer)
