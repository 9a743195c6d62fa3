"""Real data from Open Power System Data (OPSD): pinned downloads and conversion to the long format.

The time series package has one wide row per 15 minutes with a column per country,
control area and quantity; we keep German solar and wind generation for DE and its four
control areas. Empty values (gaps) are counted in the report, not emitted; a repeated
timestamp keeps its first row and sends the others to the rejects, as do unparsable
timestamps and non-numeric or negative values. Written to CSV, values keep one decimal
(0.1 MW, the long format's resolution); Parquet keeps them as they are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .download import fetch
from .rejects import RejectsWriter, empty_rejects
from .schema import DE, REGIONS, TYPES, long_frame
from .timeaxis import iso_text
from .validate import Reason


@dataclass(frozen=True)
class Source:
    """A pinned file: where it is, where it goes in the cache, and its SHA-256."""

    url: str
    name: str
    sha256: str | None


# The SHA-256 values are not known yet: this code was written without internet access.
# Fill each one in after the first download whose content you have checked (the download
# shows the hash); from then on every download and cached copy is verified against it.
# While a value is None, the file is used only with --trust-download (trust=True).
TIME_SERIES = Source(
    url="https://data.open-power-system-data.org/time_series/2020-10-06/time_series_15min_singleindex.csv",
    name="opsd/time_series/2020-10-06/time_series_15min_singleindex.csv",
    sha256=None,
)
WEATHER = Source(
    url="https://data.open-power-system-data.org/weather_data/2020-09-16/weather_data.csv",
    name="opsd/weather_data/2020-09-16/weather_data.csv",
    sha256=None,
)
FALLBACK_HINT = (
    "Without internet, use the embedded generator instead: "
    "python -m helpers.data generate --start 2015-01-01 --end 2020-01-01 --out data/generation.csv"
)

TIMESTAMP_COLUMN = "utc_timestamp"
SERIES_COLUMNS = {
    (kind, region): f"DE_{kind}_generation_actual" if region == DE else f"DE_{region}_{kind}_generation_actual"
    for kind in TYPES
    for region in REGIONS
}
"""OPSD column for each (type, region), in the long format's row order."""
EXAMPLES = 5


def download(source: Source = TIME_SERIES, trust: bool = False, cache: Path | None = None) -> Path:
    """The cached, verified copy of an OPSD file (see :func:`.download.fetch`)."""
    return fetch(source.url, source.name, source.sha256, trust=trust, cache=cache, hint=FALLBACK_HINT)


@dataclass
class OpsdReport:
    """What the conversion found: counts and a few examples (timestamps) of each problem."""

    rows: int = 0
    emitted: int = 0
    rejected: int = 0
    duplicates: int = 0
    duplicate_examples: list[str] = field(default_factory=list)
    gaps: dict[str, int] = field(default_factory=dict)
    gap_examples: dict[str, list[str]] = field(default_factory=dict)
    missing_columns: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"{self.rows} OPSD rows -> {self.emitted} long rows, {self.rejected} rejects"]
        if self.duplicates:
            examples = ", ".join(self.duplicate_examples)
            lines.append(f"duplicate timestamps: {self.duplicates} (first kept), e.g. {examples}")
        for column, count in self.gaps.items():
            if count:
                lines.append(f"gaps in {column}: {count}, e.g. {', '.join(self.gap_examples[column])}")
        if self.missing_columns:
            lines.append(f"columns not in the file: {', '.join(self.missing_columns)}")
        return "\n".join(lines)


def to_long(path, rejects_path=None) -> tuple[pd.DataFrame, OpsdReport]:
    """The OPSD time series file at ``path`` in the long format, and the report. Rejects go to ``rejects_path``."""
    with open(path, encoding="utf-8") as source:
        header = source.readline().rstrip("\r\n").split(",")
    if TIMESTAMP_COLUMN not in header:
        raise ValueError(f"{path}: no {TIMESTAMP_COLUMN!r} column, not an OPSD time series file")
    present = {key: column for key, column in SERIES_COLUMNS.items() if column in header}
    report = OpsdReport(missing_columns=[c for c in SERIES_COLUMNS.values() if c not in header])
    wide = pd.read_csv(path, usecols=[TIMESTAMP_COLUMN, *present.values()], dtype=str, keep_default_na=False)
    report.rows = len(wide)
    line = wide.index.to_numpy() + 2  # the header is line 1
    ts = pd.to_datetime(wide[TIMESTAMP_COLUMN], format="ISO8601", utc=True, errors="coerce")
    duplicate = ts.duplicated(keep="first") & ts.notna()
    report.duplicates = int(duplicate.sum())
    report.duplicate_examples = list(iso_text(pd.DatetimeIndex(ts[duplicate].unique()[:EXAMPLES])))
    problems = [(line[ts.isna()], Reason.BAD_TIMESTAMP), (line[duplicate], Reason.DUPLICATE)]

    keep = (ts.notna() & ~duplicate).to_numpy()
    times = pd.DatetimeIndex(ts[keep])
    values = np.full((len(times), len(TYPES), len(REGIONS)), np.nan)
    for (kind, region), column in present.items():
        text = wide[column][keep].str.strip()
        number = pd.to_numeric(text, errors="coerce").to_numpy()
        gap = (text == "").to_numpy()
        report.gaps[column] = int(gap.sum())
        report.gap_examples[column] = list(iso_text(times[gap][:EXAMPLES]))
        bad = ~gap & (np.isnan(number) | (number < 0))
        problems += [
            (line[keep][bad & np.isnan(number)], f"{Reason.NON_NUMERIC}: {column}"),
            (line[keep][bad & (number < 0)], f"{Reason.NEGATIVE}: {column}"),
        ]
        values[:, TYPES.index(kind), REGIONS.index(region)] = np.where(bad, np.nan, number)

    frame = long_frame(times, values)
    frame = frame[frame["value"].notna()].reset_index(drop=True)
    report.emitted = len(frame)
    rejects = _rejects(path, problems)
    report.rejected = len(rejects)
    if rejects_path is not None:
        RejectsWriter(rejects_path).write(rejects)
    return frame, report


def _rejects(path, problems: list[tuple[np.ndarray, str]]) -> pd.DataFrame:
    """The rejects table for (line numbers, reason) pairs, with the raw lines read back from the file."""
    problems = [(lines, reason) for lines, reason in problems if len(lines)]
    if not problems:
        return empty_rejects()
    wanted = set(np.concatenate([lines for lines, _ in problems]).tolist())
    with open(path, encoding="utf-8") as source:
        raw = {number: text.rstrip("\r\n") for number, text in enumerate(source, start=1) if number in wanted}
    rows = [(number, reason, raw[number]) for lines, reason in problems for number in lines.tolist()]
    return pd.DataFrame(rows, columns=["line", "reason", "raw"]).sort_values("line", kind="stable", ignore_index=True)
