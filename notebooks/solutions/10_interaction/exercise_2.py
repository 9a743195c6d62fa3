rows = session.execute("""SELECT day, energy_mwh FROM energydata.generation_daily
                          WHERE region = 'DE' AND type = 'solar' AND day < '2016-10-16' LIMIT 7""")
week = [(r.day.date(), r.energy_mwh) for r in rows]
print(week[0], "...", week[-1])
answer = week
check("10.2", answer)
