"""Cassandra: sessions, the course's tables, writing rows, and what the lessons look at.

sessions      connect() for everyday work; plain_session() for the replication lesson (no hidden retries)
schema        the keyspace and the generation table (the seed's table, updated for Cassandra 5)
writes        many rows through one prepared statement, grouped by partition; the generation writer
ring          which token a partition key has, and which nodes hold it
tracing       a query trace as a tidy table, tied to the write and read paths
nodetool_cli  runs Cassandra's nodetool against a sandbox node
nodetool      the nodetool output the lessons need, parsed (status, tablestats, tablehistograms)
hints         hinted handoff: hints waiting on a node, and waiting for their delivery
indexes       Storage-Attached Indexes: wait until one is queryable
outage        stop a node for a while and always start it again
timeline      an outage recorded as it happens: writes acknowledged, hints written, hint files waiting
compaction    wait until a table's background compactions on a node have settled
pictures      the token ring and an outage's timeline, drawn
"""
