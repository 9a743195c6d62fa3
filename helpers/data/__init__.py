"""Data for the workshop: the embedded generator, weather stations, smart meters, OPSD, validation.

Everything uses the long format ``ts,type,region,value`` (see :mod:`.schema`); run
``python -m helpers.data --help`` for the command line.

schema      the long format's columns, types and regions
timeaxis    UTC time axes: parsing, regular grids, ISO 8601 text
generation  the embedded generator: solar and wind in MW every 15 minutes, per control area and DE
latent      the hidden weather behind both the generation and the station readings
stochastic  seeded random streams and AR(1) processes
sun         where the sun stands and how much light reaches the ground
power       weather to power: wind power curves, PV response
capacity    installed wind and solar capacity over time
geography   the control areas' centres and the weather stations
weather     hourly station readings: the generation's weather as a point station measures it, with errors of its own
meters      smart-meter readings at scale, for the storage and Spark lessons
opsd        real Open Power System Data: pinned downloads, conversion to the long format
download    the verified download cache (on helpers.common.download)
validate    valid rows and rejects, never losing one
rejects     the rejects file: each set-aside line with its reason
output      DataFrames to CSV or Parquet, chunk by chunk, with a progress bar
__main__    the command line
"""
from .generation import DEFAULT_SEED, annual_totals_twh, generate, generation_chunks
from .meters import meter_chunks, meters_table
from .output import write_frames
from .validate import CsvValidation, HeaderError, Reason, validate_csv, validate_record
from .weather import stations, weather, weather_chunks

__all__ = [
    "DEFAULT_SEED",
    "CsvValidation",
    "HeaderError",
    "Reason",
    "annual_totals_twh",
    "generate",
    "generation_chunks",
    "meter_chunks",
    "meters_table",
    "stations",
    "validate_csv",
    "validate_record",
    "weather",
    "weather_chunks",
    "write_frames",
]
