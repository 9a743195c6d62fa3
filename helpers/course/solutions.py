"""`solution("04.2")`: a solution put in a new cell below, to read and run when the attendee chooses.

Nothing runs: the cell that asks only creates the new cell (IPython's `set_next_input`, which JupyterLab turns
into a cell below the current one). Outside IPython the solution is printed. Unlike `%load` in the exercise
cell, no check line runs before the solution is there.
"""

from __future__ import annotations

import re

from helpers.common.errors import WorkshopError
from helpers.course import notebooks as nbs

SOLUTIONS_DIR = "solutions"  # notebooks/solutions/NN_name/exercise_K.py, written by helpers.course.attendee
EXERCISE_ID = re.compile(r"^(\d\d)\.(\d+)$")


def solution_source(exercise_id: str, root=nbs.NOTEBOOKS) -> str:
    """The solution of exercise 'NN.K' as written in notebooks/solutions/NN_name/exercise_K.py."""
    match = EXERCISE_ID.match(str(exercise_id))
    folders = sorted((root / SOLUTIONS_DIR).glob(f"{match.group(1)}_*")) if match else []
    path = folders[0] / f"exercise_{int(match.group(2))}.py" if folders else None
    if path is None or not path.exists():
        raise WorkshopError(f'No solution for exercise {exercise_id!r}: exercises are named like "04.2".')
    return path.read_text(encoding="utf-8")


def solution(exercise_id: str) -> None:
    """Put the solution of exercise 'NN.K' in a new cell below this one (printed outside IPython)."""
    source = solution_source(exercise_id).rstrip("\n")
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - the course always has IPython
        get_ipython = None
    shell = get_ipython() if get_ipython else None
    if shell is None:
        print(source)
        return
    shell.set_next_input(source, replace=False)
    print(f"The solution of {exercise_id} is in the new cell below: read it, then run it.")
