"""Find, read and write the course's notebooks, and read what they say about themselves."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from helpers.common.paths import REPO_ROOT

NOTEBOOKS = REPO_ROOT / "notebooks"
NUMBERED = re.compile(r"^\d\d_.+\.ipynb$")
TITLE = re.compile(r"^# (?!#)(.+)$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def numbered(root: Path = NOTEBOOKS) -> list[Path]:
    """The lessons, NN_name.ipynb, in course order."""
    return sorted(p for p in root.glob("*.ipynb") if NUMBERED.match(p.name))


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def dumps(nb: nbformat.NotebookNode) -> str:
    """The notebook as Jupyter writes it (so regenerating an unchanged notebook changes no byte)."""
    return nbformat.writes(nb) + "\n"


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` to `path` unless it already holds exactly that. True if written."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def titles(cell) -> list[str]:
    """The level-1 headings of a markdown cell (ignoring fenced code)."""
    if cell.cell_type != "markdown":
        return []
    return TITLE.findall(FENCE.sub("", cell.source))


def title(nb) -> str:
    """The notebook's first level-1 heading, e.g. '00 · Setup check'."""
    for cell in nb.cells:
        found = titles(cell)
        if found:
            return found[0].strip()
    raise ValueError("the notebook has no '# ' title")


def title_cell_index(nb) -> int:
    return next(i for i, cell in enumerate(nb.cells) if titles(cell))


def labelled_section(nb, label: str) -> str:
    """The markdown under a label, written '**Label:** text', '**Label**' + lines, or '## Label' + lines;
    it ends at the next heading, the next '**What ...' label, or the end of the cell ('' if there is none)."""
    pattern = re.compile(
        rf"^(?:#+[ \t]*{re.escape(label)}[ \t]*:?[ \t]*$|\*\*{re.escape(label)}:?\*\*:?)(.*?)"
        rf"(?=^#|^\*\*What |\Z)",
        re.MULTILINE | re.DOTALL | re.IGNORECASE,
    )
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = pattern.search(cell.source)
            if match and match.group(1).strip():
                return match.group(1).strip()
    return ""
