"""Pictures for the Kafka lesson: which broker holds which replica, and where each key's messages sit.

replica_map(ax, admin.describe_topics([topic])[0], title="before")    # partitions x brokers
offsets_by_key(ax, records)                                           # partition x offset, one colour per key
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
from matplotlib.patches import Patch

ROLES = {  # colour, label
    "leader": ("#1f4e79", "leader"),
    "in sync": ("#6fa8dc", "follower, in sync"),
    "out of sync": ("#e06666", "replica, not in sync"),
    "none": ("#f3f3f3", "no replica"),
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
    """Partitions (rows) x brokers (columns), each cell coloured by the broker's role for that partition.

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
                    ec="#999999" if broker in down else ROLES[role][0],
                )
            )
            if role == "leader":
                ax.text(column + 0.47, row + 0.45, "L", ha="center", va="center", color="white", weight="bold")
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
        handles=[Patch(color=colour, label=label) for colour, label in ROLES.values()],
        loc="lower center",
        ncol=len(ROLES),
        frameon=False,
    )


def offsets_by_key(ax, records, title: str = "", first: int | None = None) -> None:
    """Each message as a mark at (offset, partition), one colour per key: a key's marks stay on one row.

    ``first``: only the first offsets of each partition, so that single messages can be told apart.
    """
    if first is not None:
        records = [r for r in records if r.offset < first]
    keys = sorted({r.key for r in records})
    colours = plt.get_cmap("tab10")
    for index, key in enumerate(keys):
        mine = [r for r in records if r.key == key]
        ax.scatter(
            [r.offset for r in mine],
            [r.partition for r in mine],
            s=120,
            marker="|",
            linewidths=3,
            color=colours(index % 10),
            label=key if isinstance(key, str) else key.decode(),
        )
    partitions = sorted({r.partition for r in records})
    ax.set_yticks(partitions, [f"partition {p}" for p in partitions])
    ax.set_ylim(max(partitions) + 0.6, min(partitions) - 0.6)
    ax.set_xlabel("offset")
    ax.set_title(title, fontsize=10)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, markerscale=2)
