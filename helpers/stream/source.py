"""The rows a replay sends: the embedded generator's, or a long-format CSV's valid rows, in time order."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pandas as pd

from helpers.data import generation_chunks, validate_csv

DEFAULT_START = "2016-06-21"
DEFAULT_END = "2016-06-22"
log = logging.getLogger(__name__)


def replay_frames(csv=None, start=DEFAULT_START, end=DEFAULT_END) -> Iterator[pd.DataFrame]:
    """Long-format frames (ts UTC, type, region, value) of [start, end), ordered by ts.

    Without ``csv`` the embedded generator makes them, month by month. A CSV is validated
    first (helpers.data): its rejected lines are reported (logged as a warning) and not sent.
    """
    if csv is None:
        yield from generation_chunks(start, end)
        return
    frame, validation = validate_csv(csv)
    if validation.rejected:
        log.warning("%s; the rejected lines are not replayed.", validation.summary())
    window = (frame["ts"] >= pd.Timestamp(start, tz="UTC")) & (frame["ts"] < pd.Timestamp(end, tz="UTC"))
    yield frame.loc[window, ["ts", "type", "region", "value"]].sort_values("ts", kind="stable")
