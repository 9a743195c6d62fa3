"""Shared fixtures: the running sandbox (started if needed), unique names for keyspaces and topics, and an
RF 3 keyspace of the test's own."""

from __future__ import annotations

import uuid

import pytest

from helpers.cassandra_io.sessions import plain_session
from helpers.sandbox import control
from helpers.sandbox.errors import SandboxError


@pytest.fixture(scope="session")
def sandbox() -> list[dict]:
    """The sandbox's status rows, all up. Starts what is down; fails naming the service if it cannot."""
    rows = control.status_dicts()
    if any(r["state"] != "up" for r in rows):
        down = ", ".join(r["name"] for r in rows if r["state"] != "up")
        print(f"Sandbox services down ({down}); starting them with `python -m helpers.sandbox up`.")
        try:
            control.up()
        except SandboxError as error:
            pytest.fail(f"The sandbox could not start: {error}\nStart it by hand: make sandbox-up", pytrace=False)
        rows = control.status_dicts()
    return rows


@pytest.fixture
def unique_name(request) -> str:
    """A name for a keyspace or topic that no other test uses: t_<test>_<random>."""
    base = "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:24]
    return f"t_{base}_{uuid.uuid4().hex[:6]}"


@pytest.fixture
def keyspace(sandbox, unique_name):
    """(session, name) of a new keyspace with three replicas, dropped after the test."""
    session = plain_session(request_timeout=30)
    session.execute(
        f"CREATE KEYSPACE {unique_name} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 3}}"
    )
    session.cluster.control_connection.wait_for_schema_agreement()
    yield session, unique_name
    session.execute(f"DROP KEYSPACE IF EXISTS {unique_name}")
    session.cluster.shutdown()
