"""Pictures for the Kafka lesson: which broker holds which replica, and where each key's messages sit.

replica_map(ax, admin.describe_topics([topic])[0], title="before")    # partitions x brokers
offsets_by_key(ax, records)                                           # partition x offset, a colour and marker per key
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from helpers.palette import BLUE, CYCLE, GREY, MARKERS, SKY_BLUE, VERMILLION

ROLES = {  # colour, the mark written in the cell (so that the role is not told by colour alone), label
    "leader": (BLUE, "L", "leader"),
    "in sync": (SKY_BLUE, "✓", "follower, in sync"),
    "out of sync": (VERMILLION, "✗", "replica, not in sync"),
    "none": ("#f3f3f3", "", "no replica"),
}


def roles(described: dict, brokers: Iterable[int] = (1, 2, 3)) -> list[list[str]]:
    """One row per partition (in partition order), one role per broker: leader, in sync, out of sync, none."""
    table = []
    for partition in sorted(described["partitions"], key=lambda p: p["partition_index"]):
        row = []
        for broker in brokers:
            if broker == partition["leader_id"]:
                row.append("leader")
            elif broker in partition["isr_nodes"]:
                row.append("in sync")
            elif broker in partition["replica_nodes"]:
                row.append("out of sync")
            else:
                row.append("none")
        table.append(row)
    return table


def replica_map(ax, described: dict, title: str = "", brokers=(1, 2, 3), down: Iterable[int] = ()) -> None:
    """Partitions (rows) x brokers (columns), each cell coloured and marked (L, ✓, ✗) by the broker's role
    for that partition.

    ``described`` is one topic from ``KafkaAdminClient.describe_topics``; brokers in ``down`` are hatched.
    """
    table = roles(described, brokers)
    down = set(down)
    for row, cells in enumerate(table):
        for column, role in enumerate(cells):
            broker = brokers[column]
            ax.add_patch(
                plt.Rectangle(
                    (column, row),
                    0.95,
                    0.9,
                    color=ROLES[role][0],
                    hatch="xx" if broker in down else None,
                    ec=GREY if broker in down else ROLES[role][0],
                )
            )
            if ROLES[role][1]:
                ink = "white" if role == "leader" else "black"
                ax.text(column + 0.47, row + 0.45, ROLES[role][1], ha="center", va="center", color=ink, weight="bold")
    ax.set_xlim(0, len(brokers))
    ax.set_ylim(len(table), 0)
    labels = [f"kafka{b}" + ("\n(down)" if b in down else "") for b in brokers]
    ax.set_xticks([c + 0.47 for c in range(len(brokers))], labels)
    ax.set_yticks([r + 0.45 for r in range(len(table))], [f"partition {r}" for r in range(len(table))])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_title(title, fontsize=10)


def replica_legend(fig) -> None:
    fig.legend(
        handles=[Patch(color=colour, label=f"{mark}  {label}".strip()) for colour, mark, label in ROLES.values()],
        loc="lower center",
        ncol=len(ROLES),
        frameon=False,
    )


def offsets_by_key(ax, records, title: str = "", first: int | None = None) -> None:
    """Each message as a mark at (offset, partition), one colour and marker per key: a key's marks stay on one row.

    ``first``: only the first offsets of each partition, so that single messages can be told apart.
    """
    if first is not None:
        records = [r for r in records if r.offset < first]
    keys = sorted({r.key for r in records})
    for index, key in enumerate(keys):  # a marker per key, filled for the first 7 and hollow for the next 7
        mine = [r for r in records if r.key == key]
        colour, hollow = CYCLE[index % len(CYCLE)], (index // len(MARKERS)) % 2 == 1
        ax.scatter(
            [r.offset for r in mine],
            [r.partition for r in mine],
            s=36,
            marker=MARKERS[index % len(MARKERS)],
            facecolors="none" if hollow else colour,
            edgecolors=colour,
            linewidths=1.5,
            label=key if isinstance(key, str) else key.decode(),
        )
    partitions = sorted({r.partition for r in records})
    ax.set_yticks(partitions, [f"partition {p}" for p in partitions])
    ax.set_ylim(max(partitions) + 0.6, min(partitions) - 0.6)
    ax.set_xlabel("offset")
    ax.set_title(title, fontsize=10)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, markerscale=1.5)
