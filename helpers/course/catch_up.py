"""`python -m helpers.course catch-up NN`: the sandbox in the state lesson NN starts from, for a latecomer or
after a broken sandbox.

Every lesson makes its own topics and keyspaces in its first cells, from scratch; what it reads from the course
is the default dataset (energydata.generation, lessons 01 on) and, from lesson 10 on, the rollups lesson 09
writes. So catching up means: every server of the profile up, the dataset loaded, the rollups written, and the
attendee's copy of the lesson in the workspace. Each step is skipped when it is already done.
"""

from __future__ import annotations

from collections.abc import Callable

from helpers.course import notebooks as nbs
from helpers.course import workspace

DATASET_FROM, ROLLUPS_FROM = 1, 10


def steps(lesson: int) -> list[tuple[str, Callable[[], str]]]:
    """(what, how) for each step lesson `lesson` needs, in order."""

    def sandbox_up() -> str:
        from helpers import sandbox

        seconds = sandbox.up()
        return f"every service of the {sandbox.current_profile()} profile is up ({seconds:.0f} s)"

    def dataset() -> str:
        from helpers.cassandra_io.sessions import connect
        from helpers.load import ensure_default_dataset

        return f"energydata.generation holds the default dataset: {ensure_default_dataset(connect()):,} rows"

    def rollups() -> str:
        from helpers.cassandra_io.sessions import connect
        from helpers.spark.rollups import ensure_default_rollups

        ran = ensure_default_rollups(connect())
        return "rollups written (lesson 09's job)" if ran else "rollups already complete"

    todo = [("sandbox", sandbox_up)]
    todo += [("dataset", dataset)] if lesson >= DATASET_FROM else []
    todo += [("rollups", rollups)] if lesson >= ROLLUPS_FROM else []
    return todo


def catch_up(lesson: str, root=nbs.NOTEBOOKS, say: Callable[[str], None] = print) -> None:
    """Bring the sandbox to lesson `lesson`'s starting state ('04' or '04_cassandra_data_model')."""
    path = workspace.lesson_file(root, lesson)
    for line in workspace.prepare(root):
        say(line)
    for what, step in steps(int(path.name[:2])):
        say(f"{what}: {step()}")
    say(f"Ready for {path.stem}: open workspace/{path.name} and run it from the top.")
