"""Command line: ``python -m helpers.data {generate,weather,meters,opsd,validate} ...``; see ``--help``."""
from __future__ import annotations

from helpers.common.cli import command
from helpers.common.errors import WorkshopError

import argparse
import sys
import time
from pathlib import Path

from . import opsd
from .download import DownloadError
from .generation import DEFAULT_SEED, INTERVAL, generation_chunks
from .meters import INTERVALS, meter_chunks, meter_rows, meters_table
from .output import write_frames
from .schema import REGIONS, TYPES
from .timeaxis import grid
from .validate import CsvValidation, HeaderError
from .weather import stations, weather_chunks


def _sibling(path: Path, suffix: str) -> Path:
    """``data/x.csv`` -> ``data/x_<suffix>.csv``: where a companion table goes by default."""
    return path.with_name(f"{path.stem}_{suffix}.csv")


def _generate(args) -> int:
    total = len(grid(args.start, args.end, INTERVAL)) * len(TYPES) * len(REGIONS)
    return write_frames(generation_chunks(args.start, args.end, args.seed), args.out, total)


def _weather(args) -> int:
    table = stations()
    stations_out = args.stations_out or _sibling(args.out, "stations")
    table.to_csv(stations_out, index=False)
    print(f"{len(table)} stations -> {stations_out}")
    total = len(grid(args.start, args.end, "h")) * len(table)
    return write_frames(weather_chunks(args.start, args.end, args.seed), args.out, total)


def _meters(args) -> int:
    table = meters_table(args.meters, args.seed)
    meters_out = args.meters_out or _sibling(args.out, "meters")
    table.to_csv(meters_out, index=False)
    print(f"{len(table)} meters -> {meters_out}")
    chunks = meter_chunks(args.meters, args.days, args.interval, args.seed, args.start, not args.no_holidays)
    return write_frames(chunks, args.out, meter_rows(args.meters, args.days, args.interval))


def _opsd(args) -> int:
    source = opsd.download(opsd.TIME_SERIES, trust=args.trust_download)
    rejects_out = args.rejects or _sibling(args.out, "rejects")
    frame, report = opsd.to_long(source, rejects_out)
    print(report)
    print(f"rejects -> {rejects_out}")
    if args.weather:
        print(f"OPSD weather data -> {opsd.download(opsd.WEATHER, trust=args.trust_download)}")
    return write_frames([frame], args.out, len(frame))


def _validate(args) -> int:
    validation = CsvValidation(args.path, args.rejects or _sibling(args.path, "rejects"))
    for _ in validation:
        pass
    print(validation.summary())
    print(f"rejects -> {validation.rejects_path}")
    return validation.rows


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m helpers.data", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)

    def subcommand(name: str, run, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    def time_range(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--start", required=True, help="first day, UTC (e.g. 2015-01-01)")
        sub.add_argument("--end", required=True, help="end, exclusive, UTC (e.g. 2020-01-01)")
        sub.add_argument("--out", required=True, type=Path, help="CSV file, or Parquet if it ends in .parquet")
        sub.add_argument("--seed", type=int, default=DEFAULT_SEED)
        return sub

    time_range(subcommand("generate", _generate, "Synthetic solar and wind generation, ts,type,region,value (MW)."))
    weather = time_range(subcommand("weather", _weather, "Hourly weather readings consistent with the generation."))
    weather.add_argument("--stations-out", type=Path, help="stations table (default: <out>_stations.csv)")

    sub = subcommand("meters", _meters, "Smart-meter readings of factory lines, ts,meter_id,value (kW).")
    sub.add_argument("--meters", required=True, type=int, help="number of meters")
    sub.add_argument("--days", required=True, type=int, help="number of days")
    sub.add_argument("--out", required=True, type=Path, help="CSV file, or Parquet if it ends in .parquet")
    sub.add_argument("--interval", choices=list(INTERVALS), default="15min")
    sub.add_argument("--seed", type=int, default=DEFAULT_SEED)
    sub.add_argument("--start", default="2016-01-01", help="first day, UTC")
    sub.add_argument("--no-holidays", action="store_true", help="run shifts on public holidays too")
    sub.add_argument("--meters-out", type=Path, help="meters table (default: <out>_meters.csv)")

    sub = subcommand("opsd", _opsd, "Download the pinned OPSD time series and convert it to ts,type,region,value.")
    sub.add_argument("--out", required=True, type=Path, help="CSV file, or Parquet if it ends in .parquet")
    sub.add_argument("--trust-download", action="store_true", help="use the files although no SHA-256 is pinned")
    sub.add_argument("--rejects", type=Path, help="rejects CSV (default: <out>_rejects.csv)")
    sub.add_argument("--weather", action="store_true", help="also download the OPSD weather data into the cache")

    sub = subcommand("validate", _validate, "Check a ts,type,region,value CSV; write the rejects with line and reason.")
    sub.add_argument("path", type=Path)
    sub.add_argument("--rejects", type=Path, help="rejects CSV (default: <path>_rejects.csv)")
    return main


@command
def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    began = time.perf_counter()
    try:
        rows = args.run(args)
    except ValueError as error:  # a date or number the generators cannot use
        raise WorkshopError(str(error)) from error
    target = getattr(args, "out", None) or args.path
    print(f"{rows} rows, {target}, {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
