"""The instructor guide's minutes, written from the pacing rows (`bench/pacing.py --guide`).

It rewrites, in docs/instructor-guide.md: the two minute columns of the lesson table, the rule column of the
trials table, the one-day schedule (the core paths' minutes plus the slide slots, breaks excluded from the
total), the day-two line and the range of the core paths' execution times. Everything else stays as written.
"""

from __future__ import annotations

import re

ONE_DAY = (
    ("Welcome; architecture: the pipeline, our three machines", "slides, first section", 12),
    ("Everyone green", "00", None),
    ("The data", "01", None),
    ("Kafka: pub/sub, the commit log, partitions, groups, replication", "slides, Kafka section", 10),
    ("Break", None, 14),
    ("Kafka hands-on (section 7 is a deep dive: at home)", "02", None),
    ("Lunch", None, 39),
    ("Cassandra: data model, the ring, consistency", "slides, Cassandra section", 10),
    ("Data modelling hands-on", "04", None),
    ("Replication and consistency; **drill: stop a node**", "06", None),
    ("Break", None, 15),
    ("Spark: the execution model, locality, the connector", "slides, Spark section", 10),
    ("Spark on Cassandra (section 3, joins, is a deep dive); **drill: locality on the RF 1 table**", "07", None),
    ("Summary, what to run at home", "slides, last section", 5),
)
"""(what, where, minutes): where is a lesson number (its core minutes are used), a slide section, or None for a
break; breaks count in the clock but not in the total."""
DAY_START_MIN = 9 * 60
CORE_LIMIT_S = 150
DAY_TWO = (("03", False), ("05", False), ("08", True), ("09", True), ("10", False), ("11", False))
"""Day two's lessons in order, and whether the line also gives the lesson with its deep dive."""
DEEP_DIVES_LEFT_ON_DAY_ONE = ("02", "07")
GAME_DAY = ("11", (1, 3, 5))
"""Lesson 11 on day two runs these incidents (neither Spark nor a node restart); the other two are for home.
Each incident is two exercises, its diagnosis and its repair, in order."""
SCHEDULE_HEAD = "| time | what | minutes | where |"
SCHEDULE_TOTAL = "| | **in all, breaks excluded** |"


def lesson_minutes(rows: list[dict]) -> dict[str, tuple[int, int]]:
    """Lesson number -> (core path minutes, whole lesson minutes), rounded."""
    return {row["lesson"][:2]: (round(row["core_minutes"]), round(row["minutes"])) for row in rows}


def game_day_minutes(rows: list[dict]) -> int | None:
    """Lesson 11's core minutes with only the game day's incidents (None without its row)."""
    lesson, incidents = GAME_DAY
    row = next((r for r in rows if r["lesson"][:2] == lesson), None)
    if row is None:
        return None
    each = row["exercise_min_each"]
    skipped = sum(sum(each[2 * k - 2 : 2 * k]) for k in range(1, len(each) // 2 + 1) if k not in incidents)
    return round(row["core_minutes"] - skipped)


def schedule(minutes: dict[str, tuple[int, int]]) -> tuple[str, int]:
    """The one-day table and its total (breaks excluded)."""
    lines, clock, total = [SCHEDULE_HEAD, "|---|---|---:|---|"], DAY_START_MIN, 0
    for what, where, fixed in ONE_DAY:
        length = minutes[where][0] if where in minutes else fixed
        span = f"{clock // 60:02d}:{clock % 60:02d}-{(clock + length) // 60:02d}:{(clock + length) % 60:02d}"
        clock += length
        if where is None:
            lines.append(f"| {span} | {what} | | |")
            continue
        total += length
        lines.append(f"| {span} | {what} | {length} | {f'`{where}`' if where in minutes else where} |")
    lines.append(f"{SCHEDULE_TOTAL} **{total}** | |")
    return "\n".join(lines), total


def day_two(minutes: dict[str, tuple[int, int]], game_day: int | None = None) -> str:
    """The day-two line; with ``game_day``, lesson 11 counts with the game day's incidents only."""
    lesson, incidents = GAME_DAY

    def part(n: str, deep: bool) -> str:
        if n == lesson and game_day is not None:
            listed = ", ".join(str(k) for k in incidents[:-1]) + f" and {incidents[-1]}"
            return f"`{n}` (incidents {listed}: {game_day}; all five {minutes[n][0]})"
        return f"`{n}` ({minutes[n][0]}" + (f", with its deep dive {minutes[n][1]})" if deep else ")")

    parts = [part(n, deep) for n, deep in DAY_TWO]
    core = sum(game_day if n == lesson and game_day is not None else minutes[n][0] for n, _ in DAY_TWO)
    deep_dives = sorted({n for n, deep in DAY_TWO if deep} | set(DEEP_DIVES_LEFT_ON_DAY_ONE))
    with_deep = core + sum(minutes[n][1] - minutes[n][0] for n in deep_dives)
    return (
        f"Day two takes the rest in order: {', '.join(parts[:-1])} and {parts[-1]}: {core} minutes, {with_deep} "
        f"with the deep dives of {', '.join(deep_dives[:-1])} and {deep_dives[-1]} too. "
    )


def update(guide: str, rows: list[dict]) -> str:
    """The guide with its computed minutes replaced by those of `rows` (one per lesson, from bench/pacing.py)."""
    minutes = lesson_minutes(rows)

    def lesson_table_row(match: re.Match) -> str:
        core, whole = minutes.get(match.group(2), (match.group(3), match.group(4)))
        return f"{match.group(1)}{core} | {whole} |"

    def trial_row(match: re.Match) -> str:
        core, whole = minutes.get(match.group(2), (match.group(3), None))
        return f"{match.group(1)}{core} min" + (f" (whole {whole})" if match.group(4) else "") + " |"

    guide = re.sub(r"^(\| (\d\d) [^|]+\|[^|]+\| )(\d+) \| (\d+) \|$", lesson_table_row, guide, flags=re.M)
    guide = re.sub(r"^(\| (\d\d) [^|]+\| )(\d+) min( \(whole \d+\))? \|", trial_row, guide, flags=re.M)
    table, _ = schedule(minutes)
    start = guide.index(SCHEDULE_HEAD)
    end = guide.index("\n", guide.index(SCHEDULE_TOTAL, start))
    guide = guide[:start] + table + guide[end:]
    start = guide.index("Day two takes the rest in order:")
    guide = guide[:start] + day_two(minutes, game_day_minutes(rows)) + guide[guide.index("A two-day workshop", start) :]
    core_s = [row["core_s"] for row in rows]
    over = [f"{row['lesson'][:2]}'s, {row['core_s']:.0f} s," for row in rows if row["core_s"] > CORE_LIMIT_S]
    verb = "is the one" if len(over) == 1 else "are"
    note = f"; {' and '.join(over)} {verb} over the {CORE_LIMIT_S} s limit" if over else ""
    return re.sub(
        r"every lesson's core path runs in \d+-\d+ s \(the table in\s+`bench/results/pacing.md`[^)]*\)",
        f"every lesson's core path runs in {min(core_s):.0f}-{max(core_s):.0f} s (the table in\n"
        f"`bench/results/pacing.md`{note})",
        guide,
    )
