"""The replication lesson's ring picture and names, and its expected replicas, without a server."""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from helpers.cassandra_io.pictures import angle, draw_ring, plot_outage  # noqa: E402
from helpers.cassandra_io.ring import named, node_name  # noqa: E402
from helpers.course.checks.lesson_06 import replicas  # noqa: E402
from helpers.sandbox import topology  # noqa: E402

SANDBOX_RING = pd.DataFrame(
    {"name": ["cassandra1", "cassandra2", "cassandra3"], "token": [-6148914691236517206, 0, 6148914691236517205]}
)


def test_tokens_go_clockwise_from_the_top_of_the_ring():
    assert angle(-(2**63)) == 0
    assert angle(0) == pytest.approx(math.pi)
    assert angle(2**63 - 1) == pytest.approx(2 * math.pi)


def test_node_addresses_become_names_in_trace_and_log_text(monkeypatch):
    monkeypatch.setenv(topology.NET_ENV_VAR, "127.0.7")
    assert node_name("127.0.7.3") == "cassandra3"
    assert node_name("10.1.2.3") == "10.1.2.3"
    text = "Sending read-repair-mutation to Full(/127.0.7.3:7000,(0,6148914691236517205]) from 127.0.7.1"
    assert named(text) == "Sending read-repair-mutation to Full(cassandra3,(0,6148914691236517205]) from cassandra1"
    assert named("reading data from /10.0.0.9:7000") == "reading data from /10.0.0.9:7000"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("meter-000001", ["cassandra3", "cassandra1", "cassandra2"]),  # token 2.9e18: range (0, 6.1e18]
        ("meter-000004", ["cassandra1", "cassandra2", "cassandra3"]),  # token -6.28e18: below cassandra1's
        ("meter-000042", ["cassandra1", "cassandra2", "cassandra3"]),  # token 7.0e18: past the last, wraps
    ],
)
def test_replicas_follow_the_ring_clockwise_from_the_keys_token(key, expected):
    assert replicas(key) == expected


def test_the_ring_and_the_timeline_draw():
    fig, ax = plt.subplots()
    keys = pd.DataFrame(
        {
            "partition key": ["meter-000001"],
            "token": [2893236227977207284],
            "replicas": ["cassandra3, cassandra1, cassandra2"],
        }
    )
    draw_ring(ax, SANDBOX_RING, keys, "ring")
    assert ax.get_title() == "ring"
    plt.close(fig)
    samples = pd.DataFrame(
        {
            "t": [0.0, 1.0, 2.0],
            "acknowledged": [0, 20, 40],
            "hints written": [0, 20, 20],
            "KiB waiting": [0.0, 2.5, 0.0],
        }
    )
    fig = plot_outage(samples, [(0.5, "node stops"), (1.5, "node back")], "outage")
    assert fig.axes[0].get_title() == "outage"
    plt.close(fig)
