"""The course tooling (python -m helpers.course) on small synthetic notebooks, and on the real notebooks/ tree."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.course import attendee, index, lint, navigation
from helpers.course import notebooks as nbs
from helpers.course.__main__ import main
from helpers.course.check import problems

KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def lesson(title="01 · Lesson", solutions=("print(42)",), kernel="python3"):
    """A small executed lesson: title, intro, one code cell, then exercises with solution cells."""
    cells = [
        new_markdown_cell(f"# {title}"),
        new_markdown_cell("**What you will learn:** adding.\n\n**What must be running:** nothing."),
        new_code_cell(
            "1 + 1", execution_count=1, outputs=[new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
        ),
        new_markdown_cell("## Exercises"),
    ]
    for number, source in enumerate(solutions, start=1):
        cells += [
            new_markdown_cell(f"**Exercise {number}.** Do it."),
            new_code_cell(
                source,
                execution_count=number + 1,
                metadata={"tags": ["solution"]},
                outputs=[new_output("stream", name="stdout", text="42\n")],
            ),
        ]
    return new_notebook(cells=cells, metadata={"kernelspec": {**KERNEL, "name": kernel}})


@pytest.fixture
def course(tmp_path):
    """A notebooks/ folder with three lessons."""
    for name, title in (("01_first", "01 · First"), ("02_second", "02 · Second"), ("03_third", "03 · Third")):
        nbformat.write(lesson(title), tmp_path / f"{name}.ipynb")
    return tmp_path


def generate_all(root):
    for command in ("nav", "attendee", "index"):
        assert main([command, "--root", str(root)]) == 0


def test_nav_inserts_links_after_the_title_and_at_the_bottom(course):
    generate_all(course)
    nb = nbs.read(course / "02_second.ipynb")
    assert navigation.is_navigation(nb.cells[1]) and navigation.is_navigation(nb.cells[-1])
    assert nb.cells[1].source == (
        "[← 01 · First](01_first.ipynb) | [Index](index.ipynb) | [03 · Third →](03_third.ipynb)"
    )
    first = nbs.read(course / "01_first.ipynb").cells[1].source
    assert first == "[Index](index.ipynb) | [02 · Second →](02_second.ipynb)"
    assert sum(navigation.is_navigation(c) for c in nb.cells) == 2


def test_nav_is_idempotent(course):
    generate_all(course)
    before = {p: p.read_text() for p in course.rglob("*") if p.is_file()}
    generate_all(course)
    assert {p: p.read_text() for p in course.rglob("*") if p.is_file()} == before
    assert problems(course) == []
    assert main(["check", "--root", str(course)]) == 0


def test_check_finds_stale_navigation_when_a_lesson_is_added(course):
    generate_all(course)
    nbformat.write(lesson("04 · Fourth"), course / "04_fourth.ipynb")
    found = problems(course)
    assert "03_third.ipynb: navigation links missing or stale" in found
    assert "04_fourth.ipynb: navigation links missing or stale" in found
    assert "index.ipynb is out of date" in found
    assert main(["check", "--root", str(course)]) == 1


def test_attendee_version_strips_solutions_and_outputs(course):
    generate_all(course)
    nb = nbs.read(course / "attendee" / "01_first.ipynb")
    assert not any("solution" in nbs.tags(c) for c in nb.cells)
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code")
    hint = next(c for c in nb.cells if "exercise" in nbs.tags(c))
    load = next(line for line in hint.source.splitlines() if "%load" in line)
    solution = (course / "attendee" / load.split("%load ")[1]).resolve()
    assert solution == course / "solutions" / "01_first" / "exercise_1.py"
    assert solution.read_text() == "print(42)\n"
    assert "](../index.ipynb)" in nb.cells[1].source


def test_attendee_check_finds_changed_and_removed_lessons(course):
    generate_all(course)
    changed = nbs.read(course / "02_second.ipynb")
    next(c for c in changed.cells if "solution" in nbs.tags(c)).source = "print(43)"
    nbformat.write(changed, course / "02_second.ipynb")
    assert "solutions/02_second/exercise_1.py is out of date" in attendee.stale(course)
    (course / "03_third.ipynb").unlink()
    assert "attendee/03_third.ipynb should not exist" in attendee.stale(course)
    attendee.generate(course)
    assert attendee.stale(course) == []
    assert not (course / "attendee" / "03_third.ipynb").exists()


def test_lint_catches_a_stored_error_unless_it_is_expected():
    nb = lesson()
    nb.cells[2].outputs = [new_output("error", ename="ValueError", evalue="boom", traceback=[])]
    assert any("stores an error output" in p for p in lint.lesson(nb))
    nb.cells[2].metadata["tags"] = ["raises-expected"]
    assert lint.lesson(nb) == []


def test_lint_catches_wrong_kernel_and_titles():
    assert lint.lesson(lesson(kernel="ir")) == ["kernel is 'ir', not 'python3'"]
    nb = lesson()
    nb.cells.append(new_markdown_cell("# Another title\n```\n# a comment in a fence is no title\n```"))
    assert lint.lesson(nb) == ["2 '# ' titles, not exactly one: ['01 · Lesson', 'Another title']"]


def test_lint_catches_cells_that_did_not_run_or_ran_out_of_order():
    nb = lesson(solutions=("print(1)", "print(2)"))
    nb.cells[2].execution_count = None
    assert lint.executed(nb) == ["cell 3 has no stored run (execution_count is empty): re-run the notebook"]
    nb.cells[2].execution_count = 5
    assert any("ran out of order" in p for p in lint.executed(nb))


def test_lint_wants_solutions_under_the_exercises_heading():
    nb = lesson()
    nb.cells[2].metadata["tags"] = ["solution"]
    assert lint.exercises(nb) == ["cell 3 is a solution before the '## Exercises' heading"]


def test_index_lists_every_lesson_with_what_it_teaches_and_needs(course):
    index.generate(course)
    nb = nbs.read(course / "index.ipynb")
    assert lint.kernel_and_title(nb) == []
    assert [c.source.splitlines()[0] for c in nb.cells[1:]] == [
        "## [01 · First](01_first.ipynb)",
        "## [02 · Second](02_second.ipynb)",
        "## [03 · Third](03_third.ipynb)",
    ]
    assert "**What you will learn**\n\nadding.\n\n**What must be running**\n\nnothing." in nb.cells[1].source


@pytest.mark.parametrize(
    "intro",
    [
        "**What you will learn:** adding.\n\n**What must be running:** nothing.",
        "**What you will learn**\n- adding.\n\n**What must be running**: nothing.",
        "## What you will learn\n- adding.\n\n## What must be running\nnothing.",
    ],
)
def test_index_reads_each_way_of_writing_the_introduction(intro):
    nb = lesson()
    nb.cells[1].source = intro
    learn, needs = index.describe(nb)
    assert learn.endswith("adding.") and needs == "nothing."


def test_real_notebooks_are_current():
    """Every numbered lesson of the real tree is linted, and its navigation, attendee version and index entry
    are current (regenerate with python -m helpers.course nav, attendee, index)."""
    assert nbs.numbered(), "no numbered lesson found in notebooks/"
    assert problems(nbs.NOTEBOOKS) == []
