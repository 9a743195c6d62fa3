"""Self-checks of lesson 11 (on call): for each incident, the diagnosis (a component and a cause from the page's
list, checked offline) and the repair (checked on the live cluster, helpers.oncall: it refuses while anything
is still broken, and also when the evidence the attendee gives is not what the cluster says now)."""

from __future__ import annotations

from helpers.course.checks import Hint, exercise
from helpers.oncall import diagnosis_hint, problems
from helpers.oncall.incident import incident

DIAGNOSIS = 'a dict {"component": a name from the lesson\'s list, "cause": the letter of a cause on the page}'


def diagnosed(key: str):
    def verify(answer):
        hint = diagnosis_hint(key, answer)
        if hint:
            raise Hint(hint)

    return verify


def repaired(key: str):
    def verify(answer):
        if not incident(key).present():
            raise Hint(f"the incident is not in place: run the cell that pages it ({key}) first, then repair it.")
        found = problems(key, answer)
        if found:
            raise Hint(f"the cluster says: {found[0]}")

    return verify


exercise(
    "11.1",
    answer=DIAGNOSIS,
    wrong=[
        {"component": "kafka1", "cause": "C"},
        {"component": "kafka3", "cause": "A"},
        {"component": "producer", "cause": "B"},
    ],
    success="a stopped broker left every partition two replicas in sync, and the topic requires three.",
)(diagnosed("producer-timeouts"))

exercise(
    "11.2",
    answer="a dict {partition: sorted list of in-sync broker ids}, read after your fix",
    wrong=[{0: [1, 2], 1: [1, 2], 2: [1, 2]}, {0: [1, 2, 3]}, {}],
    needs_sandbox=True,
    success="the ISR is whole again and the topic still requires three: acks=all sends are acknowledged.",
)(repaired("producer-timeouts"))

exercise(
    "11.3",
    answer=DIAGNOSIS,
    wrong=[
        {"component": "cassandra1", "cause": "A"},
        {"component": "cassandra3", "cause": "C"},
        {"component": "cassandra3", "cause": "B"},
    ],
    success="cassandra3 was down past the hint window: nobody kept the writes it missed.",
)(diagnosed("missing-rows"))

exercise(
    "11.4",
    answer="a dict {meter_id: readings}, each meter counted at ONE through cassandra3 after your fix",
    wrong=[{"meter-000001": 96}, {"meter-000001": 192}, {}],
    needs_sandbox=True,
    success="repair compared the replicas' Merkle trees and streamed the missing day to cassandra3.",
)(repaired("missing-rows"))

exercise(
    "11.5",
    answer=DIAGNOSIS,
    wrong=[
        {"component": "kafka2", "cause": "A"},
        {"component": "consumer group", "cause": "B"},
        {"component": "producer", "cause": "E"},
    ],
    success="one message that is not JSON stopped its partition: the loader fails on it and starts again there.",
)(diagnosed("stuck-consumer"))

exercise(
    "11.6",
    answer="a number: the group's total lag after your fix",
    wrong=[110, 60, -1],
    needs_sandbox=True,
    success="the message is kept in the dead-letter topic, the group went on past it, and no reading was skipped.",
)(repaired("stuck-consumer"))

exercise(
    "11.7",
    answer=DIAGNOSIS,
    wrong=[
        {"component": "cassandra3", "cause": "A"},
        {"component": "spark-worker3", "cause": "D"},
        {"component": "spark-master", "cause": "E"},
    ],
    success="the application lost its executor on machine 3; the tasks for cassandra3's ranges waited, then ran ANY.",
)(diagnosed("slow-rollup"))

exercise(
    "11.8",
    answer="a str: the job group of your rerun of the rollup",
    wrong=["nightly-rollup-1", "nightly-rollup-2", "no such group"],
    needs_sandbox=True,
    success="an executor on every machine again: every scan task ran next to its token range's replica.",
)(repaired("slow-rollup"))

exercise(
    "11.9",
    answer=DIAGNOSIS,
    wrong=[
        {"component": "cassandra2", "cause": "A"},
        {"component": "writer", "cause": "A"},
        {"component": "writer", "cause": "C"},
    ],
    success="the tool's clock runs an hour behind: its writes are stamped older than the values they correct.",
)(diagnosed("lost-correction"))

exercise(
    "11.10",
    answer="a list of the three corrected readings' values (12:00, 12:15, 12:30), read after your fix",
    wrong=[[9480.0, 9490.0, 9500.0], [8120.0, 8040.0], [0.0, 0.0, 0.0]],
    needs_sandbox=True,
    success="the corrections now carry the newest write time, and win.",
)(repaired("lost-correction"))
