"""notebooks/index.ipynb: the lessons in order, each with what it teaches and what it needs running."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

from helpers.course import notebooks as nbs
from helpers.course.attendee import ATTENDEE_DIR, SOLUTIONS_DIR

INDEX = "index.ipynb"
LEARN_LABELS = ("What you will learn",)
NEEDS_LABELS = ("What must be running", "What you need", "Needs")
INTRO = f"""# Energy Time Series Storage and Analytics: the lessons

Run the lessons in order, top to bottom, with the sandbox up (`make workshop` starts it and opens this page).
Each section ends with an exercise and its self-check: `check("04.2", answer)` says ✓ or gives a hint.
The numbered notebooks here are the solved versions; `{ATTENDEE_DIR}/` holds the same lessons with empty
exercise cells, to work through yourself; every other cell keeps its expected output, so you can compare
your run with it. In an exercise cell, the commented `%load ../{SOLUTIONS_DIR}/...` line loads the
solution when you want it.

This page is generated from the lessons (`python -m helpers.course index`); edit the lessons, not this page."""


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


def lesson_cell(path: Path):
    nb = nbs.read(path)
    learn, needs = describe(nb)
    text = (
        f"## [{nbs.title(nb)}]({path.name})\n\n**What you will learn**\n\n{learn or '(not stated)'}\n\n"
        f"**What must be running**\n\n{needs or '(not stated)'}\n\n"
        f"Attendee version: [{ATTENDEE_DIR}/{path.name}]({ATTENDEE_DIR}/{path.name})"
    )
    return new_markdown_cell(text, id=f"lesson-{path.stem}"[:64])


def index_notebook(root: Path) -> nbformat.NotebookNode:
    nb = new_notebook(
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
    )
    nb.cells = [new_markdown_cell(INTRO, id="index-title"), *(lesson_cell(p) for p in nbs.numbered(root))]
    return nb


def stale(root: Path) -> list[str]:
    path = root / INDEX
    if not path.exists():
        return [f"{INDEX} is missing"]
    return [] if path.read_text(encoding="utf-8") == nbs.dumps(index_notebook(root)) else [f"{INDEX} is out of date"]


def generate(root: Path) -> bool:
    return nbs.write_if_changed(root / INDEX, nbs.dumps(index_notebook(root)))
