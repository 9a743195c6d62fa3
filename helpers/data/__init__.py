"""Data for the workshop: the embedded generator, weather stations, smart meters, OPSD, validation.

Everything uses the long format ``ts,type,region,value`` (see :mod:`.schema`); run
``python -m helpers.data --help`` for the command line.
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
