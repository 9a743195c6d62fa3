"""Draw the slides' diagrams with matplotlib into slides/figures/ (generated; `make slides` runs this).

python slides/diagrams.py [OUTPUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch  # noqa: E402

from helpers.sandbox.config import CASSANDRA_TOKENS  # noqa: E402

FIGURES = Path(__file__).resolve().parent / "figures"
GREEN, RED, BLUE, GREY, ORANGE = "#009682", "#a22223", "#4664aa", "#8c8c8c", "#df9b1b"
PARTITION_COLOURS = [BLUE, ORANGE, GREEN]


def canvas(width: float = 12, height: float = 5.5):
    """A blank figure whose axes run 0..width and 0..height (one unit is one inch)."""
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    return fig, ax


def box(ax, x, y, w, h, text, colour=BLUE, size=14, filled=True):
    """A rounded box with centred text; (x, y) is its lower-left corner."""
    ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=colour if filled else "white",
            edgecolor=colour,
            linewidth=2,
        )
    )
    ax.text(
        x + w / 2,
        y + h / 2,
        text,
        ha="center",
        va="center",
        fontsize=size,
        color="white" if filled else colour,
        wrap=True,
    )


def caption(ax, y, text, size=11):
    """A centred line (or two) of dark-grey text across the figure, at height y."""
    ax.text(6.0, y, text, ha="center", va="center", fontsize=size, color="#333333")


def arrow(ax, start, end, colour=GREY, style="-|>", width=2.0, text=None):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=18, color=colour, linewidth=width))
    if text:
        ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.18, text, ha="center", fontsize=11, color=colour)


def pipeline(ax):
    """sensors -> Kafka -> Cassandra -> Spark -> Jupyter, with what each stage is for."""
    stages = [
        ("Sensors", "smart meters,\nsolar and wind", GREY),
        ("Ingress", "Kafka", BLUE),
        ("Storage", "Cassandra", GREEN),
        ("Processing", "Spark", ORANGE),
        ("Interaction", "Jupyter", RED),
    ]
    for i, (stage, tool, colour) in enumerate(stages):
        x = 0.3 + i * 2.35
        box(ax, x, 2.0, 1.9, 1.4, tool, colour, size=15)
        ax.text(x + 0.95, 3.7, stage, ha="center", fontsize=16, weight="bold", color=colour)
        if i:
            arrow(ax, (x - 0.42, 2.7), (x - 0.03, 2.7))
    notes = [
        "many sources,\none format",
        "accept every message,\nfan out to sinks",
        "persist, replicate,\nordered on disk",
        "bring the work\nto the data",
        "see and share\nthe results",
    ]
    for i, note in enumerate(notes):
        ax.text(0.3 + i * 2.35 + 0.95, 1.5, note, ha="center", va="top", fontsize=11, color="#333333")


def queue_vs_pubsub(ax):
    """Left: a queue per recipient, the sender knows them. Right: one topic, subscribers pick it up."""
    ax.text(2.9, 5.0, "Message queue", ha="center", fontsize=17, weight="bold")
    ax.text(9.1, 5.0, "Publish / subscribe", ha="center", fontsize=17, weight="bold")
    ax.plot([6, 6], [0.3, 5.2], color=GREY, linestyle=":")
    box(ax, 0.3, 2.1, 1.4, 0.9, "sender", GREY)
    for i, y in enumerate((3.8, 2.2, 0.6)):
        box(ax, 2.4, y, 1.5, 0.7, f"queue {i + 1}", BLUE, size=12, filled=False)
        box(ax, 4.4, y, 1.3, 0.7, f"app {i + 1}", GREEN, size=12)
        arrow(ax, (1.7, 2.55), (2.4, y + 0.35), text=None)
        arrow(ax, (3.9, y + 0.35), (4.4, y + 0.35))
    ax.text(2.9, 0.15, "one copy per recipient; the sender must know them all", ha="center", fontsize=10)
    for i, y in enumerate((3.6, 1.2)):
        box(ax, 6.3, y, 1.5, 0.8, f"producer {i + 1}", GREY, size=12)
        arrow(ax, (7.8, y + 0.4), (8.4, 2.55))
    box(ax, 8.4, 2.1, 1.6, 0.9, "topic\n'generation'", BLUE, size=12)
    for i, y in enumerate((3.8, 2.2, 0.6)):
        box(ax, 10.5, y, 1.3, 0.7, f"app {i + 1}", GREEN, size=12)
        arrow(ax, (10.0, 2.55), (10.5, y + 0.35))
    ax.text(9.1, 0.15, "stored once; each subscriber reads at its own pace", ha="center", fontsize=10)


def commit_log(ax):
    """A partition as an append-only log: offsets, the producer appends, consumers keep their own position."""
    cells = 14
    for i in range(cells):
        filled = i < 11
        ax.add_patch(
            plt.Rectangle(
                (0.8 + i * 0.75, 2.2),
                0.7,
                0.9,
                facecolor=BLUE if filled else "white",
                edgecolor=BLUE,
                alpha=1.0 if i >= 3 else 0.35,
                linewidth=1.5,
            )
        )
        if filled:
            ax.text(0.8 + i * 0.75 + 0.35, 2.65, str(i), ha="center", va="center", color="white", fontsize=13)
    ax.text(0.8, 3.35, "partition 0 of topic 'generation'  (oldest left, newest right)", fontsize=13)
    arrow(ax, (9.35, 4.3), (9.1, 3.15), BLUE)
    ax.text(9.35, 4.4, "producer appends at the end", fontsize=12, color=BLUE, ha="center")
    ax.text(
        0.8, 1.7, "offsets 0-2 past retention:\ndeleted after a time or size limit", fontsize=11, color=GREY, va="top"
    )
    for offset, name, colour in (
        (5, "group 'archive'\nreads at offset 5", GREEN),
        (9, "group 'dashboard'\nat offset 9", RED),
    ):
        x = 0.8 + offset * 0.75 + 0.35
        arrow(ax, (x, 1.0), (x, 2.15), colour)
        ax.text(x, 0.9, name, ha="center", va="top", fontsize=11, color=colour)


def partitions_and_groups(ax):
    """Three partitions; group A's two consumers share them, group B's single consumer gets all."""
    ax.text(0.4, 0.2, "topic 'generation': 3 partitions; messages with one key stay in one partition", fontsize=13)
    for p in range(3):
        y = 3.6 - p * 1.3
        for i in range(6 - p):
            ax.add_patch(
                plt.Rectangle((0.6 + i * 0.5, y), 0.45, 0.7, facecolor=PARTITION_COLOURS[p], edgecolor="white")
            )
        ax.text(0.6, y + 0.85, f"partition {p}", fontsize=11, color=PARTITION_COLOURS[p])
    box(ax, 6.0, 3.5, 2.4, 1.0, "consumer A1", GREEN, size=13)
    box(ax, 6.0, 1.1, 2.4, 1.0, "consumer A2", GREEN, size=13)
    ax.add_patch(
        FancyBboxPatch((5.8, 0.8), 2.8, 4.0, boxstyle="round,pad=0.05", fill=False, edgecolor=GREEN, linestyle="--")
    )
    ax.text(7.2, 4.95, "group A shares the partitions", ha="center", fontsize=12, color=GREEN)
    box(ax, 9.6, 2.3, 2.2, 1.0, "consumer B1", RED, size=13)
    ax.text(10.7, 4.95, "group B gets everything", ha="center", fontsize=12, color=RED)
    for p, target in ((0, (6.0, 4.0)), (1, (6.0, 3.7)), (2, (6.0, 1.6))):
        start = (3.7 - p * 0.5, 3.95 - p * 1.3)
        arrow(ax, start, target, PARTITION_COLOURS[p])
        arrow(ax, (start[0], start[1] - 0.1), (9.6, 2.8), PARTITION_COLOURS[p], width=1.0, style="->")


def data_model(ax):
    """A wide row: the partition key picks the node and the partition; clustering keys order the cells."""
    ax.text(
        0.3,
        5.0,
        "PRIMARY KEY ((region, type), ts)   WITH CLUSTERING ORDER BY (ts DESC)",
        fontsize=14,
        family="monospace",
    )
    partitions = [
        ("DE, solar", ["12:00  31 112", "11:45  30 874", "11:30  30 410", "..."]),
        ("DE, wind", ["12:00  9 870", "11:45  9 951", "11:30  10 034", "..."]),
    ]
    for row, (key, cells) in enumerate(partitions):
        y = 3.2 - row * 1.9
        box(ax, 0.3, y, 2.2, 1.2, key, GREEN, size=14)
        for i, cell in enumerate(cells):
            box(ax, 2.9 + i * 2.2, y, 2.0, 1.2, cell.replace("  ", "\n"), BLUE, size=12, filled=i < 3)
    ax.text(1.4, 0.55, "partition key\n(where: which node,\none partition)", ha="center", fontsize=11, color=GREEN)
    ax.text(
        6.2,
        0.55,
        "clustering key ts (order inside the partition, newest first)\n"
        "one partition = one 'wide row', read in one sequential sweep",
        ha="center",
        fontsize=11,
        color=BLUE,
    )


# The sandbox's ring, as it configures the nodes: one token each, Murmur3 tokens run from -2^63 to 2^63 - 1.
NODE_TOKENS = {f"cassandra{node}": int(token) for node, token in CASSANDRA_TOKENS.items()}
NODE_COLOURS = {"cassandra1": GREEN, "cassandra2": BLUE, "cassandra3": ORANGE}
RING_KEY = ("DE", "wind")


def partition_token(*components: str) -> int:
    """Cassandra's Murmur3 token of a partition key of text columns (a composite key when there are several)."""
    from cassandra.murmur3 import murmur3

    if len(components) == 1:
        return murmur3(components[0].encode())
    encoded = b"".join(len(c.encode()).to_bytes(2, "big") + c.encode() + b"\x00" for c in components)
    return murmur3(encoded)


def replicas_of(token: int, replication_factor: int = 3) -> list[str]:
    """SimpleStrategy: the node whose range (previous token, its token] holds `token`, then the next ones clockwise."""
    ring = sorted(NODE_TOKENS, key=NODE_TOKENS.get)
    first = next((i for i, name in enumerate(ring) if token <= NODE_TOKENS[name]), 0)  # past the last: wrap
    return [ring[(first + k) % len(ring)] for k in range(replication_factor)]


def token_label(token: int) -> str:
    """-6148914691236517206 -> '-6.15e18', 0 -> '0'."""
    return f"{token / 1e18:.2f}e18" if token else "0"


def ring_angle(token: int) -> float:
    """Degrees on the drawn ring: -2^63 at the top, tokens growing clockwise."""
    return 90 - 360 * (token + 2**63) / 2**64


def ring_point(centre, radius, token):
    import math

    angle = math.radians(ring_angle(token))
    return centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)


def ring_and_replication(ax):
    """The sandbox's ring of three nodes (one token each), a key's token, and its three replicas under RF 3."""
    from matplotlib.patches import Wedge

    centre, radius = (2.9, 2.7), 2.0
    ring = sorted(NODE_TOKENS, key=NODE_TOKENS.get)
    ax.add_patch(Circle(centre, radius, fill=False, edgecolor=GREY, linewidth=1))
    for i, name in enumerate(ring):  # each node's primary range ends at its token
        start, end = NODE_TOKENS[ring[i - 1]], NODE_TOKENS[name]
        ax.add_patch(
            Wedge(centre, radius, ring_angle(end), ring_angle(start), width=0.28, color=NODE_COLOURS[name], alpha=0.85)
        )
    for name in ring:
        x, y = ring_point(centre, radius, NODE_TOKENS[name])
        ax.add_patch(Circle((x, y), 0.24, color=NODE_COLOURS[name], ec="black", zorder=3))
        lx, ly = ring_point(centre, radius + 1.0, NODE_TOKENS[name])
        ax.text(
            lx,
            ly,
            f"{name}\ntoken {token_label(NODE_TOKENS[name])}",
            ha="center",
            va="center",
            fontsize=10,
            color=NODE_COLOURS[name],
            weight="bold",
        )
    token = partition_token(*RING_KEY)
    replicas = replicas_of(token)
    kx, ky = ring_point(centre, radius, token)
    ax.plot([kx], [ky], "x", color=RED, markersize=13, markeredgewidth=3, zorder=4)
    lx, ly = ring_point(centre, radius + 0.55, token)
    ax.text(
        lx,
        ly,
        f"token('DE', 'wind')\n= {token_label(token)}",
        ha="center",
        va="center",
        fontsize=10,
        color=RED,
        bbox={"boxstyle": "round", "fc": "white", "ec": RED},
    )
    for rank, name in enumerate(replicas, start=1):
        x, y = ring_point(centre, radius - 0.62, NODE_TOKENS[name])
        ax.text(
            x,
            y,
            str(rank),
            ha="center",
            va="center",
            fontsize=12,
            color=RED,
            weight="bold",
            bbox={"boxstyle": "circle", "fc": "lightyellow", "ec": RED},
        )
    ax.text(centre[0], centre[1], "tokens grow\nclockwise", ha="center", va="center", fontsize=10, color=GREY)
    ax.text(6.6, 5.0, "Ring and replication, RF 3", fontsize=17, weight="bold")
    ax.text(
        6.6,
        4.55,
        "\n".join(
            [
                "- the partition key is hashed (Murmur3) to a token",
                "- each node owns the range that ends at its token",
                f"- first replica: the owner ({replicas[0]} for DE/wind);",
                "  RF 3: the next two nodes clockwise hold copies",
                "- any node can coordinate a request",
                "- consistency level per request, on RF 3:",
                "  ONE: 1 replica    QUORUM: 2    ALL: 3",
                "- one node down: QUORUM still works, ALL fails",
                "- R + W > RF (2 + 2 > 3): a QUORUM read",
                "  meets every QUORUM write",
            ]
        ),
        va="top",
        fontsize=12,
        linespacing=1.45,
    )


def machine(ax, x, y, w, h, title, colour=GREY):
    """A dashed frame standing for one (simulated) machine, its name on top."""
    ax.add_patch(
        FancyBboxPatch(
            (x, y), w, h, boxstyle="round,pad=0.05", fill=False, edgecolor=colour, linewidth=2, linestyle="--"
        )
    )
    ax.text(x + w / 2, y + h + 0.12, title, ha="center", va="bottom", fontsize=13, weight="bold", color="#333333")


def three_machines(ax, y, height):
    """The frames of the sandbox's three machines; returns their left edges."""
    lefts = [0.3 + i * 3.9 for i in range(3)]
    for i, x in enumerate(lefts):
        machine(ax, x, y, 3.5, height, f"machine {i + 1}: 127.0.0.{i + 1}")
    return lefts


def on_machine_one(ax, y, second, note, note_colour):
    """The Spark master and `second` (JupyterLab, the driver) above machine 1, and a note on the right."""
    box(ax, 0.5, y, 1.5, 0.65, "spark-master", ORANGE, size=11, filled=False)
    box(ax, 2.15, y, 1.5, 0.65, second, RED, size=11, filled=False)
    ax.text(3.8, y + 0.33, "← on machine 1 too", va="center", fontsize=11, color=GREY)
    ax.text(9.6, y + 0.33, note, ha="center", va="center", fontsize=11, color=note_colour)


def sandbox_topology(ax):
    """Three simulated machines on one laptop, each with a broker, a Cassandra node and a Spark worker."""
    for i, x in enumerate(three_machines(ax, 0.75, 3.55)):
        box(ax, x + 0.2, 3.2, 3.1, 0.75, f"kafka{i + 1}  :9092", BLUE, size=13)
        box(ax, x + 0.2, 2.2, 3.1, 0.75, f"cassandra{i + 1}  :9042", GREEN, size=13)
        box(ax, x + 0.2, 1.2, 3.1, 0.75, f"spark-worker{i + 1}", ORANGE, size=13)
    on_machine_one(ax, 4.85, "JupyterLab", "KRaft: each broker is also one of\nthree controllers (majority: 2)", BLUE)
    caption(
        ax,
        0.25,
        "topics: RF 3, min.insync.replicas = 2   ·   keyspaces: RF 3, one token per node   ·   "
        "a worker beside every node",
    )
    for i in range(2):  # the three brokers, nodes and workers are peers of one cluster each
        x = 0.3 + i * 3.9 + 3.5
        for y, colour in ((3.575, BLUE), (2.575, GREEN), (1.575, ORANGE)):
            ax.plot([x - 0.2, x + 0.6], [y, y], color=colour, linewidth=2, linestyle=":")


def kafka_replication(ax):
    """Partitions x brokers, before and after kafka2 is killed: leaders, in-sync followers, the ISR shrinking."""
    replicas = {0: [2, 3, 1], 1: [3, 1, 2], 2: [1, 2, 3]}  # preferred order: the first is the preferred leader
    states = [
        ("all three brokers up", set()),
        ("kafka2 killed (SIGKILL)", {2}),
    ]
    for panel, (title, down) in enumerate(states):
        x0 = 0.9 + panel * 5.6
        ax.text(x0 + 2.0, 5.1, title, ha="center", fontsize=15, weight="bold", color=RED if down else "#333333")
        for b in (1, 2, 3):
            ax.text(
                x0 + (b - 1) * 1.35 + 0.6,
                4.5,
                f"kafka{b}",
                ha="center",
                fontsize=12,
                color=GREY if b in down else "#333333",
            )
        for p, order in replicas.items():
            y = 3.6 - p * 1.05
            alive = [b for b in order if b not in down]
            leader = alive[0]
            if panel == 0:
                ax.text(0.8, y + 0.4, f"partition {p}", ha="right", va="center", fontsize=12)
            isr = ", ".join(f"{b}" for b in sorted(alive))
            ax.text(
                x0 + 4.15, y + 0.4, f"ISR {{{isr}}}", va="center", fontsize=11, color=RED if len(alive) < 3 else GREY
            )
            for b in (1, 2, 3):
                bx = x0 + (b - 1) * 1.35
                if b in down:
                    colour, label, text_colour = "#eeeeee", "down", GREY
                elif b == leader:
                    colour, label, text_colour = BLUE, "leader", "white"
                else:
                    colour, label, text_colour = "#a9bbe0", "follower", "#1f3366"
                ax.add_patch(
                    FancyBboxPatch(
                        (bx, y),
                        1.2,
                        0.8,
                        boxstyle="round,pad=0.02,rounding_size=0.08",
                        facecolor=colour,
                        edgecolor=GREY if b in down else colour,
                        hatch="//" if b in down else None,
                    )
                )
                ax.text(
                    bx + 0.6,
                    y + 0.4,
                    label,
                    ha="center",
                    va="center",
                    fontsize=11,
                    color=text_colour,
                    weight="bold" if label == "leader" else None,
                )
    arrow(ax, (5.7, 2.55), (6.3, 2.55), RED, width=2.5)
    caption(
        ax,
        0.9,
        "acks='all': the leader answers once every in-sync replica has the batch.  "
        "min.insync.replicas = 2: with fewer in sync,\nthe leader refuses (NotEnoughReplicas) "
        "instead of keeping the only copy.  Partition 0's new leader: kafka3, next in its list.",
    )


def spark_plan(ax):
    """The monthly aggregate: scan and partial aggregate next to the data, the Exchange, the final aggregate."""
    ax.text(0.3, 5.15, "stage 1: one task per split of the token ring", fontsize=13, weight="bold", color=ORANGE)
    ax.text(11.85, 5.15, "stage 2: a task per shuffle partition", fontsize=13, weight="bold", color=RED, ha="right")
    for i in range(3):
        y = 3.75 - i * 1.45
        ax.text(0.3, y + 0.95, f"machine {i + 1}", fontsize=11, color=GREY)
        box(ax, 0.3, y, 1.8, 0.8, f"scan task\nreads cassandra{i + 1}", GREEN, size=10)
        arrow(ax, (2.1, y + 0.4), (2.6, y + 0.4))
        box(ax, 2.6, y, 2.4, 0.8, "① partial aggregate\nsum per (month, type)", ORANGE, size=11)
        arrow(ax, (5.0, y + 0.4), (6.35, 2.7), GREY, width=1.5)
    ax.add_patch(FancyBboxPatch((6.35, 1.3), 1.3, 2.8, boxstyle="round,pad=0.03", facecolor="#f2f2f2", edgecolor=GREY))
    ax.text(7.0, 2.7, "② Exchange\n(shuffle)\n\nhash of\n(month, type)", ha="center", va="center", fontsize=11)
    for y in (3.4, 1.6):
        arrow(ax, (7.65, 2.7), (8.1, y + 0.4), GREY, width=1.5)
        box(ax, 8.1, y, 2.3, 0.8, "③ final aggregate\nmerge partial sums", RED, size=11)
        arrow(ax, (10.4, y + 0.4), (10.85, 2.7), GREY, width=1.5)
    box(ax, 10.85, 2.3, 1.0, 0.8, "driver", GREY, size=11)
    caption(
        ax,
        0.35,
        "351,360 rows are read where they live; only one small row per (month, type) and task\n"
        "crosses the network; 24 rows come back (12 months × solar, wind)",
        size=12,
    )


def twcs_windows(ax):
    """TWCS groups SSTables by the cells' write time: a bulk load of 2016 lands in today's window, unless
    it writes USING TIMESTAMP taken from each reading's ts."""
    months = "JFMAMJJASOND"
    for row, (title, by_event_time) in enumerate(
        (
            ("INSERT ... (a bulk load of 2016, run today)", False),
            ("INSERT ... USING TIMESTAMP <ts of the reading>", True),
        )
    ):
        y = 3.35 - row * 2.55
        ax.text(0.3, y + 1.2, title, fontsize=13, family="monospace", weight="bold")
        for m in range(13):
            x = 0.3 + m * 0.88
            label = months[m] if m < 12 else "today"
            ax.add_patch(plt.Rectangle((x, y), 0.8, 0.95, facecolor="white", edgecolor=GREY, linewidth=1))
            ax.text(x + 0.4, y - 0.2, label, ha="center", va="top", fontsize=10, color=GREY)
            if (m < 12) == by_event_time:
                count = 1 if by_event_time else 12
                for k in range(count):
                    hh = 0.8 / count
                    ax.add_patch(
                        plt.Rectangle(
                            (x + 0.08, y + 0.08 + k * hh * 0.98), 0.64, hh * 0.85, facecolor=GREEN, edgecolor="white"
                        )
                    )
        note = (
            "every cell's write time is today: the whole year sits in today's window"
            if not by_event_time
            else "each reading lands in the window of its own time; a window whose data has expired goes as a whole"
        )
        ax.text(0.3, y - 0.62, note, va="center", fontsize=12, color=RED if not by_event_time else GREEN)
    ax.text(
        0.3,
        5.3,
        "TimeWindowCompactionStrategy, 30-day windows: a cell goes to the window of its write time",
        fontsize=14,
        color="#333333",
    )


def locality(ax):
    """Three machines, a Spark worker beside each Cassandra node: each task reads a token range on its own host."""
    for i, x in enumerate(three_machines(ax, 0.6, 3.2)):
        box(ax, x + 0.2, 0.85, 1.5, 0.9, f"cassandra{i + 1}", GREEN, size=12)
        box(ax, x + 1.85, 2.35, 1.5, 0.9, f"executor on\nspark-worker{i + 1}", ORANGE, size=10)
        arrow(ax, (x + 1.3, 1.75), (x + 2.3, 2.35), ORANGE, style="<|-|>")
        ax.text(x + 0.2, 2.45, "NODE_LOCAL:\nits split's\nreplica is here", fontsize=10, color=ORANGE, ha="left")
    on_machine_one(
        ax,
        4.45,
        "driver\n(Jupyter)",
        "tasks go to an executor next to a replica of their\ntoken range; only small results cross the network",
        GREY,
    )
    caption(
        ax,
        0.1,
        "RF 3 on three nodes: every split prefers every host.  RF 1: one host each, and a lost executor means ANY",
    )


FIGURE_DRAWERS = {
    "pipeline": pipeline,
    "queue_vs_pubsub": queue_vs_pubsub,
    "commit_log": commit_log,
    "partitions_and_groups": partitions_and_groups,
    "data_model": data_model,
    "ring_and_replication": ring_and_replication,
    "locality": locality,
    "sandbox_topology": sandbox_topology,
    "kafka_replication": kafka_replication,
    "spark_plan": spark_plan,
    "twcs_windows": twcs_windows,
}


def draw_all(directory: Path = FIGURES) -> list[Path]:
    """Write every figure as <name>.png into `directory`; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in FIGURE_DRAWERS.items():
        fig, ax = canvas()
        draw(ax)
        path = directory / f"{name}.png"
        fig.savefig(path, dpi=100, bbox_inches="tight", facecolor="white")
        plt.close(fig)
        written.append(path)
    return written


if __name__ == "__main__":
    for figure in draw_all(Path(sys.argv[1]) if len(sys.argv) > 1 else FIGURES):
        print(figure)
