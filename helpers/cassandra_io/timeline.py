"""Record an outage as it happens: a steady stream of writes, and the hints the coordinators keep.

A background writer executes one prepared INSERT at a time (its consistency set by the caller) and
counts the acknowledgements. Every half second a sampler reads, on each node, the number of hints it
has written as coordinator (JMX: `org.apache.cassandra.metrics:type=Storage,name=TotalHints`) and the
size of the hint files waiting in its hints directory. A coordinator deletes a hint file once every
hint in it has been delivered, so the bytes waiting fall to zero when delivery is complete. (Cassandra
also counts deliveries, `HintsService` metric `HintsSucceeded`, but a page of hints re-sent after a
timeout is counted again, so it can exceed the hints written.) A node that does not answer keeps its
last values; the counts start from each node's values when the recording starts.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import pandas as pd
from cassandra.cluster import Session
from cassandra.query import PreparedStatement

from helpers.cassandra_io import jmx
from helpers.cassandra_io.hints import hint_files

RETRY_AFTER_S = 2.0
"""A coordinator that is shutting down answers "Server is shutting down" until it closes its connections; the
driver, asked again at once, picks the same replica first (token-aware) and gets the same answer."""
log = logging.getLogger(__name__)

HINTS_WRITTEN = "org.apache.cassandra.metrics:type=Storage,name=TotalHints"


def hints_written(node: str) -> int:
    """Hints `node` has written as coordinator since it started. Raises when the node does not answer."""
    return int(jmx.read(node, HINTS_WRITTEN, "Count"))


def hint_bytes(node: str) -> int:
    """Bytes of hint files waiting in sandbox node `node`'s hints directory."""
    return int(hint_files(node)["bytes"].sum())


class OutageTimeline:
    """`start()`, then `mark("node stopped")` at each event, then `stop()`: samples and marks.

    `row(i)` gives the parameters of the i-th write for `insert`.
    """

    def __init__(
        self,
        session: Session,
        insert: PreparedStatement,
        row: Callable[[int], tuple],
        nodes: list[str],
        writes_per_second: float = 20,
        interval_s: float = 0.5,
    ):
        self.session, self.insert, self.row, self.nodes = session, insert, row, nodes
        self.pause_s, self.interval_s = 1 / writes_per_second, interval_s
        self.acknowledged = self.failed = 0
        self.errors: list[str] = []  # the first few failures, after one retry each
        self.samples: list[dict] = []
        self.marks: list[tuple[float, str]] = []
        self._written: dict[str, int] = {}
        self._baseline: dict[str, int] = {}
        self._stopping = threading.Event()
        self._threads = [
            threading.Thread(target=self._write, daemon=True),
            threading.Thread(target=self._sample, daemon=True),
        ]
        self._started = 0.0

    def start(self) -> OutageTimeline:
        """Read every node's hint count (the baseline), then start writing and sampling."""
        self._baseline = {node: hints_written(node) for node in self.nodes}
        self._written = dict(self._baseline)
        self._started = time.monotonic()
        for thread in self._threads:
            thread.start()
        return self

    def now(self) -> float:
        return time.monotonic() - self._started

    def mark(self, label: str) -> None:
        self.marks.append((self.now(), label))

    def stop(self) -> tuple[pd.DataFrame, list[tuple[float, str]]]:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=30)
        return pd.DataFrame(self.samples), list(self.marks)

    def hints(self) -> int:
        """Hints written by the coordinators since the start, at the last sample."""
        return sum(self._written[n] - self._baseline[n] for n in self.nodes)

    def waiting_bytes(self) -> int:
        """Bytes of hint files waiting on the nodes now."""
        return sum(hint_bytes(node) for node in self.nodes)

    def _write(self) -> None:
        i = 0
        while not self._stopping.is_set():
            for attempt in (1, 2):  # a write whose coordinator shuts down under it is sent again, once
                if attempt == 2:  # after a moment: the driver then knows the node went away and asks another
                    self._stopping.wait(RETRY_AFTER_S)
                try:
                    self.session.execute(self.insert, self.row(i))
                    self.acknowledged += 1
                    break
                except Exception as error:  # noqa: BLE001 - counted and kept: the timeline shows availability
                    if attempt == 2:
                        self.failed += 1
                        if len(self.errors) < 5:
                            self.errors.append(f"{type(error).__name__}: {error}")
                        log.info("write %d failed twice: %s", i, error)
            i += 1
            self._stopping.wait(self.pause_s)

    def _sample(self) -> None:
        while not self._stopping.is_set():
            for node in self.nodes:
                try:
                    self._written[node] = hints_written(node)
                except Exception:  # noqa: BLE001 - a node that is down keeps its last value
                    pass
            self.samples.append(
                {
                    "t": self.now(),
                    "acknowledged": self.acknowledged,
                    "failed": self.failed,
                    "hints written": self.hints(),
                    "KiB waiting": self.waiting_bytes() / 1024,
                }
            )
            self._stopping.wait(self.interval_s)
