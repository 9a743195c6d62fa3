"""Rules every notebook keeps: a valid nbformat document, kernel python3, one title, outputs from a real
top-to-bottom run, no stale errors."""

from __future__ import annotations

import re

import nbformat

from helpers.course import notebooks as nbs

RAISES_EXPECTED = "raises-expected"
NOT_EXECUTED = ("nbval-skip", "skip-execution")
SOLUTION_TAG = "solution"
EXERCISE = re.compile(r"^\s*\*\*Exercise\b", re.MULTILINE)
PREDICT = re.compile(r"^\s*\*\*Predict:?\*\*", re.MULTILINE)
CHECK_LINE = re.compile(r"""^check\(\s*["'](\d\d)\.(\d+)["']\s*,\s*(.+?)\s*\)\s*$""")  # a whole check line
CHECK_CALL = re.compile(r"^check\(\s*[\"']\d\d\.\d+[\"']", re.MULTILINE)
SECTION = re.compile(r"^##\s+\d+\s*·[^\n]*", re.MULTILINE)
FIGURE = "*Figure:"  # a plot's caption starts so (the attendee copies fold it with a prediction's answer)
LEARNING_LOOP_MINIMUM = {"predict prompts": 2, "self-checked exercises": 2}


def valid(nb) -> list[str]:
    """The notebook follows the nbformat schema (what Jupyter and nbval read)."""
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as error:
        return [f"not a valid notebook: {error.message}"]
    return []


def kernel_and_title(nb) -> list[str]:
    problems = valid(nb)
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
    """Each solution cell follows its prompt (a markdown cell starting '**Exercise') and ends with its self-check."""
    problems, previous = [], None
    for number, cell in enumerate(nb.cells, start=1):
        if SOLUTION_TAG in nbs.tags(cell):
            if not (previous is not None and previous.cell_type == "markdown" and EXERCISE.search(previous.source)):
                problems.append(f"cell {number} is a solution without an '**Exercise N.**' prompt right before it")
            if not CHECK_CALL.search(cell.source):
                problems.append(f'cell {number} is a solution that does not end with its check("NN.K", ...)')
        previous = cell
    return problems


def learning_loop(nb) -> list[str]:
    """Predict -> run -> explain -> exercise -> check: at least two '**Predict:**' prompts, at least two
    self-checked exercises, and an exercise in every numbered section ('## 1 · ...')."""
    counts = learning_loop_counts(nb)
    problems = [
        f"{counts[name]} {name}, fewer than {LEARNING_LOOP_MINIMUM[name]}"
        for name in LEARNING_LOOP_MINIMUM
        if counts[name] < LEARNING_LOOP_MINIMUM[name]
    ]
    sections: list[tuple[str, bool]] = []  # (heading, has an exercise), in order
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            sections += [(heading.strip("# "), False) for heading in SECTION.findall(cell.source)]
        elif SOLUTION_TAG in nbs.tags(cell) and sections:
            sections[-1] = (sections[-1][0], True)
    problems += [f"section '{heading}' has no exercise" for heading, has_exercise in sections if not has_exercise]
    return problems


def learning_loop_counts(nb) -> dict[str, int]:
    """How many predict prompts and self-checked exercises a lesson has."""
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    solutions = [c.source for c in nb.cells if SOLUTION_TAG in nbs.tags(c)]
    return {
        "predict prompts": sum(1 for text in markdown if PREDICT.search(text)),
        "self-checked exercises": sum(1 for text in solutions if CHECK_CALL.search(text)),
    }


def figures_captioned(nb) -> list[str]:
    """Every plot says in words what it shows: the markdown cell right after a cell that draws one starts with
    '*Figure:' (for readers who cannot see it, and for the screen reader)."""
    problems = []
    for number, cell in enumerate(nb.cells, start=1):
        draws = cell.cell_type == "code" and any("image/png" in o.get("data", {}) for o in cell.outputs)
        following = nb.cells[number] if number < len(nb.cells) else None
        if draws and not (following and following.cell_type == "markdown" and following.source.startswith(FIGURE)):
            problems.append(f"cell {number} draws a figure with no caption: a markdown cell after it, '{FIGURE} ...*'")
    return problems


def lesson(nb) -> list[str]:
    """Every rule for a lesson."""
    return kernel_and_title(nb) + executed(nb) + exercises(nb) + learning_loop(nb) + figures_captioned(nb)
