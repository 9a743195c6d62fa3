"""Cassandra: sessions, the course's tables, writing rows, and what the lessons look at.

sessions      connect() for everyday work; plain_session() for the replication lesson (no hidden retries)
schema        the keyspace and the generation table (the seed's table, updated for Cassandra 5)
writes        many rows through one prepared statement, grouped by partition; the generation writer
ring          which token a partition key has, and which nodes hold it
tracing       a query trace as a tidy table, tied to the write and read paths
jmx           JMX over HTTP (the Jolokia agent on every node): read, write, execute, search, notifications
nodetool      what the lessons ask nodetool, from the same MBeans (status, flush, tablestats, hints ...)
histograms    Cassandra's estimated histograms summarised as nodetool tablehistograms does
repair        nodetool repair: repairAsync, its progress notifications, its final status
sstables      each SSTable's write-time range (sstablemetadata), for compaction by time window
hints         hinted handoff: hints waiting on a node, and waiting for their delivery
indexes       Storage-Attached Indexes: wait until one is queryable
outage        stop a node for a while and always start it again
timeline      an outage recorded as it happens: writes acknowledged, hints written, hint files waiting
compaction    wait until a table's background compactions on a node have settled
pictures      the token ring and an outage's timeline, drawn
"""
