"""Everything `python -m helpers.course check` verifies, as a list of problems (empty: all good)."""

from __future__ import annotations

from pathlib import Path

from helpers.course import attendee, glossary, index, lint, names, navigation
from helpers.course import notebooks as nbs


def navigation_problems(root: Path, lessons: list[Path]) -> list[str]:
    want = navigation.expected(root)
    return [
        f"{path.name}: navigation links missing or stale"
        for path in lessons
        if path.read_text(encoding="utf-8") != want[path]
    ]


def lint_problems(lessons: list[Path], index_path: Path | None) -> list[str]:
    problems = []
    for path in lessons:
        nb = nbs.read(path)
        rules = lint.lesson(nb) + names.self_contained(nb, path.name[:2]) + glossary.unlinked_uses(nb, path.name[:2])
        problems += [f"{path.name}: {p}" for p in rules + index.missing_description(nb)]
    if index_path is not None and index_path.exists():
        problems += [f"{index_path.name}: {p}" for p in lint.kernel_and_title(nbs.read(index_path))]
    return problems


def problems(root: Path, lessons: list[Path] | None = None) -> list[str]:
    """Lint, navigation, attendee versions and index for `lessons` (default: every numbered notebook).

    The index is compared only when every lesson is checked: it lists them all.
    """
    everything = lessons is None
    lessons = nbs.numbered(root) if everything else lessons
    found = lint_problems(lessons, root / index.INDEX if everything else None)
    found += navigation_problems(root, lessons)
    found += attendee.stale(root, lessons)
    if everything:
        found += index.stale(root) + glossary.stale(root)
    return found
