"""The attendee's working copies: notebooks/workspace/, made from notebooks/attendee/, ignored by git.

`git pull` updates the pristine copies in notebooks/attendee/ and never touches these, so it cannot conflict
with an attendee's work. `prepare` makes the copies that are missing and names the lessons whose pristine copy
changed since; `restore` gives one lesson a fresh copy and keeps the old one in workspace/backup/.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from helpers.common.errors import WorkshopError
from helpers.course import notebooks as nbs
from helpers.course.attendee import ATTENDEE_DIR
from helpers.course.index import INDEX

WORKSPACE_DIR = "workspace"
BACKUP_DIR = "backup"
COPIES = ".copies.json"  # lesson file -> SHA-256 of the pristine copy it was made from


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copies(workspace: Path) -> dict[str, str]:
    record = workspace / COPIES
    return json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}


def _remember(workspace: Path, name: str, digest: str) -> None:
    copies = _copies(workspace) | {name: digest}
    (workspace / COPIES).write_text(json.dumps(copies, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def prepare(root: Path = nbs.NOTEBOOKS) -> list[str]:
    """Copy each attendee lesson missing from the workspace, refresh its index; say what happened, one line each.

    A lesson already copied is never overwritten: if its pristine copy changed since, a line says how to
    take the new one."""
    pristine, workspace = root / ATTENDEE_DIR, root / WORKSPACE_DIR
    workspace.mkdir(exist_ok=True)
    shutil.copyfile(pristine / INDEX, workspace / INDEX)  # generated, never edited: always the current one
    said, copies = [], _copies(workspace)
    for source in sorted(pristine.glob("[0-9][0-9]_*.ipynb")):
        target = workspace / source.name
        if not target.exists():
            shutil.copyfile(source, target)
            _remember(workspace, source.name, _digest(source))
            said.append(f"new copy: {target.relative_to(root)}")
        elif copies.get(source.name) != _digest(source):
            said.append(
                f"{source.name} changed since your copy was made: `python -m helpers.course restore "
                f"{source.name[:2]}` takes the new one (yours goes to {WORKSPACE_DIR}/{BACKUP_DIR}/)"
            )
    return said


def lesson_file(root: Path, lesson: str) -> Path:
    """The pristine attendee copy of a lesson named by number ('03') or file stem ('03_streaming_ingest')."""
    found = sorted((root / ATTENDEE_DIR).glob(f"{lesson[:2]}_*.ipynb"))
    if not lesson[:2].isdigit() or len(found) != 1:
        known = ", ".join(p.stem for p in sorted((root / ATTENDEE_DIR).glob("[0-9][0-9]_*.ipynb")))
        raise WorkshopError(f"No lesson {lesson!r}; the lessons are {known}.")
    return found[0]


def restore(lesson: str, root: Path = nbs.NOTEBOOKS, now: dt.datetime | None = None) -> str:
    """Replace a lesson's working copy with a fresh one; the old copy is moved to workspace/backup/."""
    source = lesson_file(root, lesson)
    workspace = root / WORKSPACE_DIR
    workspace.mkdir(exist_ok=True)
    target = workspace / source.name
    said = ""
    if target.exists():
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        backup = workspace / BACKUP_DIR / f"{source.stem}-{stamp}.ipynb"
        backup.parent.mkdir(exist_ok=True)
        target.replace(backup)
        said = f"; your copy is kept as {backup.relative_to(root)}"
    shutil.copyfile(source, target)
    _remember(workspace, source.name, _digest(source))
    return f"fresh copy: {target.relative_to(root)}{said}"
