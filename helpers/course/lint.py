"""Rules every notebook keeps: kernel python3, one title, outputs from a real top-to-bottom run, no stale errors."""

from __future__ import annotations

from helpers.course import notebooks as nbs

RAISES_EXPECTED = "raises-expected"
NOT_EXECUTED = ("nbval-skip", "skip-execution")
SOLUTION_TAG = "solution"
EXERCISES_HEADING = "## Exercises"


def kernel_and_title(nb) -> list[str]:
    problems = []
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        problems.append(f"kernel is {kernel!r}, not 'python3'")
    found = [t for cell in nb.cells for t in nbs.titles(cell)]
    if len(found) != 1:
        problems.append(f"{len(found)} '# ' titles, not exactly one: {found}")
    return problems


def executed(nb) -> list[str]:
    """Every code cell ran, in order, and no error output is stored unless the cell is tagged raises-expected."""
    problems, last = [], 0
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        cell_tags = nbs.tags(cell)
        if any(o.get("output_type") == "error" for o in cell.outputs) and RAISES_EXPECTED not in cell_tags:
            problems.append(
                f"cell {number} stores an error output (tag it '{RAISES_EXPECTED}' if it is meant to raise)"
            )
        if not cell.source.strip() or any(t in cell_tags for t in NOT_EXECUTED):
            continue
        count = cell.execution_count
        if count is None:
            problems.append(f"cell {number} has no stored run (execution_count is empty): re-run the notebook")
        elif count <= last:
            problems.append(
                f"cell {number} ran out of order (execution_count {count} after {last}): restart the kernel and run all"
            )
        else:
            last = count
    return problems


def exercises(nb) -> list[str]:
    """Solution cells sit under the '## Exercises' heading."""
    problems, under_exercises = [], False
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith(EXERCISES_HEADING):
            under_exercises = True
        if SOLUTION_TAG in nbs.tags(cell) and not under_exercises:
            problems.append(f"cell {number} is a solution before the '{EXERCISES_HEADING}' heading")
    return problems


def lesson(nb) -> list[str]:
    return kernel_and_title(nb) + executed(nb) + exercises(nb)
