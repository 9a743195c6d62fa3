"""bench/flakes.py: which lessons passed every strict run, from nbval's JUnit XML."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import flakes  # noqa: E402


def junit(tmp_path, name, cases):
    def case(cls, cell, failure):
        inner = f'<failure message="{failure}">details</failure>' if failure else ""
        return f'<testcase classname="{cls}" name="Cell {cell}" time="1.0">{inner}</testcase>'

    body = "".join(case(*c) for c in cases)
    path = tmp_path / name
    path.write_text(f'<testsuites><testsuite name="pytest">{body}</testsuite></testsuites>', encoding="utf-8")
    return path


def test_a_lesson_passes_a_run_only_when_no_cell_failed(tmp_path):
    kafka, spark = "notebooks.02_kafka_pubsub.ipynb", "notebooks.07_spark_on_cassandra.ipynb"
    runs = [
        junit(tmp_path, "run-1.xml", [(kafka, 0, None), (kafka, 6, "Cell outputs differ"), (spark, 0, None)]),
        junit(tmp_path, "run-2.xml", [(kafka, 0, None), (kafka, 6, None), (spark, 0, None)]),
        junit(tmp_path, "run-3.xml", [("tests.unit.test_x", 0, "not a lesson")]),
    ]
    found = flakes.outcomes(runs)
    assert found == {"02_kafka_pubsub": [["Cell 6: Cell outputs differ"], []], "07_spark_on_cassandra": [[], []]}
    text = flakes.table(found, runs)
    assert "| 02_kafka_pubsub | 2 | 1 | 1: Cell 6: Cell outputs differ |" in text
    assert "| 07_spark_on_cassandra | 2 | 2 | - |" in text
    assert "**3 of 4 lesson runs passed.**" in text
