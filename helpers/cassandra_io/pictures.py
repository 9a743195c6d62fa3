"""Pictures for the replication lesson: the token ring, and an outage's timeline.

Drawing only: the lesson computes the tokens, replicas and samples and shows them as tables first.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.palette import BLACK, BLUE, CYCLE, LINESTYLES, MARKERS, ORANGE, REDDISH_PURPLE, VERMILLION

RING_SPAN = 2.0**64
NODE_COLOURS = CYCLE[:6]  # with NODE_MARKERS: a node's dots differ in shape too
NODE_MARKERS = MARKERS[:6]


def angle(token: int) -> float:
    """A token's position on the ring in radians, clockwise from the top: -2**63 at the top."""
    return 2 * math.pi * (token + 2.0**63) / RING_SPAN


def _point(token: int, radius: float = 1.0) -> tuple[float, float]:
    a = angle(token)
    return radius * math.sin(a), radius * math.cos(a)


def _arc(ax, start: int, end: int, colour: str, radius: float = 1.0, width: float = 6) -> None:
    """The ring from token `start` (exclusive) clockwise to `end` (inclusive), wrapping at 2**63."""
    a0, a1 = angle(start), angle(end)
    if a1 <= a0:
        a1 += 2 * math.pi
    steps = np.linspace(a0, a1, 200)
    ax.plot(radius * np.sin(steps), radius * np.cos(steps), color=colour, linewidth=width, solid_capstyle="butt")


KEY_COLOURS = [BLACK, VERMILLION, REDDISH_PURPLE]  # with KEY_LINESTYLES for the arrows
KEY_LINESTYLES = LINESTYLES[:3]


def _arrow_arc(ax, start: int, end: int, radius: float, colour: str, linestyle="-") -> None:
    """An arrow along the ring at `radius`, clockwise from token `start` to token `end`."""
    a0, a1 = angle(start), angle(end)
    if a1 <= a0:
        a1 += 2 * math.pi
    steps = np.linspace(a0, a1, 100)
    ax.plot(radius * np.sin(steps[:-3]), radius * np.cos(steps[:-3]), color=colour, linewidth=1.2, linestyle=linestyle)
    ax.annotate(
        "",
        (radius * math.sin(steps[-1]), radius * math.cos(steps[-1])),
        (radius * math.sin(steps[-4]), radius * math.cos(steps[-4])),
        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.2},
    )


def draw_ring(ax, nodes: pd.DataFrame, keys: pd.DataFrame | None = None, title: str = "") -> None:
    """The ring of `nodes` (columns name, token): each node's primary range in its colour, ending at its
    token, marked with the node's marker. For each key of `keys` (columns 'partition key', token, replicas as
    'a, b, c'): a cross at its token and an arrow inside the ring (a line style per key), clockwise from the
    key through its replicas, numbered in order."""
    nodes = nodes.sort_values("token").reset_index(drop=True)
    names = sorted(nodes["name"].unique())
    colours = {name: NODE_COLOURS[i % len(NODE_COLOURS)] for i, name in enumerate(names)}
    markers = {name: NODE_MARKERS[i % len(NODE_MARKERS)] for i, name in enumerate(names)}
    for i, node in nodes.iterrows():
        _arc(ax, nodes["token"].iloc[i - 1], node["token"], colours[node["name"]])  # i == 0 wraps around
    for _, node in nodes.iterrows():
        ax.plot(
            *_point(node["token"]),
            markers[node["name"]],
            color=colours[node["name"]],
            markersize=11,
            markeredgecolor="black",
            zorder=3,
        )
        if len(nodes) <= 6:
            ax.annotate(
                f"{node['name']}\ntoken {node['token']:.2e}",
                _point(node["token"], 1.32),
                ha="center",
                va="center",
                fontsize=8,
            )
    if len(nodes) > 6:
        for name, colour in colours.items():
            ax.plot([], [], color=colour, linewidth=6, marker=markers[name], markersize=11, mec="black", label=name)
        ax.legend(loc="center", fontsize=8, frameon=False)
    tokens = dict(zip(nodes["name"], nodes["token"]))
    for k, (_, key) in enumerate((keys if keys is not None else pd.DataFrame()).iterrows()):
        colour, radius = KEY_COLOURS[k % len(KEY_COLOURS)], 0.84 - 0.14 * k
        dashes = KEY_LINESTYLES[k % len(KEY_LINESTYLES)]
        ax.plot(*_point(key["token"]), "x", color=colour, markersize=10, markeredgewidth=2, zorder=4)
        ax.annotate(
            key["partition key"],
            _point(key["token"], 1.13),
            ha="center",
            va="center",
            fontsize=8,
            color=colour,
            bbox={"boxstyle": "round", "fc": "white", "ec": colour},
        )
        previous = key["token"]
        for rank, replica in enumerate(key["replicas"].split(", "), start=1):
            _arrow_arc(ax, previous, tokens[replica], radius, colour, dashes)
            ax.annotate(
                str(rank),
                _point(tokens[replica], radius - 0.09),
                fontsize=8,
                ha="center",
                va="center",
                color=colour,
                bbox={"boxstyle": "circle", "fc": "white", "ec": colour, "pad": 0.15},
            )
            previous = tokens[replica]
    ax.set(xlim=(-1.6, 1.6), ylim=(-1.6, 1.6), aspect="equal", title=title)
    ax.axis("off")


def plot_outage(samples: pd.DataFrame, marks: list[tuple[float, str]], title: str = ""):
    """The outage timeline over seconds since the recording started: writes acknowledged and hints written
    (left axis, a solid and a dashed line), hint files waiting on the coordinators (right axis, a shaded area);
    the events as vertical lines."""
    fig, left = plt.subplots(figsize=(10, 4.2))
    left.plot(samples["t"], samples["acknowledged"], color=BLUE, label="writes acknowledged (QUORUM)")
    left.plot(
        samples["t"], samples["hints written"], color=ORANGE, linestyle="--", label="hints written by the coordinators"
    )
    left.set(xlabel="seconds", ylabel="count", title=title)
    left.set_ylim(bottom=0)
    right = left.twinx()
    right.fill_between(
        samples["t"],
        samples["KiB waiting"],
        color=VERMILLION,
        alpha=0.25,
        label="hint files waiting for delivery (KiB, right)",
    )
    right.set_ylabel("KiB of hint files")
    right.set_ylim(bottom=0)
    top = left.get_ylim()[1]
    for t, label in marks:
        left.axvline(t, color="grey", linestyle=":")
        left.annotate(label, (t, top * 0.98), rotation=90, va="top", ha="left", fontsize=8, color="dimgrey")
    handles = left.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    fig.legend(handles, [h.get_label() for h in handles], loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig
