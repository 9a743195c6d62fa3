"""Previous / index / next links at the top (after the title) and at the bottom of every lesson."""

from __future__ import annotations

import copy
from pathlib import Path

from nbformat.v4 import new_markdown_cell

from helpers.course import notebooks as nbs

TAG = "navigation"
CELL_IDS = ("navigation-top", "navigation-bottom")


def links(lessons: list[Path], position: int, index_href: str = "index.ipynb") -> str:
    """'[← previous](..) | [Index](index.ipynb) | [next →](..)' for lessons[position]."""
    parts = []
    if position > 0:
        before = lessons[position - 1]
        parts.append(f"[← {nbs.title(nbs.read(before))}]({before.name})")
    parts.append(f"[Index]({index_href})")
    if position < len(lessons) - 1:
        after = lessons[position + 1]
        parts.append(f"[{nbs.title(nbs.read(after))} →]({after.name})")
    return " | ".join(parts)


def is_navigation(cell) -> bool:
    return TAG in nbs.tags(cell)


def without_navigation(nb):
    stripped = copy.deepcopy(nb)
    stripped.cells = [cell for cell in stripped.cells if not is_navigation(cell)]
    return stripped


def with_navigation(nb, text: str):
    """A copy of `nb` with exactly two navigation cells: after the title and at the end."""
    result = without_navigation(nb)
    top, bottom = (new_markdown_cell(text, id=cell_id, metadata={"tags": [TAG]}) for cell_id in CELL_IDS)
    result.cells.insert(nbs.title_cell_index(result) + 1, top)
    result.cells.append(bottom)
    return result


def expected(root: Path) -> dict[Path, str]:
    """Every lesson's text as it should be, with current navigation."""
    lessons = nbs.numbered(root)
    return {path: nbs.dumps(with_navigation(nbs.read(path), links(lessons, i))) for i, path in enumerate(lessons)}
