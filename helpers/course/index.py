"""The indexes: notebooks/index.ipynb (solved lessons) and the attendee's (notebooks/attendee/index.ipynb),
the lessons in order, each with what it teaches and what it needs running."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

from helpers.course import notebooks as nbs
from helpers.course.attendee import ATTENDEE_DIR, SOLUTIONS_DIR
from helpers.course.glossary import links_one_folder_down

INDEX = "index.ipynb"
LEARN_LABELS = ("What you will learn",)
NEEDS_LABELS = ("What must be running", "What you need", "Needs")
INTRO = f"""# Energy Time Series Storage and Analytics: the solved lessons

**Attendees:** this is the instructors' copy, with every exercise solved. Work in your own copies instead:
`make workshop` opens them (`workspace/index.ipynb`), made from `{ATTENDEE_DIR}/`.

These numbered notebooks are what instructors present and what CI runs under nbval, top to bottom. Each
section ends with an exercise and its self-check: `check("04.2", answer)` says ✓ or gives a hint. The
solutions are also in `{SOLUTIONS_DIR}/`, one file per exercise.

This page is generated from the lessons (`python -m helpers.course index`); edit the lessons, not this page."""

ATTENDEE_INTRO = """# Energy Time Series Storage and Analytics

Welcome! These are **your copies** of the lessons: run them in order, top to bottom, with the sandbox up
(`make workshop` starts it and opens this page). Change them as you like: `git pull` never touches them.

- Every cell already shows the output it should give, so you can compare your run with it. The outputs that
  answer a **Predict:** question are folded away (click the bar under the cell, or just run it), and so is
  the explanation that follows (click **Explanation**): make your prediction first.
- Each section ends with an **Exercise**: write your code in its cell, set `answer`, and run it. The cell's
  last line, `check("04.2", answer)`, says ✓ or gives a hint. Stuck? `solution("04.2")` in a new cell puts a
  solution in a cell below it.
- Words used before the lesson that teaches them link to the [glossary](../glossary.md).
- A fresh copy of a lesson (yours is kept in `backup/`): `python -m helpers.course restore 04` in a terminal.
- Joining late, or after a broken sandbox: `python -m helpers.course catch-up 04` brings the sandbox to the
  state lesson 04 starts from.

This page is generated (`python -m helpers.course attendee`)."""


def first_label(nb, labels: tuple[str, ...]) -> str:
    return next((text for text in (nbs.labelled_section(nb, label) for label in labels) if text), "")


def describe(nb) -> tuple[str, str]:
    """(what the lesson teaches, what it needs running), from its 'What you will learn' and
    'What must be running' sections."""
    return first_label(nb, LEARN_LABELS), first_label(nb, NEEDS_LABELS)


def missing_description(nb) -> list[str]:
    learn, needs = describe(nb)
    problems = [] if learn else [f"no '{LEARN_LABELS[0]}' section (the index shows it)"]
    return problems + ([] if needs else [f"no '{NEEDS_LABELS[0]}' section (the index shows it)"])


def lesson_cell(path: Path, attendee_link: bool = True):
    nb = nbs.read(path)
    learn, needs = describe(nb)
    if not attendee_link:  # the attendee's index sits one folder down from the glossary
        learn = links_one_folder_down(learn)
    text = (
        f"## [{nbs.title(nb)}]({path.name})\n\n**What you will learn**\n\n{learn or '(not stated)'}\n\n"
        f"**What must be running**\n\n{needs or '(not stated)'}"
    )
    if attendee_link:
        text += f"\n\nAttendee version: [{ATTENDEE_DIR}/{path.name}]({ATTENDEE_DIR}/{path.name})"
    return new_markdown_cell(text, id=f"lesson-{path.stem}"[:64])


def _notebook(intro: str, cells: list) -> nbformat.NotebookNode:
    nb = new_notebook(
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
    )
    nb.cells = [new_markdown_cell(intro, id="index-title"), *cells]
    return nb


def index_notebook(root: Path) -> nbformat.NotebookNode:
    """The solved lessons' index (notebooks/index.ipynb)."""
    return _notebook(INTRO, [lesson_cell(p) for p in nbs.numbered(root)])


def attendee_index(root: Path) -> nbformat.NotebookNode:
    """The attendee's index (notebooks/attendee/index.ipynb): the same lessons, linked in its own folder."""
    return _notebook(ATTENDEE_INTRO, [lesson_cell(p, attendee_link=False) for p in nbs.numbered(root)])


def stale(root: Path) -> list[str]:
    path = root / INDEX
    if not path.exists():
        return [f"{INDEX} is missing"]
    return [] if path.read_text(encoding="utf-8") == nbs.dumps(index_notebook(root)) else [f"{INDEX} is out of date"]


def generate(root: Path) -> bool:
    return nbs.write_if_changed(root / INDEX, nbs.dumps(index_notebook(root)))
