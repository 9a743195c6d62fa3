"""Loading a long-format CSV into the generation table: validate chunk by chunk, store the valid rows.

Malformed rows go to the rejects file (line number, reason, raw line) via the data
package's validator; the counts reconcile: loaded + rejected == input rows.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cassandra.cluster import Session
from tqdm.auto import tqdm

from helpers.cassandra_io.schema import GENERATION_TABLE, create_generation_table
from helpers.cassandra_io.writes import BATCH_ROWS, CONCURRENCY, GenerationWriter
from helpers.data.validate import CsvValidation

CHUNK_ROWS = 100_000


@dataclass(frozen=True)
class LoadReport:
    """What one load did: input rows, rows stored, rows set aside, wall time."""

    rows: int
    loaded: int
    rejected: int
    seconds: float
    rejects_path: Path

    @property
    def rows_per_second(self) -> float:
        return self.loaded / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        where = f"; rejects in {self.rejects_path}" if self.rejected else ""
        return (
            f"{self.loaded} rows loaded, {self.rejected} rows rejected (of {self.rows}) "
            f"in {self.seconds:.1f} s: {self.rows_per_second:,.0f} rows/s{where}"
        )


def data_rows(path) -> int:
    """Lines after the header, for the progress bar's total."""
    with open(path, "rb") as source:
        return max(0, sum(block.count(b"\n") for block in iter(lambda: source.read(1 << 20), b"")) - 1)


def read_ahead(items: Iterable) -> Iterator:
    """Yield the items of ``items`` while a thread already produces the next one (validation overlaps writing)."""
    source = iter(items)
    done = object()
    with ThreadPoolExecutor(max_workers=1) as thread:
        upcoming = thread.submit(next, source, done)
        while (item := upcoming.result()) is not done:
            upcoming = thread.submit(next, source, done)
            yield item


def load_generation_csv(
    session: Session,
    csv,
    keyspace: str,
    table: str = GENERATION_TABLE,
    rejects=None,
    progress: bool = True,
    chunk_rows: int = CHUNK_ROWS,
    batch_rows: int = BATCH_ROWS,
    concurrency: int = CONCURRENCY,
) -> LoadReport:
    """Validate ``csv`` and upsert its valid rows into ``keyspace.table`` (created if missing).

    ``rejects`` (default: ``<csv stem>_rejects.csv`` next to the input) receives every
    malformed row. A wrong header raises :class:`helpers.data.validate.HeaderError` before
    anything is written.
    """
    csv = Path(csv)
    rejects = Path(rejects) if rejects else csv.with_name(f"{csv.stem}_rejects.csv")
    validation = CsvValidation(csv, rejects, chunk_rows=chunk_rows)
    create_generation_table(session, keyspace, table)
    writer = GenerationWriter(session, keyspace, table, batch_rows, concurrency)
    started = time.perf_counter()
    with tqdm(total=data_rows(csv), unit="rows", unit_scale=True, desc=f"load {csv.name}", disable=not progress) as bar:
        for valid in read_ahead(validation):
            bar.update(writer.write(valid))
        bar.update(validation.rejected)
    return LoadReport(validation.rows, validation.valid, validation.rejected, time.perf_counter() - started, rejects)
