"""Helpers for the workshop "Energy Time Series Storage and Analytics".

The notebooks import these modules so that they can show the idea they teach
(the CQL, the producer call, the Spark plan) and leave the plumbing here. One package per stage:

sandbox       the local servers (Kafka, Cassandra, Spark) as JVM processes: start, stop, status
data          the embedded generator, weather stations, smart meters, OPSD downloads, validation
kafka_io      Kafka clients, topics, keyed JSON messages, offsets and lag; a Connect worker
stream        the stream simulator: replay generation rows into Kafka
ingest        the consumer group that stores Kafka messages in Cassandra, with a dead-letter topic
cassandra_io  Cassandra sessions, schema, writes, and what the lessons look at (ring, traces, nodetool)
load          bulk loading of CSV files and the course's default dataset into Cassandra
spark         the SparkSession, data-locality reports, the lessons' aggregates and streaming job
alerts        live alerts: readings scored against the power curve by a streaming job (lesson 10)
course        course tooling: navigation, attendee versions, the index, the notebook lint
oncall        lesson 11's incidents: inject a fault, judge a repair by the cluster's state, reset
common        what every stage shares: paths, the error root, waiting, downloads, the CLI runner
environment   the one reader of the ENERGY_* settings: the mode (local, docker, cluster), endpoints, folders
endpoints     where the notebooks find the services of the running profile
palette       the plots' colour-blind-safe colours (Okabe-Ito), line styles, markers and hatches
setup_check   the environment check of notebook 00
versions      the pinned versions, read from versions.env
offline       the offline kit: every wheel and jar `make setup` downloads, in one folder
"""
