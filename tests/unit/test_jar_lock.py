"""sandbox/jars.lock: readable, complete, and made from the poms and versions.env as they are now."""

import pytest

from helpers.sandbox import jarlock, maven
from helpers.sandbox.errors import JarError, MavenError
from helpers.versions import pinned

REGENERATE = "out of date: run `python -m helpers.sandbox lock` (needs Maven) and commit sandbox/jars.lock"


def test_the_lock_parses_and_every_entry_is_complete():
    lock = jarlock.read()
    assert lock.jars and all(lock.of(component) for component in lock.poms)
    for jar in lock.jars:
        assert jarlock.COORDINATES.fullmatch(jar.coordinates), jar
        assert jar.file == jarlock.file_name(jar.coordinates), jar
        assert jarlock.SHA256.fullmatch(jar.sha256) and jar.size > 0, jar
    assert jarlock.parse(lock.render()) == lock


def test_the_lock_covers_every_pom_as_it_is_now():
    lock = jarlock.read()
    assert sorted(lock.poms) == maven.components(), REGENERATE
    for component in maven.components():
        assert lock.poms[component] == maven.pom_sha256(component), f"{component}'s pom changed: {REGENERATE}"


def test_the_lock_was_made_from_versions_env():
    lock = jarlock.read()
    for component in maven.components():
        assert lock.properties[component] == maven.maven_properties(component), f"{component}: {REGENERATE}"
    pins = pinned()
    coordinates = {jar.coordinates for jar in lock.jars}
    for expected in (
        f"org.apache.cassandra:cassandra-all:{pins['CASSANDRA_VERSION']}:jar",
        f"org.apache.kafka:kafka_{pins['KAFKA_SCALA_BINARY_VERSION']}:{pins['KAFKA_VERSION']}:jar",
        f"org.apache.logging.log4j:log4j-core:{pins['LOG4J_VERSION']}:jar",
        f"com.datastax.spark:spark-cassandra-connector_{pins['SCALA_BINARY_VERSION']}:"
        f"{pins['SPARK_CASSANDRA_CONNECTOR_VERSION']}:jar",
        f"org.apache.spark:spark-sql-kafka-0-10_{pins['SCALA_BINARY_VERSION']}:{pins['SPARK_VERSION']}:jar",
    ):
        assert expected in coordinates, f"{expected} is not locked: {REGENERATE}"


def test_a_bad_line_is_named():
    with pytest.raises(JarError, match=r"jars.lock:2: cannot read this line.*python -m helpers.sandbox lock"):
        jarlock.parse("component demo pom-sha256=00\njar demo org.example:demo:1.0:jar demo-1.0.jar abc 12\n")


def test_poms_are_discovered_and_get_their_properties_from_versions_env(monkeypatch, tmp_path):
    pom = tmp_path / "jolokia" / "pom.xml"
    pom.parent.mkdir()
    pom.write_text(
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><properties><own.version>1</own.version></properties>'
        "<version>${jolokia.version}</version><x>${own.version}</x><y>${project.version}</y></project>"
    )
    (tmp_path / "notes").mkdir()  # a folder without a pom is not a component
    monkeypatch.setattr(maven, "POM_DIR", tmp_path)
    assert maven.components() == ["jolokia"]
    assert maven.maven_properties("jolokia", {"JOLOKIA_VERSION": "2.1.0", "KAFKA_VERSION": "4"}) == {
        "jolokia.version": "2.1.0"
    }
    with pytest.raises(MavenError, match=r"uses \$\{jolokia.version\} \(JOLOKIA_VERSION\), which versions.env"):
        maven.maven_properties("jolokia", {"KAFKA_VERSION": "4"})


def test_maven_dependency_list_is_read():
    listing = """
The following files have been resolved:
   org.apache.kafka:kafka-clients:jar:3.4.1:compile:/m2/org/apache/kafka/kafka-clients/3.4.1/kafka-clients-3.4.1.jar
   io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.130.Final:runtime:/m2/n/e.jar -- module io.netty.epoll
"""
    assert [coordinates for coordinates, _ in maven.parse_dependency_list(listing)] == [
        "org.apache.kafka:kafka-clients:3.4.1:jar",
        "io.netty:netty-transport-native-epoll:4.1.130.Final:linux-x86_64:jar",
    ]
