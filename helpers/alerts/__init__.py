"""Live alerts: readings scored against the weather as they arrive (lesson 10, section 4).

curve     the power-curve table the alert job joins with: lesson 09's curve, fitted again and stored
scenario  what the lesson replays: station readings on each message, a storm and a fault injected
job       the Spark Structured Streaming query: Kafka, a stream-static join, alerts upserted into Cassandra
"""
