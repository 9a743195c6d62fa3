from cassandra import ConsistencyLevel

from helpers.cassandra_io import nodetool
from helpers.cassandra_io.sessions import plain_session

for line in nodetool.repair("cassandra3", "nb11_meters", "readings")[-2:]:
    print(line)
node3 = plain_session(consistency=ConsistencyLevel.ONE, only_node=machine_address(3))
query = "SELECT count(*) FROM nb11_meters.readings WHERE meter_id = %s"
answer = {m: node3.execute(query, (m,)).one()[0] for m in ["meter-000001", "meter-000002", "meter-000009"]}
node3.cluster.shutdown()
print(answer)
check("11.4", answer)
