"""How long each lesson takes: measured cell times (nbval runs) plus reading and exercise minutes by rule.

    make test      # writes .test-results/lessons.xml (the lessons solved) and attendee.xml (the copies blank)
    .venv/bin/python bench/pacing.py run1.xml run2.xml run3.xml     # the junit files of three runs
    .venv/bin/python bench/pacing.py --guide run1.xml ...           # also the minutes of docs/instructor-guide.md
    .venv/bin/python bench/pacing.py all*.xml --then changed*.xml   # lessons rerun after a change: their later runs

Writes bench/results/pacing.md. Per lesson, the median over the runs of each cell's time, then:
- execution: the sum of those medians, for the core path (the attendee copy's blank run: exercises blank, the
  sections headed '## N · Title (deep dive)' skipped; without one, the solved run less its deep dives) and for
  the whole lesson (the solved run: every exercise solved, every deep dive run);
- reading: the prose at 200 words per minute (markdown and code read alike, in words);
- exercises: 3 minutes + 1 minute per line of code of the solution, each (blank, comment, print and check
  lines not counted); checked against new users' trials in docs/instructor-guide.md ("Pacing");
- the limits of the attendee path: core ≤ 150 s and whole ≤ 300 s of execution, no cell over 40 s unless
  it is tagged `drill` (≤ 90 s).
"""

from __future__ import annotations

import re
import statistics
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import guide_minutes  # noqa: E402

from helpers.common.paths import REPO_ROOT  # noqa: E402
from helpers.course import attendee  # noqa: E402
from helpers.course import notebooks as nbs  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
GUIDE = REPO_ROOT / "docs" / "instructor-guide.md"
WORDS_PER_MINUTE = 200
EXERCISE_MINUTES, MINUTES_PER_SOLUTION_LINE = 3, 1
CORE_LIMIT, WHOLE_LIMIT, CELL_LIMIT, DRILL_LIMIT = 150, 300, 40, 90
LESSON_CLASS = re.compile(r"^notebooks\.(attendee\.)?(\d\d_\w+)\.ipynb$")  # nbval's class: a lesson, or its copy
NOT_WRITTEN = ("#", "print(", "check(")
CELL_NAME = re.compile(r"^Cell (\d+)$")
WORD = re.compile(r"\w+")


def cell_times(junit_files: list[Path]) -> dict[tuple[str, str], dict[int, float]]:
    """("solved" or "attendee", lesson stem) -> nbval cell number -> median seconds over the runs."""
    runs: dict[tuple[str, str], dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for path in junit_files:
        for case in ET.parse(path).iter("testcase"):
            lesson, cell = LESSON_CLASS.match(case.get("classname", "")), CELL_NAME.match(case.get("name", ""))
            if lesson and cell:
                kind = "attendee" if lesson.group(1) else "solved"
                runs[kind, lesson.group(2)][int(cell.group(1))].append(float(case.get("time", 0)))
    return {key: {cell: statistics.median(t) for cell, t in cells.items()} for key, cells in runs.items()}


def grouped_cell_times(groups: list[list[Path]]) -> dict[tuple[str, str], dict[int, float]]:
    """``cell_times`` of each group of runs; a lesson's times come from the last group that holds it (the runs
    of lessons changed after the others ran)."""
    times: dict[tuple[str, str], dict[int, float]] = {}
    for group in groups:
        times |= cell_times(group)
    return times


def deep_dive_cells(nb) -> set[int]:
    """Indices (among code cells, as nbval numbers them) of the cells of the deep-dive sections."""
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    optional = {id(cell) for cell in attendee.deep_dive_cells(nb.cells)}
    return {i for i, cell in enumerate(code) if id(cell) in optional}


def code_lines(source: str) -> int:
    """The lines an attendee writes: not blank, not a comment, not a print or the check line."""
    return sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith(NOT_WRITTEN))


def exercise_minutes_each(solutions) -> list[int]:
    """Each exercise's minutes by the rule, in the lesson's order: 3 + 1 per line of code of its solution."""
    return [EXERCISE_MINUTES + MINUTES_PER_SOLUTION_LINE * code_lines(source) for source in solutions]


def lesson_row(path: Path, times: dict[int, float], blank: dict[int, float] | None) -> dict:
    """The lesson's pacing: `times` from its solved run, `blank` from its attendee copy's blank run (the core
    path: exercises blank, deep dives skipped), if there was one."""
    nb = nbs.read(path)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    deep, optional = deep_dive_cells(nb), {id(cell) for cell in attendee.deep_dive_cells(nb.cells, code_only=False)}

    def minutes(cells) -> tuple[float, list[int]]:
        """(reading minutes, each exercise's minutes) of `cells`."""
        words = sum(len(WORD.findall(cell.source)) for cell in cells if "solution" not in nbs.tags(cell))
        return words / WORDS_PER_MINUTE, exercise_minutes_each(c.source for c in cells if "solution" in nbs.tags(c))

    reading, each = minutes(nb.cells)
    core_reading, core_each = minutes([cell for cell in nb.cells if id(cell) not in optional])
    exercise_minutes, core_exercises = sum(each), sum(core_each)
    whole = sum(times.values())
    core = sum(blank.values()) if blank else sum(t for i, t in times.items() if i not in deep)
    over = [
        f"cell {i} {t:.0f} s"
        for i, t in sorted(times.items())
        if t > (DRILL_LIMIT if i < len(code) and "drill" in nbs.tags(code[i]) else CELL_LIMIT)
    ]
    return {
        "lesson": path.stem,
        "core_s": core,
        "whole_s": whole,
        "reading_min": reading,
        "exercises": len(each),
        "exercise_min": exercise_minutes,
        "exercise_min_each": each,
        "core_minutes": core_reading + core_exercises + core / 60,
        "minutes": reading + exercise_minutes + whole / 60,
        "over": over,
        "ok": core <= CORE_LIMIT and whole <= WHOLE_LIMIT and not over,
    }


def table(rows: list[dict], runs: int) -> str:
    lines = [
        "# Pacing: execution measured, reading and exercises by rule",
        "",
        f"Per cell, the median over {runs} JUnit file(s) that hold it; reading at {WORDS_PER_MINUTE} words a minute; "
        "each exercise "
        f"{EXERCISE_MINUTES} min + {MINUTES_PER_SOLUTION_LINE} min per line of code of its solution. Limits: core path "
        f"≤ {CORE_LIMIT} s, whole lesson ≤ {WHOLE_LIMIT} s of execution, a cell ≤ {CELL_LIMIT} s "
        f"(a `drill` cell ≤ {DRILL_LIMIT} s). Rerun: see `bench/pacing.py`.",
        "",
        "| lesson | core s | whole s | reading min | exercises | exercise min | core path min | whole min | "
        "cells over the limit | within limits |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['lesson']} | {r['core_s']:.0f} | {r['whole_s']:.0f} | {r['reading_min']:.0f} | {r['exercises']} | "
            f"{r['exercise_min']} | {r['core_minutes']:.0f} | {r['minutes']:.0f} | {', '.join(r['over']) or '-'} | "
            f"{'yes' if r['ok'] else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    groups = [[]]
    for arg in (a for a in argv if a != "--guide"):
        groups.append([]) if arg == "--then" else groups[-1].append(Path(arg))
    files = [path for group in groups for path in group]
    if not files:
        print(__doc__)
        return 2
    times = grouped_cell_times(groups)
    rows = [
        lesson_row(path, times["solved", path.stem], times.get(("attendee", path.stem)))
        for path in nbs.numbered()
        if ("solved", path.stem) in times
    ]
    text = table(rows, len(files))
    (RESULTS / "pacing.md").write_text(text, encoding="utf-8")
    print(text)
    if "--guide" in argv:
        GUIDE.write_text(guide_minutes.update(GUIDE.read_text(encoding="utf-8"), rows), encoding="utf-8")
        _, one_day = guide_minutes.schedule(guide_minutes.lesson_minutes(rows))
        print(f"wrote the minutes of {GUIDE.relative_to(REPO_ROOT)}; the one-day schedule: {one_day} min")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
