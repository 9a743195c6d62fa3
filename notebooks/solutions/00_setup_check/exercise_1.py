from cassandra.cluster import Cluster

from helpers.sandbox.topology import machine_address

cluster = Cluster([machine_address(1)], protocol_version=5)
session = cluster.connect()
answer = session.execute("SELECT value FROM system_views.system_properties WHERE name = 'java.version'").one().value
cluster.shutdown()
print(answer)
check("00.1", answer)
