"""pytest's root hooks. nbval applies each sanitize rule only to the lessons it names (helpers/course/sanitize.py)."""

from helpers.course.sanitize import install

install()
