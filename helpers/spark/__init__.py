"""Spark for the workshop: the sandbox's SparkSession, data-locality reports, the lessons' aggregates.

from helpers.spark import spark_session, scan_locality
"""

from .aggregates import monthly_energy, monthly_energy_pandas
from .locality import LocalityReport, job_group_report, measure, preferred_hosts, scan_locality
from .session import executor_hosts, spark_session

__all__ = [
    "LocalityReport",
    "executor_hosts",
    "job_group_report",
    "measure",
    "monthly_energy",
    "monthly_energy_pandas",
    "preferred_hosts",
    "scan_locality",
    "spark_session",
]
