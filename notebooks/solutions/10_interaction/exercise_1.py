newest_asc = session.execute("""SELECT ts, value FROM nb10_live.generation_asc
                               WHERE region = 'DE' AND type = 'wind' ORDER BY ts DESC LIMIT 1""").one()
print(newest_asc)
answer = newest_asc
check("10.1", answer)
