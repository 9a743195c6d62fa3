"""bench/pacing.py: the pacing table from nbval's JUnit XML, against a real lesson."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import guide_minutes  # noqa: E402
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


def test_a_lesson_rerun_after_a_change_takes_its_times_from_the_later_runs(tmp_path):
    solved, other = "notebooks.05_cassandra_storage_engine.ipynb", "notebooks.06_replication_consistency.ipynb"
    first = [junit(tmp_path, "1.xml", [(solved, 0, 9.0), (other, 0, 5.0)])]
    later = [junit(tmp_path, "2.xml", [(solved, 0, 1.0), (solved, 1, 2.0)])]
    times = pacing.grouped_cell_times([first, later])
    assert times["solved", "05_cassandra_storage_engine"] == {0: 1.0, 1: 2.0}
    assert times["solved", "06_replication_consistency"] == {0: 5.0}


def test_the_guide_minutes_are_rewritten_from_the_rows_and_nothing_else_changes():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    written = {m.group(1): (int(m.group(2)), int(m.group(3))) for m in guide_rows(guide)}
    assert len(written) == len(nbs.numbered())  # one row per lesson
    pacing_table = (Path(__file__).resolve().parents[2] / "bench" / "results" / "pacing.md").read_text(encoding="utf-8")
    core_s = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| (\d\d)_\w+ \| (\d+) \|", pacing_table, flags=re.M)}
    game_day, all_five = map(int, re.search(r"incidents 1, 3 and 5: (\d+); all five (\d+)", guide).groups())
    skipped = [0, 0, all_five - game_day, 0, 0, 0, 0, 0, 0, 0]  # incidents 2 and 4 are left for home
    rows = [
        {"lesson": f"{n}_x", "core_minutes": core, "minutes": whole, "core_s": core_s[n], "exercise_min_each": skipped}
        for n, (core, whole) in written.items()
    ]
    assert guide_minutes.update(guide, rows) == guide, "the guide's minutes are those of bench/results/pacing.md"
    each = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    faster = [{**row, "core_minutes": 100, "minutes": 200, "core_s": 100, "exercise_min_each": each} for row in rows]
    updated = guide_minutes.update(guide, faster)
    rewritten = {m.group(1): (int(m.group(2)), int(m.group(3))) for m in guide_rows(updated)}
    assert rewritten == dict.fromkeys(written, (100, 200))
    table, total = guide_minutes.schedule(guide_minutes.lesson_minutes(faster))
    assert table in updated and total == 12 + 100 + 100 + 10 + 100 + 10 + 100 + 100 + 10 + 100 + 5
    assert "`03` (100), `05` (100), `08` (100, with its deep dive 200)" in updated
    assert "`11` (incidents 1, 3 and 5: 78; all five 100): 578 minutes" in updated  # 100 - (3 + 4) - (7 + 8)
    assert "core path runs in 100-100 s (the table in\n`bench/results/pacing.md`)" in updated
    assert updated.count("\n") == guide.count("\n")


def guide_rows(guide: str):
    return re.finditer(r"^\| (\d\d) [^|]+\|[^|]+\| (\d+) \| (\d+) \|$", guide, flags=re.M)
