node3 = host(session, nodes.loc[nodes["name"] == "cassandra3", "node"].iloc[0])
answer = replicas_that("SELECT * FROM readings WHERE meter_id = 'meter-000004'", QUORUM,
                       "Executing single-partition query", coordinator=node3)
print(answer)
check("06.2", answer)
