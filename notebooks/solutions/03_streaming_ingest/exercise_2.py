answer = session.execute(f"SELECT WRITETIME(value) FROM {KEYSPACE}.with_ts "
                         "WHERE region = 'DE' AND type = 'solar' AND ts = '2016-06-21 12:00:00+0000'").one()[0]
check("03.2", answer)
