"""Render the servers' configuration files: cassandra.yaml, JVM options, Kafka's server.properties.

Everything binds to loopback addresses only, and every heap is set explicitly.
"""

from __future__ import annotations

from pathlib import Path

import yaml

CASSANDRA_CLUSTER_NAME = "energy-workshop"
# One token per node, evenly spaced. A node is the first replica of the ring range that ends at its
# token: node 2 (token 0) of (-6148914691236517206, 0], node 3 of (0, 6148914691236517205], node 1 of
# the rest (the range that wraps around). Cassandra 4.0+ defaults to 16 virtual nodes per node, which
# spreads data and load better on real clusters; one token per node keeps the ring small enough to
# draw and every placement easy to follow in the replication lesson.
CASSANDRA_TOKENS = {1: "-6148914691236517206", 2: "0", 3: "6148914691236517205"}


def cassandra_yaml(node: int, address: str, seeds: list[str], home: Path) -> str:
    """cassandra.yaml for one node; all nodes keep the standard ports on their own address."""
    config = {
        "cluster_name": CASSANDRA_CLUSTER_NAME,
        "num_tokens": 1,
        "initial_token": CASSANDRA_TOKENS[node],
        "partitioner": "org.apache.cassandra.dht.Murmur3Partitioner",
        "endpoint_snitch": "SimpleSnitch",
        "seed_provider": [
            {
                "class_name": "org.apache.cassandra.locator.SimpleSeedProvider",
                "parameters": [{"seeds": ",".join(f"{s}:7000" for s in seeds)}],
            }
        ],
        "listen_address": address,
        "rpc_address": address,
        "storage_port": 7000,
        "native_transport_port": 9042,
        "start_native_transport": True,
        "data_file_directories": [str(home / "data")],
        "commitlog_directory": str(home / "commitlog"),
        "hints_directory": str(home / "hints"),
        "saved_caches_directory": str(home / "saved_caches"),
        "cdc_raw_directory": str(home / "cdc_raw"),
        "commitlog_sync": "periodic",
        "commitlog_sync_period": "10000ms",
        "commitlog_segment_size": "16MiB",
        "hinted_handoff_enabled": True,
        # 3 h, written as JMX (nodetool setmaxhintwindow) writes it back: after lesson 11 shortens and restores it,
        # system_views.settings shows the same text as before
        "max_hint_window": "10800000ms",
        "hints_flush_period": "1000ms",
        "authenticator": "AllowAllAuthenticator",
        "authorizer": "AllowAllAuthorizer",
        "concurrent_reads": 8,
        "concurrent_writes": 16,
        "concurrent_compactors": 1,
        "key_cache_size": "8MiB",
        "file_cache_size": "32MiB",
        "memtable_heap_space": "96MiB",
        "memtable_offheap_space": "32MiB",
        "read_request_timeout": "10000ms",
        "write_request_timeout": "5000ms",
        "range_request_timeout": "20000ms",
        "request_timeout": "20000ms",
        "storage_compatibility_mode": "NONE",
        "sasi_indexes_enabled": False,
        "materialized_views_enabled": False,
        "default_secondary_index": "sai",
        "default_secondary_index_enabled": True,
        "tombstone_warn_threshold": 10000,
        "batch_size_warn_threshold": "64KiB",
        "batch_size_fail_threshold": "640KiB",
        "unlogged_batch_across_partitions_warn_threshold": 100,
        "auto_snapshot": False,
        "snapshot_on_duplicate_row_detection": False,
        # Off, so that a read at ONE goes to the first replica of its token, always: the replication
        # lesson can then show a stale replica answering. (On, replicas are ranked by measured latency.)
        "dynamic_snitch": False,
    }
    return yaml.safe_dump(config, sort_keys=False)


CASSANDRA_LOGBACK = """<configuration scan="false">
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.apache.cassandra" level="INFO"/>
  <logger name="com.thinkaurelius.thrift" level="ERROR"/>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
"""

# From Cassandra 5.0's conf/jvm17-server.options and conf/jvm-server.options (the parts that
# matter off a tarball install). Cassandra needs these module openings on Java 17.
CASSANDRA_VM_OPTIONS = """
-XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:MaxTenuringThreshold=1 -XX:G1HeapRegionSize=4m
-XX:G1RSetUpdatingPauseTimePercent=5 -XX:MaxGCPauseMillis=300 -XX:InitiatingHeapOccupancyPercent=70
-Xss256k -XX:StringTableSize=1000003 -XX:+PerfDisableSharedMem -XX:+HeapDumpOnOutOfMemoryError
-XX:CICompilerCount=2
-Djava.net.preferIPv4Stack=true -Djdk.nio.maxCachedBufferSize=262144
""".split()

# Module openings Cassandra (server and tools such as nodetool) needs on Java 17.
CASSANDRA_JAVA17_MODULE_OPTIONS = """
-Djdk.attach.allowAttachSelf=true
--add-exports java.base/jdk.internal.misc=ALL-UNNAMED
--add-exports java.base/jdk.internal.ref=ALL-UNNAMED
--add-exports java.base/sun.nio.ch=ALL-UNNAMED
--add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
--add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED
--add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
--add-exports java.sql/java.sql=ALL-UNNAMED
--add-exports java.base/java.lang.ref=ALL-UNNAMED
--add-exports jdk.unsupported/sun.misc=ALL-UNNAMED
--add-opens java.base/java.lang.module=ALL-UNNAMED
--add-opens java.base/jdk.internal.loader=ALL-UNNAMED
--add-opens java.base/jdk.internal.ref=ALL-UNNAMED
--add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
--add-opens java.base/jdk.internal.math=ALL-UNNAMED
--add-opens java.base/jdk.internal.module=ALL-UNNAMED
--add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED
--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
--add-opens java.base/sun.nio.ch=ALL-UNNAMED
--add-opens java.base/java.io=ALL-UNNAMED
--add-opens java.base/java.nio=ALL-UNNAMED
--add-opens java.base/java.lang.reflect=ALL-UNNAMED
--add-opens java.base/java.lang=ALL-UNNAMED
--add-opens java.base/java.util=ALL-UNNAMED
--add-opens java.base/java.util.concurrent=ALL-UNNAMED
--add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED
--add-opens java.base/java.net=ALL-UNNAMED
-Dio.netty.tryReflectionSetAccessible=true
-Dio.netty.allocator.useCacheForAllThreads=true
-Dio.netty.allocator.maxOrder=11
""".split()


def cassandra_jvm_options(home: Path, heap: str, jmx_port: int, agent: str) -> list[str]:
    """JVM options for one Cassandra node: fixed heap, local-only JMX, the JMX-over-HTTP `agent`
    (helpers.sandbox.jolokia.agent_option), this node's folders."""
    return [
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-XX:MaxDirectMemorySize=192m",
        *CASSANDRA_VM_OPTIONS,
        *CASSANDRA_JAVA17_MODULE_OPTIONS,
        f"-Dcassandra.jmx.local.port={jmx_port}",
        agent,
        f"-Dcassandra.config=file://{home / 'conf' / 'cassandra.yaml'}",
        f"-Dlogback.configurationFile=file://{home / 'conf' / 'logback.xml'}",
        f"-Dcassandra.logdir={home / 'logs'}",
        f"-Dcassandra.storagedir={home}",
        "-Dcassandra-foreground=yes",
        "-Dcassandra.skip_wait_for_gossip_to_settle=0",
        "-Dcassandra.ring_delay_ms=2000",
        "-Dcassandra.consistent.rangemovement=false",
    ]


def render_properties(settings: dict[str, object]) -> str:
    """``key=value`` lines, as Java's .properties files want them."""
    return "".join(f"{key}={value}\n" for key, value in settings.items())


def kafka_server_properties(
    node_id: int, address: str, port: int, controller_port: int, voters: dict[int, str], log_dir: Path
) -> str:
    """One broker that is also a KRaft controller (no ZooKeeper); ``voters`` maps each controller's
    node id to its address. With three voters the cluster keeps a metadata quorum with one lost.

    Topics default to one replica per broker, at most three, and writes with acks=all need
    ``min.insync.replicas`` in-sync copies: 2 of 3 here, so one broker can fail without losing an
    acknowledged message and without stopping producers.
    """
    replicas = min(3, len(voters))
    min_isr = 2 if replicas == 3 else 1
    settings = {
        "process.roles": "broker,controller",
        "node.id": node_id,
        "controller.quorum.voters": ",".join(f"{n}@{a}:{controller_port}" for n, a in sorted(voters.items())),
        "listeners": f"PLAINTEXT://{address}:{port},CONTROLLER://{address}:{controller_port}",
        "advertised.listeners": f"PLAINTEXT://{address}:{port},CONTROLLER://{address}:{controller_port}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs": log_dir,
        "num.partitions": 3,
        "default.replication.factor": replicas,
        "min.insync.replicas": min_isr,
        "offsets.topic.replication.factor": replicas,
        "offsets.topic.num.partitions": 6,
        "transaction.state.log.replication.factor": replicas,
        "transaction.state.log.min.isr": min_isr,
        "share.coordinator.state.topic.replication.factor": replicas,
        "share.coordinator.state.topic.min.isr": min_isr,
        # A broker that stops heart-beating is fenced after 6 s (default 9 s), so failovers show quickly.
        "broker.session.timeout.ms": 6000,
        "broker.heartbeat.interval.ms": 1000,
        # The metadata quorum's own timeouts, roomier than the defaults (1 s, 2 s): on a busy two-core laptop
        # the three controllers would otherwise keep electing and losing leaders while the JVMs warm up.
        "controller.quorum.election.timeout.ms": 3000,
        "controller.quorum.fetch.timeout.ms": 6000,
        # How long a starting broker waits to register with the controller before it gives up (default 60 s).
        "initial.broker.registration.timeout.ms": 180000,
        "group.initial.rebalance.delay.ms": 0,
        "log.retention.hours": 168,
        "log.segment.bytes": 67108864,
        "num.network.threads": 2,
        "num.io.threads": 4,
        "num.replica.fetchers": 1,
        # The log cleaner's dedupe buffer lives on the heap: 128 MiB by default, half of the broker's. The
        # compacted topics here (__consumer_offsets and the like) are a few MB, and 16 MiB covers them.
        "log.cleaner.dedupe.buffer.size": 16 * 2**20,
        "auto.create.topics.enable": "true",
    }
    return render_properties(settings)


KAFKA_LOG4J2 = """status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
"""
