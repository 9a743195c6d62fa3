"""The course's default dataset in Cassandra: the embedded generator's 2016, every series.

``ensure_default_dataset()`` is what lessons call first: it counts the rows of 2016 in the
ten partitions (solar and wind for DE and the four control areas) and loads the generated
data only when that count is not exactly the expected one.
"""

from __future__ import annotations

import functools

from cassandra import OperationTimedOut, ReadTimeout
from cassandra.cluster import Session
from tqdm.auto import tqdm

from helpers.cassandra_io.schema import DEFAULT_KEYSPACE, GENERATION_TABLE, create_generation_table
from helpers.cassandra_io.sessions import connect
from helpers.cassandra_io.writes import GenerationWriter
from helpers.common.waiting import with_retries
from helpers.data.generation import DEFAULT_SEED, INTERVAL, generation_chunks
from helpers.data.schema import REGIONS, TYPES
from helpers.data.timeaxis import grid, utc

DEFAULT_START = "2016-01-01"
DEFAULT_END = "2017-01-01"


def expected_rows(start=DEFAULT_START, end=DEFAULT_END) -> int:
    """Rows of all series over [start, end): one per 15 minutes, type and region."""
    return len(grid(start, end, INTERVAL)) * len(TYPES) * len(REGIONS)


def count_rows(session: Session, keyspace: str, table: str, start=DEFAULT_START, end=DEFAULT_END) -> int:
    """Rows with ts in [start, end) in the ten partitions, counted one partition at a time.

    A count reads a whole partition (35,000 rows) from two replicas; on a busy laptop just after
    the sandbox starts that can exceed the read timeout, so each count is tried three times.
    """
    query = session.prepare(
        f"SELECT count(*) FROM {keyspace}.{table} WHERE region = ? AND type = ? AND ts >= ? AND ts < ?"
    )
    bounds = (utc(start).to_pydatetime(), utc(end).to_pydatetime())

    def count(region: str, kind: str) -> int:
        return session.execute(query, (region, kind, *bounds), timeout=60).one()[0]

    return sum(
        with_retries(functools.partial(count, region, kind), attempts=3, retry_on=(ReadTimeout, OperationTimedOut))
        for region in REGIONS
        for kind in TYPES
    )


def ensure_default_dataset(
    session: Session | None = None,
    keyspace: str = DEFAULT_KEYSPACE,
    table: str = GENERATION_TABLE,
    progress: bool = True,
) -> int:
    """Make sure ``keyspace.table`` holds the default dataset (2016, seed 47); return its row count.

    Quick when it is already there (ten counts); otherwise generates and upserts it.
    """
    own = session is None
    session = session or connect()
    try:
        create_generation_table(session, keyspace, table)
        expected = expected_rows()
        if count_rows(session, keyspace, table) == expected:
            return expected
        writer = GenerationWriter(session, keyspace, table)
        with tqdm(total=expected, unit="rows", unit_scale=True, desc="default dataset", disable=not progress) as bar:
            for chunk in generation_chunks(DEFAULT_START, DEFAULT_END, DEFAULT_SEED):
                bar.update(writer.write(chunk))
        return count_rows(session, keyspace, table)
    finally:
        if own:
            session.cluster.shutdown()
