"""Which names a lesson's code cells define and use, read from the code (nothing runs).

An attendee's exercise cells are blank, so a cell outside the exercises must not use a name that only a
solution defines: the attendee copy would stop there with a NameError. And since an attendee writes only
`answer`, every check line passes `answer`, and the first code cell imports `check` and `solution`.
"""

from __future__ import annotations

import ast
import builtins

from helpers.course import notebooks as nbs
from helpers.course.attendee import deep_dive_cells
from helpers.course.lint import CHECK_LINE, SOLUTION_TAG

IPYTHON_NAMES = {"get_ipython", "display", "In", "Out", "exit", "quit"}
FIRST_CELL_IMPORTS = ("check", "solution")


def python_of(source: str) -> str:
    """The cell's Python, without IPython's magics and shell escapes (a cell magic's cell has none)."""
    if source.lstrip().startswith("%%"):
        return ""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def defined_and_used(source: str) -> tuple[set[str], set[str]]:
    """(names the code binds, names it reads)."""
    defined, used = set(), set()
    for node in ast.walk(ast.parse(python_of(source))):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else defined).add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            defined |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            defined.add(node.name)
    return defined, used


def solution_only_uses(nb) -> list[str]:
    """Cells outside the exercises and deep dives that use a name only a solution or a deep dive defined
    before them (the attendee's blank run has neither)."""
    known = set(dir(builtins)) | IPYTHON_NAMES
    optional = {id(cell) for cell in deep_dive_cells(nb.cells)}
    only_in_optional: dict[str, str] = {}  # name -> "an exercise's solution" or "a deep dive"
    problems = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        try:
            defined, used = defined_and_used(cell.source)
        except SyntaxError as error:
            problems.append(f"cell {number} is not valid Python ({error.msg})")
            continue
        if SOLUTION_TAG in nbs.tags(cell) or id(cell) in optional:
            where = "an exercise's solution" if SOLUTION_TAG in nbs.tags(cell) else "a deep dive"
            only_in_optional |= {name: where for name in defined - known}
            continue
        missing = sorted((used & set(only_in_optional)) - defined)
        if missing:
            where = " or ".join(sorted({only_in_optional[name] for name in missing}))
            problems.append(
                f"cell {number} uses {', '.join(missing)}, which only {where} defines: "
                f"the attendee's copy would stop there (define it in this cell or an earlier one)"
            )
        known |= defined
        for name in defined:
            only_in_optional.pop(name, None)
    return problems


def check_lines(nb, lesson: str) -> list[str]:
    """Each solution's check line is check("NN.K", answer), numbered in order, NN the lesson's number."""
    problems, count = [], 0
    for number, cell in enumerate(nb.cells, start=1):
        if SOLUTION_TAG not in nbs.tags(cell):
            continue
        count += 1
        for line in cell.source.splitlines():
            match = CHECK_LINE.match(line)
            if match and (match.group(1), int(match.group(2)), match.group(3)) != (lesson, count, "answer"):
                problems.append(
                    f'cell {number}: the check line should be check("{lesson}.{count}", answer) '
                    f"(the attendee defines `answer` only), not {line.strip()}"
                )
    return problems


def first_cell_imports(nb) -> list[str]:
    """The first code cell imports what every exercise cell calls: check and solution."""
    if not any(SOLUTION_TAG in nbs.tags(cell) for cell in nb.cells):
        return []
    first = next((cell for cell in nb.cells if cell.cell_type == "code"), None)
    defined = defined_and_used(first.source)[0] if first is not None else set()
    missing = [name for name in FIRST_CELL_IMPORTS if name not in defined]
    if not missing:
        return []
    return [f"the first code cell does not import {', '.join(missing)} (every exercise cell calls them)"]


def self_contained(nb, lesson: str) -> list[str]:
    """Every rule above, for lesson `lesson` ('04')."""
    return first_cell_imports(nb) + solution_only_uses(nb) + check_lines(nb, lesson)
