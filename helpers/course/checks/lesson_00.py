"""Self-checks of lesson 00 (setup check)."""

from __future__ import annotations

from helpers.course.checks import Hint, exercise


@exercise(
    "00.1",
    answer="the text of the `value` column of the row 'java.version' (a str, e.g. as the driver returns it)",
    wrong=["17", "11.0.20", 17],
    needs_sandbox=True,
    success="that is the Java your node runs on.",
)
def cassandra_java_version(answer):
    """The full java.version string Cassandra node 1 reports in system_views.system_properties."""
    from helpers.cassandra_io.sessions import connect
    from helpers.sandbox.topology import machine_address

    if not isinstance(answer, str):
        raise Hint("Give the version as the text Cassandra returns, e.g. the `value` of the row you selected.")
    session = connect(contact_points=[machine_address(1)])
    try:
        row = session.execute("SELECT value FROM system_views.system_properties WHERE name = 'java.version'").one()
    finally:
        session.cluster.shutdown()
    if answer != row.value:
        raise Hint(
            "Select the `value` of the row named 'java.version' from the virtual table "
            "system_views.system_properties (a node describes its own JVM there)."
        )


@exercise(
    "00.2",
    answer="a sorted list of numbers: the brokers' broker_id",
    wrong=[[3], [0, 1, 2], ["127.0.0.3"]],
    needs_sandbox=True,
    success="one broker knows them all.",
)
def brokers_seen_from_one(answer):
    """The sorted broker ids an admin client learns when it is given broker 3's address only."""
    if isinstance(answer, (str, bytes)) or not all(isinstance(b, int) for b in answer):
        raise Hint("Give a list of numbers: the `broker_id` of each broker describe_cluster() lists, sorted.")
    from kafka import KafkaAdminClient

    from helpers.endpoints import KAFKA_BOOTSTRAP

    admin = KafkaAdminClient(bootstrap_servers=KAFKA_BOOTSTRAP, request_timeout_ms=10_000)
    try:
        expected = sorted(b["broker_id"] for b in admin.describe_cluster()["brokers"])
    finally:
        admin.close()
    if list(answer) != expected:
        raise Hint(
            "Ask KafkaAdminClient(bootstrap_servers=<broker 3 only>).describe_cluster() and sort the "
            "`broker_id` of its brokers: the ids are numbers, not addresses."
        )
