"""The real sandbox: versions, three machines, loopback-only sockets, and one round trip per server."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from helpers.cassandra_io import nodetool
from helpers.sandbox import topology
from helpers.sandbox.control import profile_services
from helpers.sandbox.jupyter import jupyter_command
from helpers.sandbox.process import pids_listening
from helpers.sandbox.topology import machine_address
from helpers.versions import pinned

pytestmark = pytest.mark.sandbox

EXPECTED_VERSIONS = {"kafka": "KAFKA_VERSION", "cassandra": "CASSANDRA_VERSION", "spark": "SPARK_VERSION"}


def test_status_json_reports_every_service_up_with_its_real_version(sandbox):
    out = subprocess.run(
        [sys.executable, "-m", "helpers.sandbox", "status", "--json"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [(r["name"], r["machine"]) for r in rows] == [(s.name, s.machine) for s in profile_services()]
    for row in rows:
        assert {"name", "machine", "address", "pid", "state", "version", "uptime_s"} <= row.keys()
        assert row["state"] == "up" and row["pid"] > 0 and row["uptime_s"] > 0, row
        assert row["address"].removeprefix("spark://").startswith(machine_address(row["machine"]) + ":")
        pin = next(v for k, v in EXPECTED_VERSIONS.items() if row["name"].startswith(k))
        assert row["version"] == pinned()[pin], row


def test_the_full_profile_runs_three_machines(sandbox):
    assert len(sandbox) == 10
    for machine in topology.MACHINES:
        kinds = {r["name"].rstrip("0123456789") for r in sandbox if r["machine"] == machine}
        assert {"kafka", "cassandra", "spark-worker"} <= kinds


def test_every_cassandra_node_is_up(sandbox):
    table = nodetool.status("cassandra1")
    assert table["address"].tolist() == [machine_address(m) for m in topology.MACHINES]
    assert set(table["state"]) == {"up"}


def test_no_sandbox_process_listens_beyond_loopback(sandbox):
    sockets = pids_listening([r["pid"] for r in sandbox])
    assert len(sockets) >= 10
    exposed = [(pid, ip, port) for pid, ip, port in sockets if not ip.startswith("127.")]
    assert exposed == [], f"listening beyond loopback: {exposed}"


def test_a_row_written_through_one_node_is_read_through_another(sandbox, unique_name):
    from cassandra import ConsistencyLevel
    from cassandra.query import SimpleStatement

    from helpers.cassandra_io.sessions import connect

    node1, node2 = connect(contact_points=[machine_address(1)]), connect(contact_points=[machine_address(2)])
    try:
        node1.execute(
            f"CREATE KEYSPACE {unique_name} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 3}}"
        )
        node1.execute(f"CREATE TABLE {unique_name}.t (k text PRIMARY KEY, v double)")
        node1.execute(
            SimpleStatement(
                f"INSERT INTO {unique_name}.t (k, v) VALUES ('solar', 31234.5)", consistency_level=ConsistencyLevel.ALL
            )
        )
        node2.cluster.refresh_schema_metadata()
        row = node2.execute(
            SimpleStatement(f"SELECT v FROM {unique_name}.t WHERE k = 'solar'", consistency_level=ConsistencyLevel.ONE)
        ).one()
        assert row.v == 31234.5
        replicas = node2.cluster.metadata.get_replicas(unique_name, b"solar")
        assert sorted(str(h.endpoint.address) for h in replicas) == [machine_address(m) for m in topology.MACHINES]
    finally:
        node1.execute(f"DROP KEYSPACE IF EXISTS {unique_name}")
        node1.cluster.shutdown()
        node2.cluster.shutdown()


def test_kafka_produce_and_consume(sandbox, unique_name):
    from kafka import KafkaConsumer, KafkaProducer

    from helpers.endpoints import KAFKA_BOOTSTRAP

    producer = KafkaProducer(bootstrap_servers=KAFKA_BOOTSTRAP, request_timeout_ms=10000)
    producer.send(unique_name, key=b"DE/solar", value=b'{"value": 30.0}').get(timeout=30)
    producer.close()
    consumer = KafkaConsumer(
        unique_name,
        bootstrap_servers=KAFKA_BOOTSTRAP,
        auto_offset_reset="earliest",
        group_id=unique_name,
        consumer_timeout_ms=20000,
    )
    messages = [(m.key, m.value) for m in consumer]
    consumer.close()
    assert messages == [(b"DE/solar", b'{"value": 30.0}')]


def test_a_spark_job_gets_executors_on_every_worker(sandbox):
    from helpers.spark import spark_session

    spark = spark_session("sandbox-test")
    try:
        sc = spark.sparkContext
        assert sc.master == topology.SPARK_MASTER.endpoint
        api = f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/executors"
        deadline = time.monotonic() + 60
        while True:
            executors = [e for e in json.loads(urllib.request.urlopen(api, timeout=30).read()) if e["id"] != "driver"]
            if len(executors) >= 3 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert sc.parallelize(range(1000), 8).map(lambda x: x * x).sum() == sum(x * x for x in range(1000))
        assert {e["hostPort"].split(":")[0] for e in executors} == {machine_address(m) for m in topology.MACHINES}
    finally:
        spark.stop()


def test_jupyterlab_requires_a_token_and_binds_loopback(tmp_path):
    port, token = 8899, "test-token-123"
    proc = subprocess.Popen(
        jupyter_command(port=port, token=token, open_browser=False),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/status"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}?token={token}", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(0.5)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=5)
        assert refused.value.code == 403
        assert {ip for _, ip, _ in pids_listening([proc.pid])} == {"127.0.0.1"}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
