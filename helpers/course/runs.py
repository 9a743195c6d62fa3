"""One run of a lesson at a time on one sandbox.

A lesson's topics, keyspaces and consumer groups have fixed names (nb02_...), so two kernels running the same
lesson against one sandbox would read each other's messages and drop each other's tables. The first code cell
of each lesson holds the lesson (`require(..., lesson="02")`): a second kernel is refused with a message that
says which process holds it. A hold ends with its process: a kernel that was shut down, or crashed, holds nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import psutil

from helpers.common.errors import WorkshopError


class LessonBusy(WorkshopError):
    """Another live process is running this lesson against the same sandbox."""


def _holder(path: Path) -> dict | None:
    """The live process that holds the lesson, as recorded; None if none (no record, or its process ended)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        process = psutil.Process(record["pid"])
        alive = abs(process.create_time() - record["started"]) < 1 and process.status() != psutil.STATUS_ZOMBIE
    except (OSError, ValueError, KeyError, psutil.Error):
        return None
    return record if alive else None


def hold(lesson: str, folder: Path, pid: int | None = None) -> None:
    """Record that process `pid` (this one by default) runs `lesson`; raise LessonBusy if another live one does."""
    pid = pid or os.getpid()
    path = folder / f"lesson-{lesson}.json"
    holder = _holder(path)
    if holder and holder["pid"] != pid:
        since = dt.datetime.fromtimestamp(holder["started"]).strftime("%H:%M:%S")
        raise LessonBusy(
            f"Lesson {lesson} is already running against this sandbox in another kernel (pid {holder['pid']}, "
            f"{holder['notebook']}, started {since}): two runs would share the lesson's topics and tables and "
            f"change each other's results. Shut that kernel down (JupyterLab: Kernel > Shut Down Kernel, or the "
            f"Running tab) or wait for it to finish, then run this cell again."
        )
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "pid": pid,
        "started": psutil.Process(pid).create_time(),
        "notebook": os.environ.get("JPY_SESSION_NAME") or f"a kernel in {Path.cwd()}",
    }
    temporary = path.with_suffix(f".{pid}.tmp")
    temporary.write_text(json.dumps(record), encoding="utf-8")
    temporary.replace(path)
