"""Bulk loading into Cassandra: the generation CSV loader and the course's default dataset.

from helpers.load import ensure_default_dataset, load_generation_csv
"""

from .default import ensure_default_dataset
from .generation_csv import LoadReport, load_generation_csv

__all__ = ["ensure_default_dataset", "load_generation_csv", "LoadReport"]
