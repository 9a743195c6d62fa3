"""Bulk loading into Cassandra: the generation CSV loader and the course's default dataset.

from helpers.load import ensure_default_dataset, load_generation_csv

generation_csv  a long-format CSV into the generation table, validated chunk by chunk, rejects set aside
default         the course's default dataset (the generator's 2016) in energydata.generation
__main__        the command line
"""

from .default import ensure_default_dataset
from .generation_csv import LoadReport, load_generation_csv

__all__ = ["ensure_default_dataset", "load_generation_csv", "LoadReport"]
