"""The course tooling (python -m helpers.course) on small synthetic notebooks, and on the real notebooks/ tree."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.course import attendee, index, lint, navigation
from helpers.course import notebooks as nbs
from helpers.course.__main__ import main
from helpers.course.audit import problems

KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


SOLUTIONS = ('answer = 42\ncheck("01.1", answer)', 'answer = 43\ncheck("01.2", answer)')
IMPORTS = "from helpers.course.checks import check\nfrom helpers.course.solutions import solution\n"


def lesson(title="01 · Lesson", solutions=None, kernel="python3"):
    """A small executed lesson in the learning loop's shape: title, intro, then one numbered section per
    solution, each with a predict prompt, a code cell and its output, and a self-checked exercise.
    The first code cell imports check and solution; each check line names the lesson's number."""
    lesson_number = title[:2]
    solutions = solutions or [s.replace('"01.', f'"{lesson_number}.') for s in SOLUTIONS]
    cells = [
        new_markdown_cell(f"# {title}"),
        new_markdown_cell("**What you will learn:** adding.\n\n**What must be running:** nothing."),
    ]
    count = 0
    for number, source in enumerate(solutions, start=1):
        count += 2
        cells += [
            new_markdown_cell(f"## {number} · Adding\n\n**Predict:** what is 1 + 1?"),
            new_code_cell(
                (IMPORTS if number == 1 else "") + "1 + 1",
                execution_count=count - 1,
                outputs=[new_output("execute_result", {"text/plain": "2"}, execution_count=count - 1)],
            ),
            new_markdown_cell(f"**Exercise {number}.** Do it."),
            new_code_cell(
                source,
                execution_count=count,
                metadata={"tags": ["solution"]},
                outputs=[new_output("stream", name="stdout", text="✓ right\n")],
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


def test_attendee_version_empties_exercises_and_keeps_expected_outputs(course):
    generate_all(course)
    nb = nbs.read(course / "attendee" / "01_first.ipynb")
    assert not any("solution" in nbs.tags(c) for c in nb.cells)
    shown = [c for c in nb.cells if c.cell_type == "code" and "exercise" not in nbs.tags(c)]
    assert shown and all(c.outputs for c in shown), "non-exercise cells keep their expected outputs"
    blank = next(c for c in nb.cells if "exercise" in nbs.tags(c))
    assert "answer = 42" not in blank.source and "answer = ...\n" in blank.source
    assert blank.source.splitlines()[-1] == 'check("01.1", answer)'
    assert 'solution("01.1")' in blank.source
    assert "not answered yet" in blank.outputs[0]["text"], "the stored output: what a blank answer gets"
    assert (course / "solutions" / "01_first" / "exercise_1.py").read_text() == SOLUTIONS[0] + "\n"
    assert "](index.ipynb)" in nb.cells[1].source, "the attendee's own index, in the same folder"
    assert (course / "attendee" / "index.ipynb").exists()


def test_attendee_check_finds_changed_and_removed_lessons(course):
    generate_all(course)
    changed = nbs.read(course / "02_second.ipynb")
    next(c for c in changed.cells if "solution" in nbs.tags(c)).source = 'answer = 44\ncheck("02.1", answer)'
    nbformat.write(changed, course / "02_second.ipynb")
    assert "solutions/02_second/exercise_1.py is out of date" in attendee.stale(course)
    (course / "03_third.ipynb").unlink()
    assert "attendee/03_third.ipynb should not exist" in attendee.stale(course)
    attendee.generate(course)
    assert attendee.stale(course) == []
    assert not (course / "attendee" / "03_third.ipynb").exists()


def test_lint_catches_a_stored_error_unless_it_is_expected():
    nb = lesson()
    nb.cells[3].outputs = [new_output("error", ename="ValueError", evalue="boom", traceback=[])]
    assert any("stores an error output" in p for p in lint.lesson(nb))
    nb.cells[3].metadata["tags"] = ["raises-expected"]
    assert lint.lesson(nb) == []


def test_lint_catches_wrong_kernel_and_titles():
    assert lint.lesson(lesson(kernel="ir")) == ["kernel is 'ir', not 'python3'"]
    nb = lesson()
    nb.cells.append(new_markdown_cell("# Another title\n```\n# a comment in a fence is no title\n```"))
    assert lint.lesson(nb) == ["2 '# ' titles, not exactly one: ['01 · Lesson', 'Another title']"]


def test_lint_catches_cells_that_did_not_run_or_ran_out_of_order():
    nb = lesson()
    nb.cells[3].execution_count = None
    assert lint.executed(nb) == ["cell 4 has no stored run (execution_count is empty): re-run the notebook"]
    nb.cells[3].execution_count = 5
    assert any("ran out of order" in p for p in lint.executed(nb))


def test_lint_wants_each_solution_after_its_prompt_and_ending_with_its_check():
    nb = lesson()
    nb.cells[3].metadata["tags"] = ["solution"]
    assert lint.exercises(nb) == [
        "cell 4 is a solution without an '**Exercise N.**' prompt right before it",
        'cell 4 is a solution that does not end with its check("NN.K", ...)',
    ]


def test_lint_wants_the_learning_loop_in_every_section():
    nb = lesson(solutions=SOLUTIONS[:1])
    nb.cells.append(new_markdown_cell("## 2 · Reading\n\nNo prompt, no exercise."))
    assert lint.learning_loop(nb) == [
        "1 predict prompts, fewer than 2",
        "1 self-checked exercises, fewer than 2",
        "section '2 · Reading' has no exercise",
    ]
    assert lint.learning_loop(lesson()) == []


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
    """Every lesson of the real tree: lint, navigation, attendee versions, solutions and the index."""
    assert problems(nbs.NOTEBOOKS) == []


def test_a_notebook_that_breaks_the_schema_is_reported():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 99 · Title")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells[0]["execution_count"] = 3  # a markdown cell has no execution count
    assert lint.kernel_and_title(nb) == [lint.valid(nb)[0]]
    assert lint.valid(nb)[0].startswith("not a valid notebook:")
