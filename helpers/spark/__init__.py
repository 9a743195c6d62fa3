"""Spark for the workshop: the sandbox's SparkSession, data-locality reports, the lessons' aggregates.

from helpers.spark import spark_session, scan_locality

session     the SparkSession on the sandbox (standalone cluster, or local mode on the minimal profile)
locality    how many of a job's tasks ran next to their data, from the driver's REST API
aggregates  the monthly aggregate, in Spark and in pandas
streaming   Kafka -> Structured Streaming -> Cassandra, as lesson 08 builds it
rollups     hourly and daily rollup tables written back to Cassandra, and their pandas reference
anomalies   stations per control area, faults injected on purpose, flagged hours to events, scores
forecast    the day-ahead forecast's held-out weeks, clear-sky irradiance and skill scores
detection_scores  a detector scored hour by hour against injected faults, reference detectors, Wilson intervals
forecast_scores   MAE and RMSE, climatology and smart persistence, skill with day-block bootstrap intervals, nMAE
__main__    the command line (a locality report, the rollup job)
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
