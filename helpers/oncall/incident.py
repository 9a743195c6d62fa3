"""An incident: what the pager says, the causes to choose from, how to inject it, how to tell it is repaired,
and how to reset it. Each incident module registers one; lesson 11 and its checks use them by key.

Injections stop, start and reconfigure sandbox servers, so they refuse against your own cluster (as the
lessons' failure drills do). ``reset`` puts the cluster back from any state: after a repair, after a wrong
fix, or with the fault still in place; the lesson runs it after each incident, so a skipped one costs nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from helpers.sandbox import mode

COMPONENTS = (
    "kafka1",
    "kafka2",
    "kafka3",
    "cassandra1",
    "cassandra2",
    "cassandra3",
    "spark-master",
    "spark-worker1",
    "spark-worker2",
    "spark-worker3",
    "producer",
    "consumer group",
    "writer",
)
"""What a diagnosis may name: one of the sandbox's servers, or a client of the cluster."""

MODULES = ("producer_timeouts", "missing_rows", "stuck_consumer", "slow_rollup", "lost_correction")


@dataclass(frozen=True)
class Incident:
    key: str
    pager: str
    """What the pager says: the symptom, as the people who see it would put it; never the cause."""
    causes: dict[str, str]
    """The causes to choose from, by letter."""
    component: str
    cause: str
    """The right diagnosis: a name of COMPONENTS and a letter of ``causes``."""
    component_hint: str
    cause_hint: str
    """What a wrong component or a wrong cause is told: where to look, never the answer."""
    inject: Callable[[], list[str]]
    """Break the cluster (after a reset); returns the lines the monitoring shows, symptoms only."""
    problems: Callable[[object], list[str]]
    """What is still broken, given the attendee's evidence (what they read after their fix); [] once repaired."""
    reset: Callable[[], None]
    present: Callable[[], bool]
    """Whether the incident was paged and not reset (its topic or keyspace exists)."""


INCIDENTS: dict[str, Incident] = {}


def register(incident: Incident) -> Incident:
    if incident.component not in COMPONENTS or incident.cause not in incident.causes:
        raise ValueError(f"incident {incident.key}: its diagnosis is not among its own choices")
    INCIDENTS[incident.key] = incident
    return incident


def incident(key: str) -> Incident:
    """The registered incident ``key`` (every incident module is imported once)."""
    for name in MODULES:
        importlib.import_module(f"helpers.oncall.{name}")
    if key not in INCIDENTS:
        raise KeyError(f"No incident {key!r}; known: {', '.join(sorted(INCIDENTS))}")
    return INCIDENTS[key]


def page(key: str) -> str:
    """Reset incident ``key``, inject it, and return the page: the symptom, what the monitoring shows, the
    causes to choose from. Refused when the lessons point at your own cluster."""
    if mode.current() == mode.CLUSTER:
        raise mode.needs_sandbox("Injecting or resetting lesson 11's incidents")
    chosen = incident(key)
    chosen.reset()
    shown = chosen.inject()
    causes = "\n".join(f"  {letter}  {text}" for letter, text in chosen.causes.items())
    monitoring = "".join(f"\n  | {line}" for line in shown)
    return f"PAGE · {chosen.pager}{monitoring}\n\nCauses to choose from:\n{causes}"


def problems(key: str, evidence: object = None) -> list[str]:
    """What is still broken in incident ``key`` ([] once repaired), judged from the cluster's state and the
    attendee's ``evidence`` (what they read once they had repaired it)."""
    return incident(key).problems(evidence)


def reset(key: str) -> None:
    """Put the cluster back as it was before incident ``key``, from any state. Refused on your own cluster."""
    if mode.current() == mode.CLUSTER:
        raise mode.needs_sandbox("Injecting or resetting lesson 11's incidents")
    incident(key).reset()


def diagnosis_hint(key: str, answer: object) -> str | None:
    """None if ``answer`` ({"component": ..., "cause": letter}) is the right diagnosis of ``key``, else a hint."""
    chosen = incident(key)
    component = str(answer["component"]).strip().lower()
    cause = str(answer["cause"]).strip().upper()
    if component not in COMPONENTS:
        return (
            "Name the component as the lesson's list spells it: a server's name, or producer, consumer group, writer."
        )
    if cause not in chosen.causes:
        return "Choose the cause by its letter, as the page lists them."
    if component != chosen.component:
        half = "The cause is right; the component is not." if cause == chosen.cause else "Neither is right yet."
        return f"{half} {chosen.component_hint}"
    if cause != chosen.cause:
        return f"The component is right; the cause is not. {chosen.cause_hint}"
    return None


def topic_exists(topic: str) -> bool:
    from helpers.kafka_io import admin

    client = admin()
    try:
        return topic in client.list_topics()
    finally:
        client.close()


def keyspace_exists(keyspace: str) -> bool:
    from helpers.cassandra_io.sessions import connect

    session = connect()
    try:
        return keyspace in session.cluster.metadata.keyspaces
    finally:
        session.cluster.shutdown()


def drop_keyspace(keyspace: str) -> None:
    from helpers.cassandra_io.sessions import connect

    session = connect()
    try:
        session.execute(f"DROP KEYSPACE IF EXISTS {keyspace}")
    finally:
        session.cluster.shutdown()


def is_up(service: str) -> bool:
    """Whether the sandbox's ``service`` (e.g. "kafka3") answers."""
    from helpers import sandbox

    return any(s.name == service and s.state == "up" for s in sandbox.status())
