"""Kafka's own Java console consumers, for what kafka-python cannot do yet: share groups (KIP-932)
and the new consumer group protocol (KIP-848).

    with ConsoleConsumer(topic, "nb02_queue", share=True) as reader:   # kafka-console-share-consumer
        ...
    reader.records    # [(partition, offset, delivery count or None, value)], as printed

Each runs the tool's main class from the sandbox's Kafka jars in its own JVM (about 2-5 s to start).
"""

from __future__ import annotations

import re
import subprocess
import threading

from helpers.common.children import terminate
from helpers.endpoints import kafka_bootstrap
from helpers.sandbox import artifacts
from helpers.sandbox.java import check_java

SHARE_CONSUMER = "org.apache.kafka.tools.consumer.ConsoleShareConsumer"
CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer"
LINE = re.compile(r"^Partition:(\d+)\s+Offset:(\d+)\s+(?:Delivery:(\d+)\s+)?(.*)$")


class ConsoleConsumer:
    """``kafka-console-share-consumer`` (``share=True``) or ``kafka-console-consumer`` with
    ``group.protocol=consumer`` (KIP-848), reading ``topic`` as a member of ``group``."""

    def __init__(self, topic: str, group: str, share: bool = False, bootstrap: str | None = None):
        self.topic, self.group, self.share, self.bootstrap = topic, group, share, bootstrap or kafka_bootstrap()
        self.records: list[tuple[int, int, int | None, str]] = []
        self.other_output: list[str] = []
        self._process: subprocess.Popen | None = None
        self._reader: threading.Thread | None = None

    def argv(self) -> list[str]:
        tool = [SHARE_CONSUMER] if self.share else [CONSUMER, "--consumer-property", "group.protocol=consumer"]
        printed = ["print.partition=true", "print.offset=true"] + (["print.delivery=true"] if self.share else [])
        return [
            check_java(),
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            artifacts.classpath("kafka"),
            *tool,
            "--bootstrap-server",
            self.bootstrap,
            "--topic",
            self.topic,
            "--group",
            self.group,
            *[option for p in printed for option in ("--property", p)],
        ]

    def start(self) -> ConsoleConsumer:
        self._process = subprocess.Popen(
            self.argv(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def _read(self) -> None:
        for line in self._process.stdout:
            found = LINE.match(line.rstrip("\n"))
            if found:
                partition, offset, delivery, value = found.groups()
                self.records.append((int(partition), int(offset), int(delivery) if delivery else None, value))
            else:
                self.other_output.append(line.rstrip("\n"))

    def stop(self, timeout_s: float = 20.0) -> None:
        """SIGTERM (the tool closes its consumer and leaves the group), then SIGKILL if it hangs."""
        terminate(self._process, timeout_s)
        if self._reader is not None:
            self._reader.join(5)

    def __enter__(self) -> ConsoleConsumer:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()
