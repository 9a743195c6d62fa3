from helpers.sandbox.probes import cassandra_node

cassandra_node("127.0.0.2")
