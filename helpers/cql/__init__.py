"""Cassandra helpers for the data-model (04) and replication (05) lessons.

sessions  sessions for the outage lesson: both contact points, or one node only; no hidden retries
writes    many rows through one prepared statement, grouped by partition
ring      which token a partition key has, and which nodes hold it
tracing   a query trace as a tidy table, tied to the write and read paths
nodetool  the nodetool output the lessons need, parsed (status, tablestats, tablehistograms)
hints     hinted handoff: hints waiting on a node, and waiting for their delivery
outage    stop a node for a while and always start it again
"""
