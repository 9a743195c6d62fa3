"""nbval's sanitize rules, each scoped to the lessons that need it.

``tests/nbval_sanitize.cfg`` stays in nbval's format (a ``[section]`` per rule, a ``regex:`` line followed by
its ``replace:`` line) and adds lines nbval itself ignores:

    lessons: 07 11        the lessons (their number) the rule applies to; every rule names them
    # why ...             a comment saying what varies, and why it cannot be made stable

``install()`` (called by the repository's root ``conftest.py``) makes nbval apply to each notebook only the
rules that name its lesson, the attendee copy like the lesson. Without it nbval would apply every rule
everywhere: one rule written for one lesson could hide a real change in another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SECTION = re.compile(r"^\[(?P<name>[^\]]+)\]\n(?P<body>.*?)(?=^\[|\Z)", re.MULTILINE | re.DOTALL)
LESSON_NUMBER = re.compile(r"^(\d\d)_")


@dataclass(frozen=True)
class Rule:
    name: str
    regex: str
    replace: str
    lessons: tuple[str, ...]
    why: str

    def applies_to(self, notebook: str | Path) -> bool:
        """Whether the rule scopes ``notebook`` (a lesson or its attendee copy, by its file name)."""
        number = LESSON_NUMBER.match(Path(notebook).name)
        return bool(number) and number.group(1) in self.lessons

    def apply(self, text: str) -> str:
        return re.sub(self.regex, self.replace, text)


def read_rules(path: str | Path) -> list[Rule]:
    """The rules of a sanitize file, in order; a rule without ``regex``/``replace`` or ``lessons`` is refused."""
    rules = []
    for section in SECTION.finditer(Path(path).read_text()):
        body = section.group("body")
        pair = re.search(r"^regex: (.*)$\n^replace: (.*)$", body, re.MULTILINE)
        lessons = re.search(r"^lessons: (.*)$", body, re.MULTILINE)
        if not pair or not lessons:
            raise ValueError(f"[{section.group('name')}] in {path} needs a regex: line, its replace: line and lessons:")
        why = " ".join(line.lstrip("# ").strip() for line in body.splitlines() if line.startswith("#"))
        rules.append(Rule(section.group("name"), pair.group(1), pair.group(2), tuple(lessons.group(1).split()), why))
    return rules


def sanitize(text: str, rules: list[Rule], notebook: str | Path) -> str:
    """``text`` with the rules that scope ``notebook`` applied, in the file's order."""
    for rule in rules:
        if rule.applies_to(notebook):
            text = rule.apply(text)
    return text


def install() -> None:
    """Make nbval load, for each notebook, only the rules whose ``lessons:`` name it."""
    try:
        from nbval.plugin import IPyNbFile
    except ImportError:  # nbval not installed: nothing to scope
        return

    def setup_sanitize_files(self) -> None:
        for fname in self.get_sanitize_files():
            for rule in read_rules(fname):
                if rule.applies_to(self.fspath):
                    self.sanitize_patterns[rule.regex] = rule.replace

    IPyNbFile.setup_sanitize_files = setup_sanitize_files
