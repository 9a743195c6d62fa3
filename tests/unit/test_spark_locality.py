"""Locality reports and the pandas reference aggregate, without a cluster."""

import pandas as pd
import pytest

from helpers.spark.aggregates import monthly_energy_pandas
from helpers.spark.locality import LocalityReport


def test_counts_always_name_node_local_and_any_in_level_order():
    report = LocalityReport({"ANY": 1, "PROCESS_LOCAL": 2, "NODE_LOCAL": 7})
    assert list(report.counts().items()) == [("PROCESS_LOCAL", 2), ("NODE_LOCAL", 7), ("ANY", 1)]
    assert LocalityReport({"NODE_LOCAL": 10}).counts() == {"NODE_LOCAL": 10, "ANY": 0}


def test_node_local_fraction_counts_process_local_as_local():
    assert LocalityReport({"NODE_LOCAL": 8, "PROCESS_LOCAL": 1, "ANY": 1}).node_local_fraction == pytest.approx(0.9)
    assert LocalityReport({}).node_local_fraction == 0.0


def test_pandas_monthly_energy_is_max_and_sum_over_4000():
    ts = pd.to_datetime(["2016-01-01 00:00", "2016-01-01 00:15", "2016-02-01 00:00"], utc=True)
    frame = pd.DataFrame({"ts": ts, "type": ["wind"] * 3, "value": [4000.0, 8000.0, 2000.0]})
    result = monthly_energy_pandas(frame, "type")
    assert result.to_dict("list") == {
        "month": [1, 2],
        "type": ["wind", "wind"],
        "max": [8000.0, 2000.0],
        "energy": [3.0, 0.5],
    }
