"""Validation of the long format: split rows into valid rows and rejects, never lose one.

Two entry points share the same rules and reasons (:class:`Reason`):

- :class:`CsvValidation` checks a CSV file chunk by chunk, vectorised with pandas (the
  bulk loader). Each reject keeps its 1-based line number in the file (the header is
  line 1) and the raw line; valid + rejected always equals the input rows. A wrong header
  is an error for the whole file (:class:`HeaderError`).
- :func:`validate_record` checks one decoded JSON message (the stream ingest).

A row is valid when it has the four fields, ``ts`` parses as ISO 8601 (no offset means
UTC) between 2000-01-01 and one day from now, ``value`` is a finite number >= 0, ``type``
is solar or wind and ``region`` is not empty; the CSV check also rejects a repeated
(ts, type, region) key, keeping the first.
"""
from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.common.errors import WorkshopError

from .rejects import RejectsWriter
from .schema import COLUMNS, HEADER, TYPES
from .timeaxis import utc

EARLIEST = pd.Timestamp("2000-01-01", tz="UTC")
FUTURE_TOLERANCE = pd.Timedelta(days=1)
CHUNK_ROWS = 500_000


class Reason(StrEnum):
    """Why a row or message was rejected. Field-specific reasons end in ``: <field>``."""

    NOT_AN_OBJECT = "not a JSON object"
    WRONG_FIELD_COUNT = "wrong number of fields"
    MISSING = "missing value"
    WRONG_TYPE = "wrong type"
    BAD_TIMESTAMP = "unparsable timestamp"
    TIMESTAMP_RANGE = "timestamp out of range"
    NON_NUMERIC = "non-numeric value"
    NAN = "value is NaN"
    INFINITE = "value is infinite"
    NEGATIVE = "negative value"
    UNKNOWN_TYPE = "unknown type"
    DUPLICATE = "duplicate key"


class HeaderError(WorkshopError, ValueError):
    """The file does not start with the long format's header."""


def _latest(now) -> pd.Timestamp:
    return (pd.Timestamp.now(tz="UTC") if now is None else utc(now)) + FUTURE_TOLERANCE


_EARLIEST = EARLIEST.to_pydatetime()


@functools.lru_cache(maxsize=16)
def _latest_given(now) -> dt.datetime:
    """The future bound for a given ``now``, computed once per ``now`` (the ingest passes one per batch)."""
    return _latest(now).to_pydatetime(warn=False)


_TOLERANCE = FUTURE_TOLERANCE.to_pytimedelta()


def _latest_datetime(now) -> dt.datetime:
    """``_latest(now)`` as a datetime, cheap enough to call once per message."""
    if now is None:
        return dt.datetime.now(dt.UTC) + _TOLERANCE
    try:
        return _latest_given(now)
    except TypeError:  # an unhashable ``now``: not cached
        return _latest(now).to_pydatetime(warn=False)


def validate_record(message, now=None) -> tuple[dict | None, str | None]:
    """Check one message: ``(row, None)`` if valid, else ``(None, reason)``.

    ``row`` has ``ts`` (aware UTC datetime), ``type``, ``region`` and ``value`` (float);
    other keys of the message are ignored. ``now`` (default: the clock) bounds the future.
    """
    if not isinstance(message, dict):
        return None, Reason.NOT_AN_OBJECT
    for name in COLUMNS:
        if message.get(name) is None:
            return None, f"{Reason.MISSING}: {name}"
    for name in ("ts", "type", "region"):
        if not isinstance(message[name], str):
            return None, f"{Reason.WRONG_TYPE}: {name}"
        if not message[name].strip():
            return None, f"{Reason.MISSING}: {name}"
    value = message["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"{Reason.WRONG_TYPE}: value"
    try:
        ts = dt.datetime.fromisoformat(message["ts"].strip())
    except ValueError:
        return None, Reason.BAD_TIMESTAMP
    ts = ts.replace(tzinfo=dt.timezone.utc) if ts.tzinfo is None else ts.astimezone(dt.timezone.utc)
    if not _EARLIEST <= ts <= _latest_datetime(now):
        return None, Reason.TIMESTAMP_RANGE
    value = float(value)
    if math.isnan(value):
        return None, Reason.NAN
    if math.isinf(value):
        return None, Reason.INFINITE
    if value < 0:
        return None, Reason.NEGATIVE
    kind = message["type"].strip()
    if kind not in TYPES:
        return None, Reason.UNKNOWN_TYPE
    return {"ts": ts, "type": kind, "region": message["region"].strip(), "value": value + 0.0}, None


def check_header(line: str, source="input") -> None:
    """Raise :class:`HeaderError` unless ``line`` is the long format's header."""
    found = line.lstrip("\ufeff").strip()
    if found != HEADER:
        raise HeaderError(f"{source}: expected the header line {HEADER!r}, found {found!r}")


class LongFormatChecker:
    """Checks lines of the long format, chunk after chunk, remembering keys across chunks."""

    def __init__(self, now=None):
        self._latest = _latest(now)
        self._seen: dict[tuple[str, str], np.ndarray] = {}  # sorted ts (ns) per (type, region)

    def check(self, lines: list[str], first_line: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        """``(valid, rejects)`` for consecutive data lines, the first at line number ``first_line``.

        valid: ts (datetime64 UTC), type, region, value, line; rejects: line, reason, raw.
        """
        reason = pd.Series(None, index=pd.RangeIndex(len(lines)), dtype=object)

        def reject(mask, why) -> None:
            reason[mask & reason.isna()] = why

        fields, field_count_ok = _split(lines)
        reject(~field_count_ok, Reason.WRONG_FIELD_COUNT)
        for name, column in fields.items():
            reject(column == "", f"{Reason.MISSING}: {name}")
        ts = pd.to_datetime(fields["ts"], format="ISO8601", utc=True, errors="coerce")
        reject(ts.isna(), Reason.BAD_TIMESTAMP)
        reject((ts < EARLIEST) | (ts > self._latest), Reason.TIMESTAMP_RANGE)
        value = pd.to_numeric(fields["value"], errors="coerce")
        nan_text = fields["value"].str.lower().isin(["nan", "+nan", "-nan"])
        reject(value.isna() & ~nan_text, Reason.NON_NUMERIC)
        reject(nan_text, Reason.NAN)
        reject(np.isinf(value), Reason.INFINITE)
        reject(value < 0, Reason.NEGATIVE)
        reject(~fields["type"].isin(TYPES), Reason.UNKNOWN_TYPE)
        reject(self._repeated(ts, fields["type"], fields["region"], reason.isna()), Reason.DUPLICATE)

        line = np.arange(first_line, first_line + len(lines))
        ok = reason.isna().to_numpy()
        valid = pd.DataFrame(
            {
                "ts": ts[ok],
                "type": fields["type"][ok],
                "region": fields["region"][ok],
                "value": value[ok] + 0.0,  # -0.0 becomes 0.0
                "line": line[ok],
            }
        ).reset_index(drop=True)
        raw = np.array(lines, dtype=object)
        rejects = pd.DataFrame({"line": line[~ok], "reason": reason[~ok].to_numpy(), "raw": raw[~ok]})
        return valid, rejects

    def _repeated(self, ts: pd.Series, kind: pd.Series, region: pd.Series, candidates: pd.Series) -> np.ndarray:
        """True for the candidate rows whose key (ts, type, region) came before, in this chunk or an earlier one.

        New keys are remembered per (type, region) as sorted nanosecond timestamps.
        """
        nanoseconds = ts.dt.tz_convert(None).to_numpy().view("int64")
        keys = pd.DataFrame({"ts": nanoseconds, "type": kind, "region": region})[candidates.to_numpy()]
        repeated = pd.Series(False, index=ts.index)
        repeated[keys.index] = keys.duplicated(keep="first")
        firsts = keys[~repeated[keys.index].to_numpy()]
        for series, positions in firsts.groupby(["type", "region"]).indices.items():
            stamps = firsts["ts"].to_numpy()[positions]
            seen = self._seen.get(series, np.empty(0, dtype="int64"))
            known = np.isin(stamps, seen, assume_unique=True)
            repeated[firsts.index[positions][known]] = True
            self._seen[series] = np.sort(np.concatenate([seen, stamps[~known]]), kind="stable")
        return repeated.to_numpy()


def _split(lines: list[str]) -> tuple[dict[str, pd.Series], np.ndarray]:
    """The lines' fields by column name, whitespace-trimmed (pyarrow), and which lines had four fields.

    Lines with another number of fields get four empty fields.
    """
    text = pa.array(lines, type=pa.string())
    four = pc.equal(pc.count_substring(text, ","), len(COLUMNS) - 1)
    parts = pc.split_pattern(pc.if_else(four, text, "," * (len(COLUMNS) - 1)), ",").flatten()
    fields = {
        name: pc.utf8_trim_whitespace(parts.take(pa.array(np.arange(i, len(parts), len(COLUMNS))))).to_pandas()
        for i, name in enumerate(COLUMNS)
    }
    return fields, four.to_numpy(zero_copy_only=False)


class CsvValidation:
    """Validates a long-format CSV file; iterate to get DataFrames of valid rows, chunk by chunk.

    Rejects go to ``rejects_path`` (if given) as they are found; counts are kept in
    ``rows``, ``valid``, ``rejected`` and ``reasons``. The header is checked at once.
    """

    def __init__(self, path, rejects_path=None, chunk_rows: int = CHUNK_ROWS, now=None):
        self.path = Path(path)
        self.rejects_path = None if rejects_path is None else Path(rejects_path)
        self.chunk_rows = chunk_rows
        self.now = now
        self.rows = self.valid = self.rejected = 0
        self.reasons: Counter[str] = Counter()
        with self._open() as source:
            check_header(source.readline(), self.path)

    def _open(self):
        return open(self.path, encoding="utf-8", errors="replace", newline="")

    def __iter__(self) -> Iterator[pd.DataFrame]:
        self.rows = self.valid = self.rejected = 0
        self.reasons = Counter()
        checker = LongFormatChecker(self.now)
        writer = RejectsWriter(self.rejects_path) if self.rejects_path else None
        with self._open() as source:
            source.readline()
            line = 2
            while lines := [text.rstrip("\r\n") for text in itertools.islice(source, self.chunk_rows)]:
                valid, rejects = checker.check(lines, line)
                line += len(lines)
                self.rows += len(lines)
                self.valid += len(valid)
                self.rejected += len(rejects)
                self.reasons.update(rejects["reason"])
                if writer:
                    writer.write(rejects)
                if len(valid):
                    yield valid

    def summary(self) -> str:
        """One line: rows read, valid, rejected and why."""
        why = ", ".join(f"{reason}: {count}" for reason, count in self.reasons.most_common())
        counts = f"{self.path}: {self.rows} rows, {self.valid} valid, {self.rejected} rejected"
        return f"{counts} ({why})" if why else counts


def validate_csv(path, rejects_path=None, chunk_rows: int = CHUNK_ROWS, now=None) -> tuple[pd.DataFrame, CsvValidation]:
    """All valid rows of a long-format CSV in one DataFrame, and the validation with its counts."""
    validation = CsvValidation(path, rejects_path, chunk_rows, now)
    frames = list(validation)
    valid = pd.concat(frames, ignore_index=True) if frames else LongFormatChecker(now).check([], 2)[0]
    return valid, validation
