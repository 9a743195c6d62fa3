"""Self-checks of lesson 08 (Structured Streaming: Kafka -> Spark -> Cassandra).

The lesson's stream is fixed: 1-3 June 2016 of every series (10 series, 15-minute readings), hourly
windows, a watermark of 2 hours; so 08.1 and 08.2 have fixed answers. 08.3 compares the learner's
offsets with the end of the job's topic, read from Kafka.
"""

from __future__ import annotations

import json

import pandas as pd

from helpers.course.checks import Hint, exercise

JOB_TOPIC = "nb08_job"
LAST_READING = pd.Timestamp("2016-06-03 23:45", tz="UTC")
DELAY = pd.Timedelta(hours=2)
SERIES = 10


def _utc(answer) -> pd.Timestamp:
    stamp = pd.Timestamp(answer)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


@exercise(
    "08.1",
    wrong=["2016-06-03 21:45", "2016-06-03 22:00", "2016-06-03 23:00", "2016-06-03 20:00"],
    answer="a pandas Timestamp: the start of the earliest open window (UTC)",
    success="the watermark is 21:45, so the window 21:00-22:00 has not ended before it: still open.",
)
def earliest_open_window(answer):
    """The start of the earliest hourly window still open after the last batch (UTC)."""
    start = _utc(answer)
    watermark = LAST_READING - DELAY
    if start == watermark:
        raise Hint("That is the watermark itself. Windows start on the hour: which window contains it?")
    if start.minute or start.second:
        raise Hint("An hourly window starts on the hour.")
    if start + pd.Timedelta(hours=1) <= watermark:
        raise Hint("That window ended before the watermark: Spark has finalised it and dropped its state.")
    if start != watermark.floor("h"):
        raise Hint(
            "That window is open, but not the earliest. Spark closes a window once its END is at or before "
            "the watermark."
        )


@exercise(
    "08.2",
    wrong=[0, 3, 10, 720, {("DE", "wind", "2016-06-03 21:00")}],
    answer="a number: how many windows (len of the set)",
    success="30: the last three hours of each of the 10 series, still open when the stream ends.",
)
def never_appended(answer):
    """How many (region, type, hour) windows update mode wrote and append mode never did."""
    try:
        answer = int(answer)
    except (TypeError, ValueError):
        raise Hint("Give the number of windows, len(...) of the set, not the set itself.") from None
    if answer == 720:
        raise Hint("That is every window of the three days. Append mode did write most of them: count the difference.")
    if answer == 0:
        raise Hint("Compare the sets of (region, type, hour) that each mode emitted over all its batches.")
    if answer != 3 * SERIES:
        raise Hint(
            "Append mode writes a window once the watermark has passed its end. Which hours has the final "
            "watermark not passed, and how many series are there?"
        )


def _offsets(answer) -> dict[int, int]:
    if isinstance(answer, str):
        answer = json.loads(answer)
    if not isinstance(answer, dict):
        raise Hint("Give a dict: partition -> offset, as in the offsets file's last line.")
    if JOB_TOPIC in answer:
        answer = answer[JOB_TOPIC]
    try:
        return {int(partition): int(offset) for partition, offset in answer.items()}
    except (TypeError, ValueError):
        raise Hint("Give partition -> offset for the topic nb08_job, e.g. {'0': ..., '1': ..., '2': ...}.") from None


@exercise(
    "08.3",
    wrong=[{}, {"0": 0, "1": 0, "2": 0}, [1920, 1440, 1440], {"nb08_job": {"0": 1}}],
    answer="a dict {partition: offset}, as in the offsets file",
    needs_sandbox=True,
    success="the last batch ends where the topic ends: the restarted job has read everything, once.",
)
def last_batch_offsets(answer):
    """The Kafka offsets (per partition of nb08_job) up to which the restarted job's last batch read."""
    offsets = _offsets(answer)
    if len(offsets) != 3:
        raise Hint("The topic has three partitions; the offsets file lists each of them.")
    if not all(offsets.values()):
        raise Hint("An offset of 0 is where a partition starts. Read the offsets file of the LAST batch.")
    from helpers.kafka_io.offsets import log_offsets

    if offsets != log_offsets(JOB_TOPIC):
        raise Hint(
            "These are not where the topic ends now. Take the highest batch number in the checkpoint's offsets "
            "folder, after the restarted job has finished."
        )
