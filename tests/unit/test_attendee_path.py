"""The attendee's path without a sandbox: copies that are the lessons cell for cell, lessons that need no
solution to run, predictions out of view, working copies that git never touches, solutions loaded without
an error, and one run of a lesson at a time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.course import attendee, names, runs, solutions, workspace
from helpers.course import notebooks as nbs
from helpers.course.index import INDEX
from helpers.sandbox.jupyter import START_PAGE, jupyter_command, jupyter_url

LESSONS = nbs.numbered()


def comparable(nb):
    """A notebook's cells as (type, source, outputs, metadata without the run's timings)."""

    def meta(cell):
        return {k: v for k, v in cell.metadata.items() if k != "execution"}

    return [(c.cell_type, c.source, c.get("outputs"), meta(c)) for c in nb.cells]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_the_attendee_copy_with_its_solutions_put_back_is_the_lesson(path):
    """So the lesson's own nbval run is the attendee copy's solved run."""
    lesson = nbs.read(path)
    copy = nbs.read(path.parent / attendee.ATTENDEE_DIR / path.name)
    files = (path.parent / solutions.SOLUTIONS_DIR / path.stem).glob("exercise_*.py")
    sources = [p.read_text(encoding="utf-8") for p in sorted(files, key=lambda p: int(p.stem.split("_")[1]))]
    restored = attendee.with_solutions(copy, sources, lesson)
    assert comparable(restored) == comparable(lesson)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_no_cell_outside_the_exercises_needs_a_solution(path):
    assert names.self_contained(nbs.read(path), path.name[:2]) == []


def test_a_cell_that_uses_a_name_only_a_solution_defines_is_reported():
    nb = new_notebook(
        cells=[
            new_code_cell("from helpers.course.checks import check\nfrom helpers.course.solutions import solution"),
            new_code_cell(
                "from cassandra.cluster import Cluster\nanswer = len([h for h in hosts])\ncheck('00.1', answer)",
                metadata={"tags": ["solution"]},
            ),
            new_code_cell("cluster = Cluster(['127.0.0.1'])\nprint(sorted(x for x in cluster.metadata))"),
            new_code_cell("f = lambda row: row[0]\nanswer = 1\ncheck('00.2', answer)", metadata={"tags": ["solution"]}),
            new_code_cell("print(f(answer))"),
        ]
    )
    found = names.self_contained(nb, "00")
    assert found == [
        "cell 3 uses Cluster, which only an exercise's solution defines: the attendee's copy would stop there "
        "(define it in this cell or an earlier one)",
        "cell 5 uses answer, f, which only an exercise's solution defines: the attendee's copy would stop there "
        "(define it in this cell or an earlier one)",
    ]


def test_check_lines_name_only_answer_and_the_first_cell_imports_check_and_solution():
    nb = new_notebook(
        cells=[
            new_code_cell("import pandas as pd"),
            new_code_cell("solstice = 1\ncheck('07.1', solstice)", metadata={"tags": ["solution"]}),
            new_code_cell("answer = 2\ncheck('07.3', answer)", metadata={"tags": ["solution"]}),
        ]
    )
    assert names.self_contained(nb, "07") == [
        "the first code cell does not import check, solution (every exercise cell calls them)",
        'cell 2: the check line should be check("07.1", answer) (the attendee defines `answer` only), '
        "not check('07.1', solstice)",
        'cell 3: the check line should be check("07.2", answer) (the attendee defines `answer` only), '
        "not check('07.3', answer)",
    ]


def predicting_lesson():
    return new_notebook(
        cells=[
            new_markdown_cell("**Predict:** what is 1 + 1?"),
            new_code_cell("1 + 1", outputs=[new_output("execute_result", {"text/plain": "2"}, execution_count=1)]),
            new_markdown_cell("Two, because...\n\n**Exercise 1.** Add.\n"),
            new_code_cell('answer = 3\ncheck("01.1", answer)', metadata={"tags": ["solution"]}),
            new_code_cell("2 + 2", outputs=[new_output("execute_result", {"text/plain": "4"}, execution_count=2)]),
        ]
    )


def test_a_prediction_s_answer_and_explanation_are_out_of_view_and_the_rest_is_not():
    lesson = predicting_lesson()
    copy, sources = attendee.attendee_version(lesson)
    answer, explanation, after = copy.cells[1], copy.cells[2], copy.cells[4]
    assert answer.metadata["jupyter"]["outputs_hidden"] and answer.metadata["collapsed"]
    assert answer.outputs, "the output is kept (nbval compares it), only folded"
    assert explanation.source.startswith("<details>") and "Two, because..." in explanation.source
    assert explanation.source.index("</details>") < explanation.source.index("**Exercise 1.**"), (
        "the exercise's prompt stays in view"
    )
    assert "jupyter" not in after.metadata and "collapsed" not in after.metadata
    assert attendee.with_solutions(copy, sources, lesson).cells == lesson.cells


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_predict_prompt_of_the_attendee_copy_has_its_answer_folded(path):
    copy = nbs.read(path.parent / attendee.ATTENDEE_DIR / path.name)
    for position, cell in enumerate(copy.cells[:-1]):
        if cell.cell_type == "markdown" and attendee.PREDICT.search(cell.source):
            following = copy.cells[position + 1]
            if following.cell_type == "code" and following.outputs and "exercise" not in nbs.tags(following):
                assert following.metadata.get("jupyter", {}).get("outputs_hidden"), f"cell {position + 2}"


def attendee_tree(tmp_path):
    root = tmp_path / "notebooks"
    (root / "attendee").mkdir(parents=True)
    for name in ("00_setup.ipynb", "01_data.ipynb", INDEX):
        nbformat.write(new_notebook(cells=[new_markdown_cell(f"# {name}")]), root / "attendee" / name)
    return root


def test_the_working_copies_are_made_once_and_never_overwritten(tmp_path):
    root = attendee_tree(tmp_path)
    said = workspace.prepare(root)
    assert said == ["new copy: workspace/00_setup.ipynb", "new copy: workspace/01_data.ipynb"]
    mine = root / "workspace" / "01_data.ipynb"
    mine.write_text("my work", encoding="utf-8")
    assert workspace.prepare(root) == []
    (root / "attendee" / "01_data.ipynb").write_text("the morning's fix", encoding="utf-8")
    said = workspace.prepare(root)
    assert mine.read_text(encoding="utf-8") == "my work"
    assert said == [
        "01_data.ipynb changed since your copy was made: `python -m helpers.course restore 01` takes the new one "
        "(yours goes to workspace/backup/)"
    ]


def test_restore_gives_a_fresh_copy_and_keeps_the_old_one(tmp_path):
    import datetime as dt

    root = attendee_tree(tmp_path)
    workspace.prepare(root)
    (root / "workspace" / "01_data.ipynb").write_text("my work", encoding="utf-8")
    said = workspace.restore("01", root, now=dt.datetime(2026, 12, 6, 9, 30))
    assert (
        said
        == "fresh copy: workspace/01_data.ipynb; your copy is kept as workspace/backup/01_data-20261206-093000.ipynb"
    )
    assert (root / "workspace" / "backup" / "01_data-20261206-093000.ipynb").read_text(encoding="utf-8") == "my work"
    assert (root / "workspace" / "01_data.ipynb").read_bytes() == (root / "attendee" / "01_data.ipynb").read_bytes()
    with pytest.raises(Exception, match="No lesson '07'; the lessons are 00_setup, 01_data"):
        workspace.restore("07", root)


def test_git_ignores_the_working_copies():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "notebooks/workspace/02_kafka_pubsub.ipynb"], cwd=nbs.NOTEBOOKS.parent
    )
    assert ignored.returncode == 0


def test_jupyterlab_opens_on_the_attendee_index():
    assert START_PAGE == "/lab/tree/workspace/index.ipynb"
    assert f"--ServerApp.default_url={START_PAGE}" in jupyter_command(token="t")
    assert jupyter_url("t") == f"http://127.0.0.1:8888{START_PAGE}?token=t"


def test_solution_puts_the_solution_in_a_new_cell_without_running_anything():
    """In a real IPython kernel, as JupyterLab runs it: the reply carries a set_next_input payload (JupyterLab
    makes it a new cell below), the cell succeeds without an error, and the solution itself does not run."""
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        reply = client.execute_interactive(
            'answer = ...\nfrom helpers.course.solutions import solution\nsolution("02.1")'
        )
        after = client.execute_interactive("assert answer is ...", timeout=30)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    source = (nbs.NOTEBOOKS / "solutions" / "02_kafka_pubsub" / "exercise_1.py").read_text(encoding="utf-8")
    assert reply["content"]["status"] == "ok" and after["content"]["status"] == "ok", "nothing raised or ran"
    assert reply["content"]["payload"] == [{"source": "set_next_input", "text": source.rstrip("\n"), "replace": False}]


def test_solution_of_an_unknown_exercise_says_how_they_are_named():
    with pytest.raises(Exception, match=r"No solution for exercise '2\.1': exercises are named like \"04\.2\""):
        solutions.solution_source("2.1")


def test_a_second_live_process_is_refused_a_lesson_and_a_dead_one_holds_nothing(tmp_path):
    runs.hold("02", tmp_path)
    runs.hold("02", tmp_path)  # the same kernel runs its first cell again
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with pytest.raises(runs.LessonBusy, match=rf"Lesson 02 is already running .* \(pid {os.getpid()},"):
            runs.hold("02", tmp_path, pid=other.pid)
        runs.hold("03", tmp_path, pid=other.pid)  # another lesson is free
    finally:
        other.kill()
        other.wait()
    runs.hold("03", tmp_path)  # its holder ended: taken over
    assert json.loads((tmp_path / "lesson-03.json").read_text())["pid"] == os.getpid()


def test_a_term_used_before_its_lesson_must_link_to_the_glossary_the_first_time():
    from helpers.course import glossary

    def lesson_02(*prose):
        return new_notebook(cells=[new_markdown_cell("# 02 · Kafka"), *(new_markdown_cell(text) for text in prose)])

    early = lesson_02("## 1 · Topics\n\nThe controller placed the replicas.", "## 7 · KRaft\n\nThe controller.")
    assert glossary.unlinked_uses(early, "02") == [
        "cell 2: 'controller' is used before lesson 02, §7, teaches it: link its first use in the lesson to the "
        "glossary, [controller](glossary.md#controller)"
    ]
    linked = lesson_02("## 1 · Topics\n\nThe [controller](glossary.md#controller) placed them; the controller.")
    in_code = lesson_02("## 1 · Topics\n\n`KafkaProducer(acks=1)` only.")
    taught = lesson_02("## 7 · KRaft\n\nThe controller.")
    assert glossary.unlinked_uses(linked, "02") == glossary.unlinked_uses(in_code, "02") == []
    assert glossary.unlinked_uses(taught, "02") == []
    assert glossary.unlinked_uses(lesson_02("The deck's table: the seed's."), "07")[0].startswith(
        "cell 2: 'the seed's' is used before any lesson teaches it"
    )
    assert "glossary.md" in glossary.GLOSSARY and all(
        f'<a id="{t.anchor}">' in glossary.markdown() for t in glossary.TERMS
    )


def test_the_attendee_copies_link_the_glossary_one_folder_up():
    copy = nbs.read(nbs.NOTEBOOKS / attendee.ATTENDEE_DIR / "02_kafka_pubsub.ipynb")
    prose = "\n".join(cell.source for cell in copy.cells if cell.cell_type == "markdown")
    assert "](../glossary.md#controller)" in prose and "](glossary.md#" not in prose


@pytest.mark.parametrize(
    ("lesson", "steps"),
    [
        (0, ["sandbox"]),
        (4, ["sandbox", "dataset"]),
        (9, ["sandbox", "dataset"]),
        (10, ["sandbox", "dataset", "rollups"]),
    ],
)
def test_catching_up_to_a_lesson_prepares_what_it_reads_from_earlier_ones(lesson, steps):
    from helpers.course.catch_up import steps as catch_up_steps

    assert [what for what, _ in catch_up_steps(lesson)] == steps


def test_every_tick_stored_in_a_lesson_is_one_its_check_still_says():
    """A check's success message changed without re-running its lesson fails strict nbval in CI, late."""
    import inspect
    import re

    from helpers.course import checks

    registry = checks.load_all()
    for path in LESSONS:
        for cell in nbs.read(path).cells:
            for output in cell.get("outputs", []) if "solution" in nbs.tags(cell) else []:
                for tick in re.finditer(r"✓ (\d\d\.\d+): (.*)", output.get("text", "")):
                    check = registry[tick.group(1)]
                    source = inspect.getsource(inspect.getmodule(check.verify))
                    assert tick.group(2) == check.success or tick.group(2) in source, (path.name, tick.group(0))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_attendee_cell_that_stores_output_has_a_run(path):
    """nbval fails a cell that stores outputs but no execution count ("Unrun reference cell has outputs")."""
    copy = nbs.read(path.parent / attendee.ATTENDEE_DIR / path.name)
    unrun = [i for i, cell in enumerate(copy.cells) if cell.get("outputs") and cell.get("execution_count") is None]
    assert unrun == []


MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize(
    "path",
    [*LESSONS, *sorted((nbs.NOTEBOOKS / attendee.ATTENDEE_DIR).glob("*.ipynb")), nbs.NOTEBOOKS / INDEX],
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_every_relative_link_opens_a_file(path):
    """A new user found the attendee index's glossary links pointing at a file that is not beside it."""
    broken = []
    for cell in nbs.read(path).cells:
        if cell.cell_type != "markdown":
            continue
        for target in MARKDOWN_LINK.findall(cell.source):
            if "://" in target or target.startswith(("#", "mailto:")):
                continue
            if not (path.parent / target.split("#")[0]).exists():
                broken.append(target)
    assert not broken, f"{path.name}: links to missing files: {broken}"


def test_a_workshop_error_shows_its_message_not_a_traceback(capsys):
    """A new user met LessonBusy as a traceback through the helpers' internals; IPython shows the message."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell("from helpers.course.runs import LessonBusy\nraise LessonBusy('lesson 03 is open elsewhere')")
    shown = capsys.readouterr()
    text = shown.out + shown.err
    assert "LessonBusy: lesson 03 is open elsewhere" in text
    assert "Traceback" not in text and "File " not in text, text
