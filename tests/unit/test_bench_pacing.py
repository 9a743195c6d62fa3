"""bench/pacing.py: the pacing table from nbval's JUnit XML, against a real lesson."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import pacing  # noqa: E402

from helpers.course import notebooks as nbs  # noqa: E402


def junit(tmp_path, name, cases):
    body = "".join(f'<testcase classname="{cls}" name="Cell {cell}" time="{t}" />' for cls, cell, t in cases)
    path = tmp_path / name
    path.write_text(f'<testsuites><testsuite name="pytest">{body}</testsuite></testsuites>', encoding="utf-8")
    return path


def test_medians_per_cell_solved_and_blank_and_the_limits(tmp_path):
    solved, blank = "notebooks.02_kafka_pubsub.ipynb", "notebooks.attendee.02_kafka_pubsub.ipynb"
    runs = [
        junit(tmp_path, "1.xml", [(solved, 0, 1.0), (solved, 14, 80.0), (solved, 3, 50.0), (blank, 0, 2.0)]),
        junit(tmp_path, "2.xml", [(solved, 0, 3.0), (solved, 14, 70.0), (solved, 3, 45.0), (blank, 0, 4.0)]),
        junit(tmp_path, "3.xml", [(solved, 0, 2.0), (solved, 14, 60.0), (solved, 3, 55.0), (blank, 0, 9.0)]),
        junit(tmp_path, "other.xml", [("tests.unit.test_x", 0, 99.0)]),
    ]
    times = pacing.cell_times(runs)
    assert times["solved", "02_kafka_pubsub"] == {0: 2.0, 14: 70.0, 3: 50.0}
    assert times["attendee", "02_kafka_pubsub"] == {0: 4.0}
    row = pacing.lesson_row(nbs.NOTEBOOKS / "02_kafka_pubsub.ipynb", times["solved", "02_kafka_pubsub"], {0: 4.0})
    assert (row["core_s"], row["whole_s"]) == (4.0, 122.0)
    assert row["over"] == ["cell 3 50 s"], "cell 14 is the replication drill: 70 s is within its 90"
    assert not row["ok"] and row["exercises"] == 7 and row["reading_min"] > 10
    assert "| 02_kafka_pubsub | 4 | 122 |" in pacing.table([row], 3)
