"""What every benchmark shares: the environment record, the ratio entry, and writing the result.

    from common import environment, ratio, write_result      # bench/ is on sys.path for bench/<name>.py

A benchmark builds one document in the common shape (bench/README.md) and hands it to
``write_result``, which writes ``bench/results/<benchmark>.json`` and ``.md`` and refuses a document
that ``bench/report.py`` could not read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from pathlib import Path

from report import RESULTS, shape_problems

from helpers.versions import pinned

SERVERS = {"kafka": "KAFKA_VERSION", "cassandra": "CASSANDRA_VERSION", "spark": "SPARK_VERSION"}


def utc_now() -> str:
    """The date and time of a run, e.g. 2026-11-26T04:21:33Z."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def environment(*servers: str, **extra) -> dict:
    """What the numbers depend on: CPUs, machine, Python, the pinned version of each of ``servers``
    (``"kafka"``, ``"cassandra"``, ``"spark"``), then ``extra`` (which may override any of these), and the date."""
    record = {"cpus": os.cpu_count(), "machine": platform.machine(), "python": platform.python_version()}
    record.update({server: pinned()[SERVERS[server]] for server in servers})
    return {**record, **extra, "date": utc_now()}


def ratio(
    name: str,
    ours: float,
    theirs: float,
    unit: str,
    lower_is_better: bool,
    target: float | None = None,
    against: str | None = None,
    digits: int = 2,
) -> dict:
    """One claim: how many times better ours is than theirs (above 1: ours wins), with the least ratio
    it needs (``target``; None for none). Times and sizes: ``lower_is_better``; throughputs: not."""
    value = theirs / ours if lower_is_better else ours / theirs
    entry = {
        "name": name,
        "ours": ours,
        "theirs": theirs,
        "ratio": round(value, digits),
        "unit": unit,
        "target": target,
    }
    return {**entry, "against": against} if against else entry


def write_result(document: dict, markdown: str, directory: Path = RESULTS) -> Path:
    """Write ``<benchmark>.json`` and ``<benchmark>.md`` into ``directory``; returns the JSON's path.

    Raises ValueError, before writing anything, if the document is not in the shape the report reads."""
    problems = shape_problems(document)
    if problems:
        raise ValueError(f"benchmark result not in the common shape (bench/README.md): {'; '.join(problems)}")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{document['benchmark']}.json"
    path.write_text(json.dumps(document, indent=2) + "\n")
    path.with_suffix(".md").write_text(markdown)
    return path
