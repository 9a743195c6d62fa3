"""The live alert job (lesson 10, section 4): a fault driven through Kafka reaches the alerts table through
the streaming query, within a minute of its reading's Kafka timestamp; the storm beside it raises none."""

import tempfile

import pandas as pd
import pytest

from helpers.alerts.curve import write_power_curve
from helpers.alerts.job import alert_latency_s, create_alert_tables, start_alerts
from helpers.alerts.scenario import STORM_AND_FAULT
from helpers.cassandra_io.schema import create_keyspace
from helpers.cassandra_io.sessions import connect
from helpers.common.waiting import wait_until
from helpers.kafka_io import create_topic, delete_topics
from helpers.load import ensure_default_dataset
from helpers.spark import spark_session
from helpers.spark.rollups import ensure_default_rollups
from helpers.stream import Simulation

pytestmark = pytest.mark.sandbox
LIMIT_S = 60.0


@pytest.fixture(scope="module")
def session(sandbox):
    session = connect()
    ensure_default_dataset(progress=False)
    ensure_default_rollups(session)
    write_power_curve(session)
    yield session
    session.cluster.shutdown()


def test_a_fault_through_kafka_reaches_the_alerts_and_the_storm_does_not(session, unique_name):
    create_keyspace(session, unique_name, replication_factor=2)
    create_alert_tables(session, unique_name)
    create_topic(unique_name, partitions=3, recreate=True)
    spark = spark_session("test-live-alerts", wait_for_executors=False)
    query = start_alerts(spark, unique_name, unique_name, tempfile.mkdtemp())
    try:
        wait_until(lambda: query.lastProgress is not None, timeout_s=120, what="the alert query's first micro-batch")
        Simulation(unique_name, speed=3 * 3600, start="2016-10-17", end="2016-10-18", scenario=STORM_AND_FAULT).run()
        query.processAllAvailable()
        assert query.exception() is None
        rows = session.execute(f"SELECT region, type, ts FROM {unique_name}.alerts")
        alerts = pd.DataFrame(list(rows), columns=["region", "type", "ts"])
        fault = STORM_AND_FAULT.faults[0]
        expected = pd.date_range(fault.start, fault.end, freq="15min")
        found = alerts[(alerts["region"] == fault.region) & (alerts["type"] == fault.type)]
        assert sorted(found["ts"]) == list(expected), "every quarter-hour of the outage is an alert"
        storm = STORM_AND_FAULT.storms[0]
        storm_alerts = alerts[(alerts["region"] == storm.region) & (alerts["type"] == "wind")]
        assert storm_alerts.empty, "the storm raised an alert"
        latencies = alert_latency_s(session, unique_name)
        assert latencies and max(latencies) <= LIMIT_S, f"alert rows {max(latencies):.1f} s after Kafka"
    finally:
        query.stop()
        spark.stop()
        session.execute(f"DROP KEYSPACE IF EXISTS {unique_name}")
        delete_topics(unique_name)
