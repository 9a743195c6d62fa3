answer = session.execute(SimpleStatement("SELECT count(*) FROM readings WHERE meter_id = 'meter-000002'",
                                         consistency_level=ONE)).one()[0]
print(answer)
check("06.4", answer)
