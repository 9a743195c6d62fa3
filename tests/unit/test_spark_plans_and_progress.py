"""What the Spark lessons print and draw, without a cluster: annotated plans, micro-batch progress,
checkpoints, task timelines, and the ring arithmetic of lesson 07's checks."""

from __future__ import annotations

import json

import matplotlib
import pandas as pd
import pytest

from helpers.cassandra_io.ring import _routing_key, primary_node
from helpers.spark.aggregates import annotate
from helpers.spark.locality import plot_timeline
from helpers.spark.streaming import (
    CAUGHT_UP,
    STARTED,
    WRITTEN,
    checkpoint_batches,
    checkpoint_offsets,
    last_run,
    plot_watermark,
    progress_table,
)

matplotlib.use("Agg")

PLAN = """AdaptiveSparkPlan isFinalPlan=false
+- HashAggregate(keys=[month, type], functions=[sum(value)])
   +- Exchange hashpartitioning(month, type, 8), ENSURE_REQUIREMENTS
      +- HashAggregate(keys=[month, type], functions=[partial_sum(value)])
         +- BatchScan generation[type, ts, value] Cassandra Scan: energydata.generation"""


def test_annotate_puts_each_note_under_the_first_line_with_its_key_indented_like_the_operator():
    lines = annotate(PLAN, {"Exchange": "the shuffle", "partial_sum": "partial", "absent": "never shown"}).splitlines()
    exchange = next(i for i, line in enumerate(lines) if "Exchange" in line)
    assert lines[exchange + 1] == "      ^ the shuffle"
    partial = next(i for i, line in enumerate(lines) if "partial_sum" in line)
    assert lines[partial + 1] == "         ^ partial"
    assert len(lines) == len(PLAN.splitlines()) + 2


def report(batch, rows, oldest=None, newest=None, watermark="1970-01-01T00:00:00.000Z", dropped=0, state=0):
    event = {"watermark": watermark}
    if rows:
        event |= {"min": oldest, "max": newest}
    return {
        "batchId": batch,
        "numInputRows": rows,
        "eventTime": event,
        "stateOperators": [{"numRowsDroppedByWatermark": dropped, "numRowsTotal": state}],
    }


PROGRESS = [
    report(0, 300, "2016-06-01T00:00:00.000Z", "2016-06-01T07:15:00.000Z", state=80),
    report(1, 300, "2016-06-01T07:30:00.000Z", "2016-06-01T14:45:00.000Z", "2016-06-01T05:15:00.000Z", state=40),
    report(2, 3, "2016-06-01T10:00:00.000Z", "2016-06-01T10:00:00.000Z", "2016-06-01T12:45:00.000Z", dropped=3),
    report(3, 0, watermark="2016-06-01T12:45:00.000Z"),
]


def test_progress_table_reads_event_times_watermark_and_drops_and_leaves_the_epoch_watermark_out():
    table = progress_table(PROGRESS)
    assert list(table.index) == [0, 1, 2, 3]
    assert pd.isna(table.loc[0, "watermark"])
    assert table.loc[1, "watermark"] == pd.Timestamp("2016-06-01 05:15", tz="UTC")
    assert table.loc[0, "newest"] == pd.Timestamp("2016-06-01 07:15", tz="UTC")
    assert table["dropped_late"].tolist() == [0, 0, 3, 0]
    assert pd.isna(table.loc[3, "newest"]) and table.loc[3, "rows"] == 0


def test_plot_watermark_draws_the_newest_event_time_never_going_back_and_marks_late_readings():
    table = progress_table(PROGRESS)
    late = pd.DataFrame({"batch": [2], "ts": [pd.Timestamp("2016-06-01 10:00", tz="UTC")]})
    ax = plot_watermark(table, late=late)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["event times read", "newest event time", "watermark (newest − delay)", "late reading"]
    newest = ax.get_lines()[0].get_ydata()
    assert list(newest) == sorted(newest)  # batch 2's older readings do not pull it back


def test_checkpoint_batches_lists_planned_and_committed_batches_and_reads_the_offsets(tmp_path):
    (tmp_path / "offsets").mkdir()
    (tmp_path / "commits").mkdir()
    for batch in range(3):
        (tmp_path / "offsets" / str(batch)).write_text(
            'v1\n{"batchWatermarkMs":0}\n' + json.dumps({"t": {"0": 10 * batch, "1": 5 * batch}})
        )
    for batch in range(2):
        (tmp_path / "commits" / str(batch)).write_text("v1\n{}")
    (tmp_path / "offsets" / ".2.crc").write_text("")
    assert checkpoint_batches(tmp_path) == {"planned": [0, 1, 2], "committed": [0, 1]}
    assert checkpoint_offsets(tmp_path, 2) == {"t": {"0": 20, "1": 10}}
    assert checkpoint_batches(tmp_path / "missing") == {"planned": [], "committed": []}


def test_last_run_reads_the_batches_and_readings_of_the_jobs_last_start_from_the_lines_it_logs():
    first = [f"INFO {STARTED} ckpt: 0 batches committed before"] + ["INFO " + WRITTEN % (n, "k", "t") for n in (0, 1)]
    second = [f"INFO {STARTED} ckpt: 1 batches committed before", "INFO " + WRITTEN % (1, "k", "t")]
    assert last_run("\n".join(first + second)) == {"batches": [1], "readings": None}
    done = second + ["INFO " + WRITTEN % (2, "k", "t"), "INFO " + CAUGHT_UP % (4800, 2)]
    assert last_run("\n".join(first + done)) == {"batches": [1, 2], "readings": 4800}


def test_plot_timeline_draws_one_lane_per_host_and_a_legend_of_the_levels_seen():
    frame = pd.DataFrame(
        {
            "host": ["127.0.0.1", "127.0.0.2", "127.0.0.1"],
            "start": [0.0, 0.1, 3.2],
            "seconds": [0.5, 0.4, 0.3],
            "locality": ["NODE_LOCAL", "NODE_LOCAL", "ANY"],
        }
    )
    ax = plot_timeline(frame, labels={"127.0.0.1": "machine 1"})
    assert [t.get_text() for t in ax.get_yticklabels()] == ["machine 1", "127.0.0.2"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["NODE_LOCAL", "ANY"]
    assert len(ax.patches) == 3


def test_a_composite_partition_key_is_hashed_as_cassandra_serialises_it():
    assert _routing_key("DE", "wind") == b"\x00\x02DE\x00\x00\x04wind\x00"


@pytest.mark.parametrize(("key", "node"), [(("DE", "wind"), "cassandra1"), (("DE", "solar"), "cassandra2")])
def test_the_rf1_home_of_a_series_is_the_owner_of_its_token(key, node):
    assert primary_node(*key) == node
