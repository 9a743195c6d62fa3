"""A standalone Kafka Connect worker, started from a notebook, running Kafka's built-in file source.

Connect moves data between Kafka and other systems without writing a producer: a
*connector* is configuration, the worker does the reading, converting, producing and
remembering how far it got (its offsets; in standalone mode, in a local file).

    with ConnectStandalone("csv-source", file="readings.csv", topic="readings") as connect:
        print(connect.status())

The worker listens for its REST API on machine 1's address (127.0.0.1) only; its log is ``connect.log`` in its folder
under the sandbox's state folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from helpers.common.children import terminate
from helpers.common.errors import WaitTimeout, WorkshopError
from helpers.common.waiting import wait_until
from helpers.endpoints import kafka_bootstrap
from helpers.kafka_io import require_kafka
from helpers.sandbox import artifacts
from helpers.sandbox.config import KAFKA_LOG4J2, render_properties
from helpers.sandbox.java import check_java
from helpers.sandbox.paths import state_dir
from helpers.sandbox.topology import machine_address


class ConnectError(WorkshopError):
    """The Connect worker failed; the message carries the end of its log."""


FILE_SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector"
STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter"


def worker_settings(offsets_file: Path, port: int, bootstrap: str | None = None) -> dict[str, object]:
    """The worker: where Kafka is, how records become bytes (plain strings), where offsets live."""
    return {
        "bootstrap.servers": bootstrap or kafka_bootstrap(),
        "key.converter": STRING_CONVERTER,
        "value.converter": STRING_CONVERTER,
        "offset.storage.file.filename": offsets_file,
        "offset.flush.interval.ms": 1000,
        "listeners": f"http://{machine_address(1)}:{port}",
        "plugin.discovery": "only_scan",
    }


def file_source_settings(name: str, file: Path, topic: str) -> dict[str, object]:
    """The connector: each line of ``file`` (also lines appended later) becomes one message in ``topic``."""
    return {"name": name, "connector.class": FILE_SOURCE, "tasks.max": 1, "file": file, "topic": topic}


class ConnectStandalone:
    """One standalone worker running one file-source connector named ``name``."""

    def __init__(self, name: str, file, topic: str, port: int = 8083):
        self.name, self.file, self.topic, self.port = name, Path(file).resolve(), topic, port
        self.folder = state_dir() / "connect" / name
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{machine_address(1)}:{self.port}"

    @property
    def log_file(self) -> Path:
        return self.folder / "connect.log"

    def start(self, timeout_s: float = 120.0) -> ConnectStandalone:
        """Write the configuration (forgetting earlier offsets), start the worker, wait until the task runs."""
        require_kafka()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        worker, connector, log4j = (
            self.folder / "worker.properties",
            self.folder / "connector.properties",
            self.folder / "log4j2.properties",
        )
        worker.write_text(render_properties(worker_settings(self.folder / "offsets", self.port)))
        connector.write_text(render_properties(file_source_settings(self.name, self.file, self.topic)))
        log4j.write_text(KAFKA_LOG4J2)
        argv = [
            check_java(),
            "-Xms128m",
            "-Xmx256m",
            "-Djava.net.preferIPv4Stack=true",
            f"-Dlog4j2.configurationFile={log4j}",
            "-cp",
            artifacts.classpath("kafka"),
            "org.apache.kafka.connect.cli.ConnectStandalone",
            str(worker),
            str(connector),
        ]
        with open(self.log_file, "wb") as log:
            self._process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_running(timeout_s)
        return self

    def _wait_running(self, timeout_s: float) -> None:
        try:
            wait_until(self._running, timeout_s, f"the Connect worker to run connector {self.name!r}")
        except WaitTimeout as error:
            self.stop()
            raise WaitTimeout(f"{error} See {self.log_file}:\n{self._log_tail()}") from None

    def _running(self) -> bool:
        """True once the connector and its one task run; raises if the worker has exited."""
        if self._process.poll() is not None:
            raise ConnectError(
                f"The Connect worker exited ({self._process.returncode}); see {self.log_file}:\n{self._log_tail()}"
            )
        state = self.status()
        return bool(
            state and state["connector"]["state"] == "RUNNING" and [t["state"] for t in state["tasks"]] == ["RUNNING"]
        )

    def status(self) -> dict | None:
        """The connector's status from the REST API (GET /connectors/<name>/status); None if no answer."""
        try:
            with urllib.request.urlopen(f"{self.url}/connectors/{self.name}/status", timeout=2) as answer:
                return json.load(answer)
        except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
            return None

    def stop(self, timeout_s: float = 30.0) -> None:
        """Stop the worker (SIGTERM, then SIGKILL); it saves its offsets on the way out."""
        terminate(self._process, timeout_s)

    def _log_tail(self, lines: int = 20) -> str:
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])

    def __enter__(self) -> ConnectStandalone:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()
