"""The glossary (notebooks/glossary.md) and its rule: a term used before the lesson section that teaches it
links to its entry, the first time each lesson uses it.

Each term says where it is taught (lesson, section; section 0 is the lesson's introduction) or that no
lesson teaches it, and in which lessons the rule applies (where the word means something else, it does not:
"compaction" in lesson 02 is Kafka's log compaction, taught there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from helpers.course import navigation
from helpers.course import notebooks as nbs

GLOSSARY = "glossary.md"


def links_one_folder_down(markdown: str) -> str:
    """A lesson's links to the glossary and to the repository's files (``../helpers/...``), for a copy one folder
    below notebooks/ (attendee/). Links between lessons stay: the copies are siblings too."""
    return markdown.replace("](../", "](../../").replace(f"]({GLOSSARY}#", f"](../{GLOSSARY}#")


def links_one_folder_up(markdown: str) -> str:
    """The lesson's own links again, from a copy's (the inverse of ``links_one_folder_down``)."""
    return markdown.replace(f"](../{GLOSSARY}#", f"]({GLOSSARY}#").replace("](../../", "](../")


SECTION = re.compile(r"^##\s+(\d+)\s*·", re.MULTILINE)
CODE_SPAN = re.compile(r"`[^`\n]*`")
NEVER = ("99", 0)  # taught in no lesson: every lesson links its first use


@dataclass(frozen=True)
class Term:
    anchor: str
    name: str
    pattern: str
    meaning: str
    taught: tuple[str, int] = NEVER
    lessons: tuple[str, ...] | None = None  # where the rule applies (None: every lesson)

    def taught_in(self) -> str:
        return (
            "Background: no lesson teaches it."
            if self.taught == NEVER
            else f"Taught in lesson {self.taught[0]}, §{self.taught[1]}."
        )

    def where(self) -> str:
        return (
            "any lesson teaches it"
            if self.taught == NEVER
            else f"lesson {self.taught[0]}, §{self.taught[1]}, teaches it"
        )


TERMS = [
    Term(
        "deck",
        "the deck (the 2017 deck, the original talk)",
        r"\bdeck\b",
        "The talk this course grew from: *Workshop – Energy Time Series Storage and Analytics*, by Michael Vollmer "
        "and Holger Trittenbach (2017), a Jupyter slide deck that took smart-meter and generation data through "
        "Kafka, Cassandra and Spark. The lessons quote it where they start from it, then go further.",
        taught=("02", 1),
    ),
    Term(
        "seed-table",
        "the seed's table",
        r"\bthe seed's\b",
        "The Cassandra table of the original talk ([the deck](#deck)), which the course keeps as its main table: "
        "`PRIMARY KEY ((region, type), ts)`, one partition per series, rows newest first.",
    ),
    Term(
        "ds220",
        "DS220",
        r"\bDS220\b",
        "DataStax's free course on Cassandra data modelling (*DS220: Data Modeling*): queries first, then "
        "tables, keys and partition sizes. Lesson 04 takes its query-first step and its partition-size rules.",
    ),
    Term(
        "controller",
        "controller (Kafka)",
        r"\bcontrollers?\b",
        "The Kafka servers that keep the cluster's metadata (topics, partitions, leaders, in-sync replicas) in a "
        "replicated log of their own (KRaft), choose each partition's leader and tell the brokers. In the sandbox "
        "each of the three brokers is also one of three controllers.",
        taught=("02", 7),
        lessons=("02",),
    ),
    Term(
        "acks",
        "acks",
        r"\backs\b",
        "The producer setting that says when a write counts as done: `0` never waits, `1` waits for the "
        "partition's leader, `all` waits for every in-sync replica (and at least `min.insync.replicas` of them).",
        taught=("02", 4),
    ),
    Term(
        "high-watermark",
        "high watermark (Kafka)",
        r"\bhigh watermark\b",
        "The offset up to which a partition's messages are committed: copied by every in-sync replica (since "
        "Kafka 3.7, it advances only while the ISR holds at least `min.insync.replicas`). Consumers read only "
        "below it, so an `acks=1` write acknowledged by a lone leader is not readable until a second replica is "
        "back in sync.",
        taught=("02", 4),
    ),
    Term(
        "isr",
        "in-sync replicas (ISR)",
        r"\bISR\b|\bin-sync replicas?\b",
        "The replicas of a Kafka partition that are caught up with its leader. `acks=all` waits for all of them; "
        "when fewer than `min.insync.replicas` are in sync, such writes are refused.",
        taught=("02", 4),
    ),
    Term(
        "consistency-level",
        "consistency level (ONE, QUORUM, LOCAL_QUORUM, ALL)",
        r"\b(?:LOCAL_)?QUORUM\b|\bconsistency levels?\b",
        "How many of a Cassandra key's replicas must answer before a read or a write counts as done: `ONE`, "
        "`QUORUM` (a majority: 2 of 3), `LOCAL_QUORUM` (a majority in the client's data centre), `ALL`. A read "
        "sees the latest write when the replicas read and written overlap: read + write > replication factor.",
        taught=("06", 2),
        lessons=("03", "04", "05"),
    ),
    Term(
        "unlogged-batch",
        "UNLOGGED batch",
        r"\bUNLOGGED\b|\bunlogged batch(?:es)?\b",
        "Several CQL writes sent as one request. Within one partition it is a single write on each replica, "
        "applied as one mutation. Across partitions it is an anti-pattern: one coordinator must reach every "
        "partition's replicas, slower than separate asynchronous writes, and it guarantees nothing (a `LOGGED` "
        "batch writes a batch log first, so that all of it is applied eventually).",
        taught=("04", 1),
        lessons=("03",),
    ),
    Term(
        "mutation",
        "mutation (Cassandra)",
        r"\bmutations?\b",
        "One write to one partition, as Cassandra ships it: the coordinator sends it to each replica, which "
        "appends it to its commit log and applies it to its memtable.",
        taught=("05", 1),
        lessons=("03", "04"),
    ),
    Term(
        "memtable",
        "memtable",
        r"\bmemtables?\b",
        "A Cassandra node's in-memory table of recent writes (after the commit log), sorted by key; "
        "flushed to an SSTable on disk when full.",
        taught=("05", 1),
        lessons=("03", "04", "05"),
    ),
    Term(
        "sstable",
        "SSTable",
        r"\bSSTables?\b",
        "Sorted String Table: an immutable file of a Cassandra table's rows, written by a flush or a compaction. "
        "A read merges the memtable with the SSTables that may hold the partition.",
        taught=("05", 1),
        lessons=("03", "04", "05"),
    ),
    Term(
        "flush",
        "flush (Cassandra)",
        r"\bflush(?:es|ed|ing)?\b",
        "Writing a memtable to disk as a new SSTable (`nodetool flush` forces it).",
        taught=("05", 1),
        lessons=("04", "05"),
    ),
    Term(
        "compaction",
        "compaction (Cassandra)",
        r"\bcompact(?:s|ed|ion|ions)?\b",
        "Merging a table's SSTables into fewer, newer ones, keeping the newest value of each cell; expired cells "
        "become tombstones, which compaction drops only once `gc_grace_seconds` have passed. How a table "
        "chooses what to merge is its compaction strategy (STCS, TWCS, UCS).",
        taught=("05", 2),
        lessons=("04", "05"),
    ),
    Term(
        "static-column",
        "static column",
        r"\bstatic\b",
        "A Cassandra column declared `STATIC`: one value per partition, shared by all its rows (for example a "
        "meter's location in a partition of its readings).",
        lessons=("04",),
    ),
]


def markdown() -> str:
    """notebooks/glossary.md, generated from TERMS."""
    lines = [
        "# Glossary",
        "",
        "Words a lesson uses before the lesson that teaches them; each lesson links its first use here.",
        "Generated from `helpers/course/glossary.py` (`python -m helpers.course index`).",
        "",
    ]
    for term in TERMS:
        lines += [f'<a id="{term.anchor}"></a>', f"**{term.name}**: {term.meaning} *{term.taught_in()}*", ""]
    return "\n".join(lines)


def _places(nb):
    """(section, cell number, markdown) of each prose cell, without the title and the navigation."""
    section = 0
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "markdown" or navigation.is_navigation(cell):
            continue
        found = SECTION.findall(cell.source)
        section = int(found[0]) if found else section
        yield section, number, nbs.TITLE.sub("", cell.source)  # a title links nowhere: its words don't count


def unlinked_uses(nb, lesson: str) -> list[str]:
    """First uses of a term, in lesson `lesson`, before the section that teaches it and not linked to its entry."""
    problems = []
    for term in TERMS:
        if term.lessons is not None and lesson not in term.lessons:
            continue
        for section, number, text in _places(nb):
            match = re.search(term.pattern, CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text))  # prose only
            if not match:
                continue
            if (lesson, section) < term.taught:
                link = re.compile(rf"\[[^\]]*\]\((?:\.\./)?{re.escape(GLOSSARY)}#{term.anchor}\)")
                if not any(m.start() <= match.start() < m.end() for m in link.finditer(text)):
                    problems.append(
                        f"cell {number}: '{match.group(0)}' is used before {term.where()}: link its first use in the "
                        f"lesson to the glossary, [{match.group(0)}]({GLOSSARY}#{term.anchor})"
                    )
            break
    return problems


def stale(root: Path) -> list[str]:
    path = root / GLOSSARY
    if not path.exists() or path.read_text(encoding="utf-8") != markdown():
        return [f"{GLOSSARY} is missing or out of date"]
    return []


def generate(root: Path) -> bool:
    return nbs.write_if_changed(root / GLOSSARY, markdown())
