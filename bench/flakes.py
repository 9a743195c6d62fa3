"""Strict nbval runs in a row: which lessons passed every run, and which cells failed where.

    for i in 1 2 3 4 5; do
        .venv/bin/python -m pytest -p no:cacheprovider notebooks/[01][0-9]_*.ipynb --nbval \
            --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=600 --junitxml=.test-results/run-$i.xml
    done
    .venv/bin/python bench/flakes.py .test-results/run-*.xml     # the JUnit files, in the order they ran

Writes bench/results/flakes.md: per lesson, the runs that held it, how many passed (a run passes when
none of its cells failed or raised), and each failing cell with the first line of its message. Feed the same
files to bench/pacing.py for the cells' median times.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from pacing import LESSON_CLASS, RESULTS  # nbval's class names of the lessons, and where results go


def outcomes(junit_files: list[Path]) -> dict[str, list[list[str]]]:
    """Lesson (solved, or 'attendee/…') -> one list per run that held it: its failing cells, with their message."""
    found: dict[str, list[list[str]]] = defaultdict(list)
    for path in junit_files:
        failures: dict[str, list[str]] = defaultdict(list)
        for case in ET.parse(path).iter("testcase"):
            lesson = LESSON_CLASS.match(case.get("classname", ""))
            if not lesson:
                continue
            name = ("attendee/" if lesson.group(1) else "") + lesson.group(2)
            failures.setdefault(name, [])
            for problem in [*case.iter("failure"), *case.iter("error")]:
                first = (problem.get("message") or problem.text or "").strip().splitlines()
                failures[name].append(f"{case.get('name')}: {first[0][:120] if first else problem.tag}")
        for name, failed in failures.items():
            found[name].append(failed)
    return dict(found)


def table(found: dict[str, list[list[str]]], files: list[Path]) -> str:
    lines = [
        "# Strict nbval runs in a row",
        "",
        f"{len(files)} run(s), in this order: {', '.join(p.name for p in files)}. A run of a lesson passes when "
        "no cell failed. Rerun: see `bench/flakes.py`.",
        "",
        "| lesson | runs | passed | failures (run: cell: message) |",
        "|---|---:|---:|---|",
    ]
    for name in sorted(found):
        runs = found[name]
        failed = [f"{i}: {item}" for i, cells in enumerate(runs, 1) for item in cells]
        passed = sum(1 for cells in runs if not cells)
        lines.append(f"| {name} | {len(runs)} | {passed} | {'; '.join(failed) or '-'} |")
    total = sum(len(runs) for runs in found.values())
    clean = sum(1 for runs in found.values() for cells in runs if not cells)
    lines += ["", f"**{clean} of {total} lesson runs passed.**"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv]
    if not files:
        print(__doc__)
        return 2
    text = table(outcomes(files), files)
    (RESULTS / "flakes.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
