"""Attendee versions: each lesson with its solution cells replaced by an empty exercise cell.

Every other cell keeps its stored output (tables, plots), so an attendee can compare a run with
the expected result. An exercise cell keeps the solution's self-check line(s), `check("04.2", ...)`,
below a commented `%load` of the solution.

notebooks/attendee/NN_name.ipynb      the lesson to work through
notebooks/solutions/NN_name/exercise_K.py  the K-th solution cell's source, for `%load`
"""

from __future__ import annotations

import copy
from pathlib import Path

from nbformat.v4 import new_code_cell

from helpers.course import navigation
from helpers.course import notebooks as nbs

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
ATTENDEE_DIR = "attendee"
SOLUTIONS_DIR = "solutions"


def hint(lesson: str, number: int, checks: list[str] = ()) -> str:
    """The attendee's exercise cell: where to write, how to load the solution, and the self-check."""
    text = (
        f"# Exercise {number}: your code here.\n"
        f"# To see a solution, uncomment the next line and run the cell:\n"
        f"# %load ../{SOLUTIONS_DIR}/{lesson}/exercise_{number}.py"
    )
    return text + "".join(f"\n\n{line}" if i == 0 else f"\n{line}" for i, line in enumerate(checks))


def check_lines(source: str) -> list[str]:
    """The self-check calls of a solution cell: its lines that start with `check(`."""
    return [line for line in source.splitlines() if line.startswith("check(")]


def attendee_version(nb, lesson: str) -> tuple[object, list[str]]:
    """(the attendee notebook, the solution sources in order) for lesson `lesson` (its file stem)."""
    result = copy.deepcopy(nb)
    solutions, cells = [], []
    for cell in result.cells:
        if SOLUTION_TAG in nbs.tags(cell):
            solutions.append(cell.source.rstrip("\n") + "\n")
            cell = new_code_cell(
                hint(lesson, len(solutions), check_lines(cell.source)),
                id=f"exercise-{len(solutions)}",
                metadata={"tags": [EXERCISE_TAG]},
            )
        elif navigation.is_navigation(cell):
            cell.source = cell.source.replace("](index.ipynb)", "](../index.ipynb)")
        cells.append(cell)
    result.cells = cells
    return result, solutions


def expected(root: Path) -> dict[Path, str]:
    """Every generated file (attendee notebooks and solution files) with the text it should hold."""
    files = {}
    for path in nbs.numbered(root):
        nb, solutions = attendee_version(nbs.read(path), path.stem)
        files[root / ATTENDEE_DIR / path.name] = nbs.dumps(nb)
        for number, source in enumerate(solutions, start=1):
            files[root / SOLUTIONS_DIR / path.stem / f"exercise_{number}.py"] = source
    return files


def generated_on_disk(root: Path) -> set[Path]:
    """The files the generator owns that exist now (other files in those folders are left alone)."""
    return set((root / ATTENDEE_DIR).glob("*.ipynb")) | set((root / SOLUTIONS_DIR).glob("*/exercise_*.py"))


def stale(root: Path, lessons: list[Path] | None = None) -> list[str]:
    """What differs between the generated files and the disk, for `lessons` (default: all, and leftovers)."""
    stems = {p.stem for p in lessons or []}

    def mine(path: Path) -> bool:
        return lessons is None or (path.stem if path.suffix == ".ipynb" else path.parent.name) in stems

    want = {path: text for path, text in expected(root).items() if mine(path)}
    problems = [
        f"{path.relative_to(root)} should not exist"
        for path in generated_on_disk(root)
        if mine(path) and path not in want
    ]
    for path, text in want.items():
        if not path.exists():
            problems.append(f"{path.relative_to(root)} is missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path.relative_to(root)} is out of date")
    return problems


def generate(root: Path) -> list[Path]:
    """Write the attendee notebooks and solution files; remove generated files no lesson needs. Returns changes."""
    want = expected(root)
    changed = [path for path, text in want.items() if nbs.write_if_changed(path, text)]
    for path in generated_on_disk(root) - set(want):
        path.unlink()
        changed.append(path)
    return changed
