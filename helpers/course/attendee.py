"""Attendee versions: each lesson with its exercises blank and its predictions' answers out of view.

notebooks/attendee/NN_name.ipynb           the lesson to work through (tracked, never edited by hand)
notebooks/attendee/index.ipynb             the attendee's index: these lessons in order
notebooks/solutions/NN_name/exercise_K.py  the K-th solution cell's source, for `solution("NN.K")`

In an attendee version:
- a solution cell becomes an exercise cell: a placeholder `answer = ...` and the same `check(...)` line,
  whose stored output is what the check says to a blank answer ("not answered yet");
- the code cells that answer a **Predict:** prompt keep their output, collapsed (JupyterLab shows a bar to
  click), and the prose that explains it sits in a closed <details> block, opened by the attendee;
- every other cell keeps its stored output, so an attendee can compare a run with the expected one;
- the code cells of an optional section, '## N · Title (deep dive)', are tagged to be skipped by CI's blank run.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from nbformat.v4 import new_code_cell, new_output

from helpers.course import notebooks as nbs
from helpers.course.checks import verdict
from helpers.course.glossary import links_one_folder_down, links_one_folder_up
from helpers.course.lint import CHECK_LINE, FIGURE, SOLUTION_TAG
from helpers.course.solutions import SOLUTIONS_DIR

EXERCISE_TAG = "exercise"
PREDICTION_TAG = "prediction-answer"
DEEP_DIVE_TAG = "deep-dive"  # a code cell of an optional section: the attendee's blank run in CI skips it
SKIP_TAG = "nbval-skip"
DEEP_DIVE_HEADING = re.compile(r"^##\s+\d+\s*·.*\(deep dive\)\s*$", re.MULTILINE)
SECTION_HEADING = re.compile(r"^##\s", re.MULTILINE)  # a section: numbered, or one like '## Clean up'
ATTENDEE_DIR = "attendee"
PLACEHOLDER = "answer = ..."
PREDICT = re.compile(r"\*\*Predict:?\*\*")  # anywhere in the cell: a prompt may end a paragraph
# Where an explanation ends in its markdown cell: the next exercise, prediction or heading stays in view.
EXPLANATION_END = re.compile(r"^(?:\*\*(?:Exercise|Predict)\b|#)", re.MULTILINE)
DETAILS_OPEN = (
    "<details><summary><b>{label}</b> (open it once you have run the cell above and compared "
    "the result with your prediction)</summary>\n\n"
)
DETAILS = re.compile(r"^<details><summary>.*?</summary>\n\n(.*?)\n\n</details>", re.DOTALL)
DETAILS_CLOSE = "\n\n</details>"


def check_lines(source: str) -> list[str]:
    """The self-check calls of a solution cell: its lines that start with `check(`."""
    return [line for line in source.splitlines() if line.startswith("check(")]


def exercise_id(source: str) -> str:
    """'04.2' from a solution whose check line is `check("04.2", answer)`."""
    ids = [
        f"{match.group(1)}.{match.group(2)}"
        for line in check_lines(source)
        if (match := CHECK_LINE.match(line)) and match.group(3) == "answer"
    ]
    if len(ids) != 1:
        raise ValueError(f'a solution must end with exactly one line check("NN.K", answer); found {ids}')
    return ids[0]


def exercise_cell(number: int, ident: str, execution_count: int | None):
    """The attendee's blank exercise cell, with the output its check gives a blank answer (and the solution's
    execution count: nbval refuses a cell that stores outputs without one, as never run)."""
    source = (
        f"# Exercise {number}: your code here. Set `answer` to what the exercise asks for.\n"
        f'# Stuck? Run solution("{ident}") in a new cell: it puts a solution in a cell below it.\n'
        f"{PLACEHOLDER}\n\n"
        f'check("{ident}", answer)'
    )
    output = new_output("stream", name="stdout", text=verdict(ident, ...)[1] + "\n")  # "not answered yet"
    return new_code_cell(
        source,
        id=f"exercise-{number}",
        metadata={"tags": [EXERCISE_TAG]},
        outputs=[output],
        execution_count=execution_count,
    )


def hide_explanation(text: str, label: str = "Explanation") -> str:
    """The markdown with its leading explanation inside a closed <details> block (what follows stays)."""
    end = EXPLANATION_END.search(text)
    head, rest = (text[: end.start()], text[end.start() :]) if end else (text, "")
    if not head.strip():
        return text
    folded = DETAILS_OPEN.format(label=label) + head.strip() + DETAILS_CLOSE
    return folded + ("\n\n" + rest if rest else "")


def hide_prediction_answers(cells: list) -> None:
    """After each **Predict:** prompt, collapse the outputs of the code cells up to the next markdown cell,
    and fold the explanation that starts that markdown cell. A figure's caption (a markdown cell starting
    '*Figure:') describes the answer too: it is folded, and the explanation after it as well."""
    answering = False
    for cell in cells:
        if cell.cell_type == "markdown":
            caption = cell.source.startswith(FIGURE)
            if answering:
                cell.source = hide_explanation(cell.source, "The figure, in words" if caption else "Explanation")
            answering = (answering and caption) or bool(PREDICT.search(cell.source))
        elif answering and cell.outputs and SOLUTION_TAG not in nbs.tags(cell):
            cell.metadata["collapsed"] = True  # the classic notebook's flag
            cell.metadata.setdefault("jupyter", {})["outputs_hidden"] = True  # JupyterLab's
            cell.metadata["tags"] = [*nbs.tags(cell), PREDICTION_TAG]


def deep_dive_cells(cells: list, code_only: bool = True) -> list:
    """The cells of the lesson's optional sections, under a heading '## N · Title (deep dive)': their code
    cells, or with code_only=False every cell from such a heading to the next '## ' heading (a section, or
    the lesson's '## Clean up', which every run needs)."""
    found, inside = [], False
    for cell in cells:
        if cell.cell_type == "markdown" and SECTION_HEADING.search(cell.source):
            inside = bool(DEEP_DIVE_HEADING.search(cell.source))
        if inside and (cell.cell_type == "code" or not code_only):
            found.append(cell)
    return found


def skip_deep_dives(cells: list) -> None:
    """Tag the deep dives' code cells so that nbval skips them in the attendee's blank run (nothing after a
    deep dive may depend on it; an attendee who runs it in JupyterLab runs it as usual)."""
    for cell in deep_dive_cells(cells):
        cell.metadata["tags"] = [*nbs.tags(cell), DEEP_DIVE_TAG, SKIP_TAG]


def attendee_version(nb) -> tuple[object, list[str]]:
    """(the attendee notebook, the solution sources in order)."""
    result = copy.deepcopy(nb)
    hide_prediction_answers(result.cells)
    solutions, cells = [], []
    for cell in result.cells:
        if cell.cell_type == "markdown":
            cell.source = links_one_folder_down(cell.source)
        if SOLUTION_TAG in nbs.tags(cell):
            solutions.append(cell.source.rstrip("\n") + "\n")
            cell = exercise_cell(len(solutions), exercise_id(cell.source), cell.execution_count)
        cells.append(cell)
    skip_deep_dives(cells)
    result.cells = cells
    return result, solutions


def with_solutions(attendee_nb, solutions: list[str], lesson_nb):
    """The attendee version with each exercise cell replaced by the lesson's solution cell, and the
    prediction answers shown again: equal to the lesson itself when the generator keeps every other cell."""
    restored = copy.deepcopy(attendee_nb)
    lesson_solutions = [cell for cell in lesson_nb.cells if SOLUTION_TAG in nbs.tags(cell)]
    exercises = [i for i, cell in enumerate(restored.cells) if EXERCISE_TAG in nbs.tags(cell)]
    for position, source, original in zip(exercises, solutions, lesson_solutions):
        cell = copy.deepcopy(original)
        cell.source = source.rstrip("\n")
        restored.cells[position] = cell
    for cell in restored.cells:
        if DEEP_DIVE_TAG in nbs.tags(cell):
            cell.metadata["tags"] = [t for t in nbs.tags(cell) if t not in (DEEP_DIVE_TAG, SKIP_TAG)]
            if not cell.metadata["tags"]:
                del cell.metadata["tags"]
        if PREDICTION_TAG in nbs.tags(cell):
            del cell.metadata["collapsed"]
            del cell.metadata["jupyter"]["outputs_hidden"]
            if not cell.metadata["jupyter"]:
                del cell.metadata["jupyter"]
            cell.metadata["tags"] = [t for t in nbs.tags(cell) if t != PREDICTION_TAG]
            if not cell.metadata["tags"]:
                del cell.metadata["tags"]
        elif cell.cell_type == "markdown":
            cell.source = links_one_folder_up(cell.source)
            cell.source = DETAILS.sub(r"\1", cell.source, count=1)
    return restored


def expected(root: Path) -> dict[Path, str]:
    """Every generated file (attendee notebooks, their index and solution files) with the text it should hold."""
    from helpers.course import index  # index lists what this module generates

    files = {root / ATTENDEE_DIR / index.INDEX: nbs.dumps(index.attendee_index(root))}
    for path in nbs.numbered(root):
        nb, solutions = attendee_version(nbs.read(path))
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
