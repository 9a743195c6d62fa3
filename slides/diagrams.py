"""Draw the slides' diagrams with matplotlib into slides/figures/ (generated; `make slides` runs this).

python slides/diagrams.py [OUTPUT_DIR]

Readable from the back of the room: every diagram is saved WIDTH inches wide (one axis unit is one inch, no
tight bounding box) and shown at most SHOWN_PX CSS px wide on a 1024x768 projector (95% of the slide's content
box, scaled by reveal.js), so a word of `size` points comes out at size / 72 * SHOWN_PX / WIDTH px: 1.03 px a
point at 12 inches. No text below SMALL = 20 pt, the 20 px of the slides' own text (tests/unit/
test_slides_diagrams.py and tests/integration/test_slides_browser.py check it, and that no text overlaps another
or sticks out). That leaves about 75 characters a line: say less, and split it over lines.

Colours come from helpers.palette (Okabe-Ito), and none is the only key: every box is labelled, partitions
and ring ranges also take a hatch and a line style or marker, good and bad outcomes a mark (✓, ✗).
"""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle, Wedge  # noqa: E402

from helpers.palette import (  # noqa: E402
    BLACK,
    BLUE,
    BLUISH_GREEN,
    GREY,
    HATCHES,
    LINESTYLES,
    MARKERS,
    ORANGE,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
)
from helpers.sandbox.config import CASSANDRA_TOKENS  # noqa: E402

FIGURES = Path(__file__).resolve().parent / "figures"
DPI = 100
WIDTH = 12.0
"""Every diagram's width in inches; it is saved at exactly this size (no tight bounding box)."""
SHOWN_PX = 892
"""The widest a diagram is shown at 1024x768, in CSS px: 95% of the slide's 917 px content box, times 1.024."""
SMALL, TEXT, LARGE = 20, 22, 24
"""Point sizes: notes and captions, box labels, headings. SMALL is the least any text may have."""

KAFKA, CASSANDRA, SPARK, JUPYTER, SOURCES = BLUE, BLUISH_GREEN, ORANGE, REDDISH_PURPLE, GREY
ALERT = VERMILLION
INK = "#333333"  # text on white
LIGHT = "#eeeeee"  # an empty or stopped cell
PARTITION_COLOURS = (BLUE, ORANGE, BLUISH_GREEN)


def screen_px(points: float, width_in: float = WIDTH, shown_px: float = SHOWN_PX) -> float:
    """How tall (CSS px, the em of a font) text of `points` comes out in a `width_in` figure shown `shown_px` wide."""
    return points / 72 * shown_px / width_in


def _luminance(colour) -> float:
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in mcolors.to_rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def ink(background) -> str:
    """Black or white, whichever contrasts more with `background` (WCAG contrast ratio)."""
    lum = _luminance(background)
    return "white" if (1.05 / (lum + 0.05)) > ((lum + 0.05) / 0.05) else BLACK


def canvas(height: float, width: float = WIDTH):
    """A blank figure whose axes fill it and run 0..width and 0..height: one unit is one inch."""
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    return fig, ax


def box(ax, x, y, w, h, text, colour=BLUE, size=TEXT, filled=True):
    """A rounded box with centred text; (x, y) is its lower-left corner. Filled boxes take black or white text,
    whichever reads better on their colour; outlined ones dark text."""
    ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=colour if filled else "white",
            edgecolor=colour,
            linewidth=2.5,
        )
    )
    ax.text(
        x + w / 2,
        y + h / 2,
        text,
        ha="center",
        va="center",
        fontsize=size,
        color=ink(colour) if filled else INK,
        linespacing=1.15,
    )


def caption(ax, y, text, size=SMALL, x=WIDTH / 2, **style):
    """A centred line (or two) of dark text across the figure, at height y."""
    ax.text(x, y, text, ha="center", va="center", fontsize=size, color=INK, linespacing=1.3, **style)


def arrow(ax, start, end, colour=GREY, style="-|>", width=2.5, linestyle="-"):
    ax.add_patch(
        FancyArrowPatch(
            start, end, arrowstyle=style, mutation_scale=22, color=colour, linewidth=width, linestyle=linestyle
        )
    )


def pipeline(ax):
    """sensors -> Kafka -> Cassandra -> Spark -> Jupyter, with what each stage is for."""
    stages = [
        ("Sensors", "meters,\nsun, wind", SOURCES, "many sources,\none format"),
        ("Ingress", "Kafka", KAFKA, "take every\nmessage,\nfan it out"),
        ("Storage", "Cassandra", CASSANDRA, "persist and\nreplicate"),
        ("Processing", "Spark", SPARK, "bring the\nwork to\nthe data"),
        ("Interaction", "Jupyter", JUPYTER, "see and\nshare the\nresults"),
    ]
    for i, (stage, tool, colour, note) in enumerate(stages):
        x = 0.2 + i * 2.4
        box(ax, x, 1.55, 1.9, 1.3, tool, colour)
        ax.text(x + 0.95, 3.15, stage, ha="center", fontsize=TEXT, weight="bold", color=INK)
        ax.text(x + 0.95, 1.25, note, ha="center", va="top", fontsize=SMALL, color=INK, linespacing=1.2)
        if i:
            arrow(ax, (x - 0.48, 2.2), (x - 0.04, 2.2))


def queue_vs_pubsub(ax):
    """Left: a queue per recipient, the sender knows them. Right: one topic, subscribers pick it up."""
    ax.text(2.95, 5.55, "Message queue", ha="center", fontsize=LARGE, weight="bold", color=INK)
    ax.text(9.05, 5.55, "Publish / subscribe", ha="center", fontsize=LARGE, weight="bold", color=INK)
    ax.plot([6, 6], [0.2, 5.9], color=GREY, linestyle=":", linewidth=2)
    box(ax, 0.15, 2.85, 1.35, 0.8, "sender", SOURCES)
    for i, y in enumerate((4.3, 2.9, 1.5)):
        box(ax, 2.05, y, 1.75, 0.7, f"queue {i + 1}", KAFKA, filled=False)
        box(ax, 4.3, y, 1.35, 0.7, f"app {i + 1}", CASSANDRA)
        arrow(ax, (1.5, 3.25), (2.05, y + 0.35))
        arrow(ax, (3.8, y + 0.35), (4.3, y + 0.35))
    caption(ax, 0.65, "one copy per recipient:\nthe sender must know them all", x=2.95)
    for i, y in enumerate((4.2, 1.6)):
        box(ax, 6.25, y, 1.8, 0.8, f"producer {i + 1}", SOURCES, size=SMALL)
        arrow(ax, (8.05, y + 0.4), (8.5, 3.25))
    box(ax, 8.5, 2.75, 1.8, 1.0, "topic\ngeneration", KAFKA, size=SMALL)
    for i, y in enumerate((4.3, 2.9, 1.5)):
        box(ax, 10.65, y, 1.2, 0.7, f"app {i + 1}", CASSANDRA)
        arrow(ax, (10.3, 3.25), (10.65, y + 0.35))
    caption(ax, 0.65, "stored once: every subscriber\nreads at its own pace", x=9.05)


def commit_log(ax):
    """A partition as an append-only log: offsets, the producer appends, consumers keep their own position."""
    cells, written, kept_from, pitch = 14, 11, 3, 0.82
    left = (WIDTH - cells * pitch) / 2
    for i in range(cells):
        filled, deleted = kept_from <= i < written, i < kept_from
        ax.add_patch(
            Rectangle(
                (left + i * pitch, 2.5),
                pitch - 0.06,
                0.9,
                facecolor=KAFKA if filled else "white",
                edgecolor=GREY if deleted else KAFKA,
                hatch="//" if deleted else None,
                linewidth=2,
            )
        )
        if i < written:
            colour = ink(KAFKA) if filled else INK
            ax.text(left + i * pitch + 0.38, 2.95, str(i), ha="center", va="center", color=colour, fontsize=TEXT)
    ax.text(left, 3.65, "partition 0 of topic 'generation': oldest left, newest right", fontsize=SMALL, color=INK)
    end = left + written * pitch + 0.05
    arrow(ax, (end + 0.6, 4.75), (end, 3.45), KAFKA)
    ax.text(WIDTH - 0.2, 4.85, "the producer appends at the end", ha="right", va="bottom", fontsize=SMALL, color=INK)
    ax.text(left, 2.3, "0-2: past retention,\ndeleted after a time\nor size limit", fontsize=SMALL, color=INK, va="top")
    for offset, name, colour, linestyle in (
        (5, "group 'archive'\nreads at offset 5", BLUISH_GREEN, "-"),
        (9, "group 'dashboard'\nreads at offset 9", ALERT, "--"),
    ):
        x = left + offset * pitch + 0.38
        arrow(ax, (x, 1.2), (x, 2.45), colour, linestyle=linestyle)
        ax.text(x, 1.1, name, ha="center", va="top", fontsize=SMALL, color=INK)


def partitions_and_groups(ax):
    """Three partitions; group A's two consumers share them, group B's single consumer gets all."""
    for p in range(3):
        y = 4.15 - p * 1.4
        for i in range(6 - p):
            ax.add_patch(
                Rectangle(
                    (0.3 + i * 0.5, y),
                    0.45,
                    0.7,
                    facecolor=PARTITION_COLOURS[p],
                    edgecolor="white",
                    hatch=HATCHES[p] or None,
                    linewidth=1,
                )
            )
        ax.text(0.3, y + 0.8, f"partition {p}", fontsize=SMALL, color=INK)
    ax.add_patch(
        FancyBboxPatch(
            (4.6, 0.9), 2.9, 4.45, boxstyle="round,pad=0.05", fill=False, edgecolor=GREY, linestyle="--", linewidth=2
        )
    )
    box(ax, 4.85, 4.25, 2.4, 0.85, "consumer A1", JUPYTER)
    box(ax, 4.85, 1.1, 2.4, 0.85, "consumer A2", JUPYTER)
    ax.text(6.05, 5.5, "group A shares the partitions", ha="center", fontsize=SMALL, color=INK)
    box(ax, 9.5, 2.65, 2.35, 0.9, "consumer B1", ALERT)
    ax.text(10.675, 3.75, "group B gets\nall of them", ha="center", fontsize=SMALL, color=INK)
    # each partition's arrows keep its colour and line style; group B's pass between A1 and A2
    for p, target in ((0, (4.85, 4.75)), (1, (4.85, 4.45)), (2, (4.85, 1.55))):
        end = 3.35 - p * 0.5
        y = 4.5 - p * 1.4
        style = {"colour": PARTITION_COLOURS[p], "linestyle": LINESTYLES[p]}
        arrow(ax, (end, y + 0.1), target, **style)
        arrow(ax, (end, y - 0.1), (9.5, 3.1), width=1.5, style="->", **style)
    caption(ax, 0.35, "topic 'generation', 3 partitions: one key always lands in one partition")


def data_model(ax):
    """A wide row: the partition key picks the node and the partition; clustering keys order the cells."""
    ax.text(
        0.2,
        5.3,
        "PRIMARY KEY ((region, type), ts)\nWITH CLUSTERING ORDER BY (ts DESC)",
        fontsize=SMALL,
        family="monospace",
        va="center",
        color=INK,
    )
    partitions = [
        ("DE, solar", ["12:00\n31 112", "11:45\n30 874", "11:30\n30 410", "..."]),
        ("DE, wind", ["12:00\n9 870", "11:45\n9 951", "11:30\n10 034", "..."]),
    ]
    for row, (key, cells) in enumerate(partitions):
        y = 3.25 - row * 1.45
        box(ax, 0.2, y, 2.4, 1.1, key, CASSANDRA)
        for i, cell in enumerate(cells):
            box(ax, 3.0 + i * 2.2, y, 2.0, 1.1, cell, BLUE, size=SMALL, filled=i < 3)
    ax.text(1.4, 1.55, "partition key:\nwhich node,\none partition", ha="center", va="top", fontsize=SMALL, color=INK)
    ax.text(
        7.4,
        1.55,
        "clustering key ts: the order in the\npartition, newest first; one partition\nis one sequential read",
        ha="center",
        va="top",
        fontsize=SMALL,
        color=INK,
    )


# The sandbox's ring, as it configures the nodes: one token each, Murmur3 tokens run from -2^63 to 2^63 - 1.
NODE_TOKENS = {f"cassandra{node}": int(token) for node, token in CASSANDRA_TOKENS.items()}
NODE_COLOURS = {"cassandra1": BLUISH_GREEN, "cassandra2": BLUE, "cassandra3": ORANGE}
NODE_MARKERS = dict(zip(NODE_COLOURS, MARKERS))
NODE_HATCHES = dict(zip(NODE_COLOURS, HATCHES))
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
    angle = math.radians(ring_angle(token))
    return centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)


def ring_and_replication(ax):
    """The sandbox's ring of three nodes (one token each), a key's token, and its three replicas under RF 3."""
    centre, radius = (3.5, 2.9), 1.6
    ring = sorted(NODE_TOKENS, key=NODE_TOKENS.get)
    ax.add_patch(Circle(centre, radius, fill=False, edgecolor=GREY, linewidth=1))
    for i, name in enumerate(ring):  # each node's primary range ends at its token
        start, end = NODE_TOKENS[ring[i - 1]], NODE_TOKENS[name]
        ax.add_patch(
            Wedge(
                centre,
                radius,
                ring_angle(end),
                ring_angle(start),
                width=0.32,
                facecolor=NODE_COLOURS[name],
                edgecolor="white",
                hatch=NODE_HATCHES[name] or None,
                linewidth=0.5,
            )
        )
    # each node's name and token beside its point on the ring: (ha, va, offset from the point in inches)
    placement = {
        "cassandra1": ("left", "bottom", (0.05, 0.23)),
        "cassandra2": ("center", "top", (0, -0.35)),
        "cassandra3": ("right", "bottom", (-0.05, 0.23)),
    }
    for name in ring:
        x, y = ring_point(centre, radius - 0.16, NODE_TOKENS[name])
        ax.plot([x], [y], NODE_MARKERS[name], color=NODE_COLOURS[name], markersize=22, markeredgecolor=BLACK, zorder=3)
        ha, va, (dx, dy) = placement[name]
        ax.text(
            x + dx,
            y + dy,
            f"{name}\ntoken {token_label(NODE_TOKENS[name])}",
            ha=ha,
            va=va,
            fontsize=SMALL,
            color=INK,
            linespacing=1.15,
        )
    token = partition_token(*RING_KEY)
    replicas = replicas_of(token)
    kx, ky = ring_point(centre, radius - 0.16, token)
    ax.plot([kx], [ky], "X", color=ALERT, markersize=20, markeredgecolor="white", zorder=4)
    ax.plot([kx, kx], [ky + 0.25, 6.05], color=ALERT, linewidth=2)
    ax.text(kx, 6.3, f"token('DE', 'wind') = {token_label(token)}", ha="center", va="center", fontsize=SMALL, color=INK)
    for rank, name in enumerate(replicas, start=1):
        x, y = ring_point(centre, radius - 0.7, NODE_TOKENS[name])
        ax.text(
            x,
            y,
            str(rank),
            ha="center",
            va="center",
            fontsize=SMALL,
            color=BLACK,
            weight="bold",
            bbox={"boxstyle": "circle,pad=0.25", "fc": "white", "ec": ALERT, "lw": 2},
        )
    ax.text(centre[0], centre[1], "tokens\ngrow\nclockwise", ha="center", va="center", fontsize=SMALL, color=INK)
    ax.text(
        7.35,
        5.95,
        "\n".join(
            [
                "key → Murmur3 → token",
                "a node owns the range",
                "  up to its token",
                "replica 1: the owner",
                f"  ({replicas[0]})",
                "2, 3: the next clockwise",
                "any node can coordinate",
                "RF 3: ONE 1, QUORUM 2, ALL 3",
                "one node down: QUORUM",
                "  works, ALL fails",
                "R + W > RF (2 + 2 > 3):",
                "  a QUORUM read meets",
                "  every QUORUM write",
            ]
        ),
        va="top",
        fontsize=SMALL,
        color=INK,
        linespacing=1.3,
    )


def machine(ax, x, y, w, h, title):
    """A dashed frame standing for one (simulated) machine, its name on top."""
    ax.add_patch(
        FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.05", fill=False, edgecolor=GREY, linewidth=2, linestyle="--")
    )
    ax.text(x + w / 2, y + h + 0.12, title, ha="center", va="bottom", fontsize=SMALL, weight="bold", color=INK)


def three_machines(ax, top, heights):
    """The frames of the sandbox's three machines, hanging from `top`; returns their left edges."""
    lefts = [0.15 + i * 3.95 for i in range(3)]
    for i, (x, height) in enumerate(zip(lefts, heights)):
        machine(ax, x, top - height, 3.7, height, f"machine {i + 1}: 127.0.0.{i + 1}")
    return lefts


def on_machine_one(ax, x, y, second):
    """The Spark master and `second` (JupyterLab, the driver) side by side in machine 1's frame."""
    box(ax, x + 0.15, y, 1.6, 0.95, "Spark\nmaster", SPARK, size=SMALL, filled=False)
    box(ax, x + 1.95, y, 1.6, 0.95, second, JUPYTER, size=SMALL, filled=False)


def sandbox_topology(ax):
    """Three simulated machines on one laptop, each with a broker, a Cassandra node and a Spark worker."""
    top = 5.1
    lefts = three_machines(ax, top, (4.05, 2.8, 2.8))
    rows = ((0.85, "kafka{}  :9092", KAFKA), (1.7, "cassandra{}  :9042", CASSANDRA), (2.55, "spark-worker{}", SPARK))
    for i, x in enumerate(lefts):
        for depth, label, colour in rows:
            box(ax, x + 0.15, top - depth, 3.4, 0.65, label.format(i + 1), colour, size=SMALL)
    on_machine_one(ax, lefts[0], top - 3.9, "Jupyter\nLab")
    for i in range(2):  # the three brokers, nodes and workers are peers of one cluster each
        x = lefts[i] + 3.55
        for depth, _, colour in rows:
            ax.plot([x, x + 0.55], [top - depth + 0.325] * 2, color=colour, linewidth=3, linestyle=":")
    caption(
        ax,
        1.25,
        "Kafka: topics RF 3,\nmin.insync.replicas = 2;\nKRaft: each broker is one\nof 3 controllers (majority 2)",
        x=6.0,
    )
    caption(ax, 1.25, "Cassandra: RF 3,\none token per node;\na Spark worker\nbeside every node", x=9.95)


def kafka_replication(ax):
    """Partitions x brokers, before and after kafka2 is killed: leaders, in-sync followers, the ISR shrinking."""
    replicas = {0: [2, 3, 1], 1: [3, 1, 2], 2: [1, 2, 3]}  # preferred order: the first is the preferred leader
    states = [("all three brokers up", set()), ("kafka2 killed (SIGKILL)", {2})]
    pitch, cell = 1.28, 1.2
    for panel, (title, down) in enumerate(states):
        x0 = 0.75 + panel * 5.7
        mark = "✗ " if down else ""
        ax.text(x0 + 2.5, 5.9, mark + title, ha="center", fontsize=TEXT, weight="bold", color=ALERT if down else INK)
        ax.text(x0 + 3 * pitch + 0.55, 5.2, "ISR", ha="center", fontsize=SMALL, color=INK)
        for b in (1, 2, 3):
            ax.text(x0 + (b - 1) * pitch + cell / 2, 5.2, f"kafka{b}", ha="center", fontsize=SMALL, color=INK)
        for p, order in replicas.items():
            y = 4.1 - p * 1.0
            alive = [b for b in order if b not in down]
            leader = alive[0]
            if panel == 0:
                ax.text(0.1, y + 0.4, f"P{p}", va="center", fontsize=SMALL, color=INK, weight="bold")
            isr = "{" + ",".join(str(b) for b in sorted(alive)) + "}"
            shrunk = len(alive) < 3
            ax.text(
                x0 + 3 * pitch + 0.55,
                y + 0.4,
                isr,
                ha="center",
                va="center",
                fontsize=SMALL,
                color=ALERT if shrunk else INK,
                weight="bold" if shrunk else None,
            )
            for b in (1, 2, 3):
                bx = x0 + (b - 1) * pitch
                if b in down:
                    colour, label = LIGHT, "down"
                elif b == leader:
                    colour, label = KAFKA, "leader"
                else:
                    colour, label = SKY_BLUE, "follower"
                ax.add_patch(
                    FancyBboxPatch(
                        (bx, y),
                        cell,
                        0.8,
                        boxstyle="round,pad=0.02,rounding_size=0.08",
                        facecolor=colour,
                        edgecolor=GREY if b in down else colour,
                        hatch="//" if b in down else None,
                    )
                )
                ax.text(
                    bx + cell / 2,
                    y + 0.4,
                    label,
                    ha="center",
                    va="center",
                    fontsize=SMALL,
                    color=ink(colour),
                    weight="bold" if label == "leader" else None,
                )
    caption(
        ax,
        0.85,
        "acks='all': the leader answers once every in-sync replica has the batch.\n"
        "min.insync.replicas = 2: with fewer in sync, it refuses the write\n"
        "(NotEnoughReplicas). P0's new leader: kafka3, next in its list.",
    )


def spark_plan(ax):
    """The monthly aggregate: scan and partial aggregate next to the data, the Exchange, the final aggregate."""
    ax.text(0.15, 6.65, "stage 1: a task per\ntoken-range split", fontsize=SMALL, weight="bold", color=INK, va="center")
    ax.text(7.55, 6.65, "stage 2: a task per\nshuffle partition", fontsize=SMALL, weight="bold", color=INK, va="center")
    for i in range(3):
        y = 4.6 - i * 1.5
        ax.text(0.15, y + 1.0, f"machine {i + 1}", fontsize=SMALL, color=INK)
        box(ax, 0.15, y, 1.95, 0.9, f"scan\ncassandra{i + 1}", CASSANDRA, size=SMALL)
        arrow(ax, (2.1, y + 0.45), (2.45, y + 0.45))
        box(ax, 2.45, y, 2.55, 0.9, "① partial sum\nper month, type", SPARK, size=SMALL)
        arrow(ax, (5.0, y + 0.45), (5.4, 3.55), GREY, width=2)
    ax.add_patch(FancyBboxPatch((5.4, 2.05), 1.8, 3.0, boxstyle="round,pad=0.03", facecolor=LIGHT, edgecolor=GREY))
    ax.text(6.3, 3.55, "② Exchange:\nshuffle by\nhash of\nmonth, type", ha="center", va="center", fontsize=SMALL)
    for y in (4.3, 2.05):
        arrow(ax, (7.2, 3.55), (7.55, y + 0.45), GREY, width=2)
        box(ax, 7.55, y, 2.4, 0.9, "③ final sum:\nmerge partials", SKY_BLUE, size=SMALL)
        arrow(ax, (9.95, y + 0.45), (10.35, 3.55), GREY, width=2)
    box(ax, 10.35, 3.1, 1.45, 0.9, "driver", SOURCES, size=SMALL)
    caption(
        ax,
        0.75,
        "351,360 rows are read where they live; one small row\n"
        "per (month, type) and task crosses the network;\n"
        "24 rows come back (12 months × solar, wind)",
    )


def twcs_windows(ax):
    """TWCS groups SSTables by the cells' write time: a bulk load of 2016 lands in today's window, unless
    it writes USING TIMESTAMP taken from each reading's ts."""
    months = "JFMAMJJASOND"
    ax.text(0.2, 6.3, "TWCS, 30-day windows: a cell goes to its write time's window", fontsize=SMALL, color=INK)
    rows = (
        ("INSERT ... (a bulk load of 2016, run today)", False, "write time = today: the whole year in one window"),
        (
            "INSERT ... USING TIMESTAMP <ts of the reading>",
            True,
            "each reading in its own window; an expired\nwindow is dropped as a whole",
        ),
    )
    for row, (title, by_event_time, note) in enumerate(rows):
        y = 4.3 - row * 2.75
        ax.text(0.2, y + 1.15, title, fontsize=SMALL, family="monospace", weight="bold", color=INK)
        for m in range(13):
            x = 0.2 + m * 0.89
            label = months[m] if m < 12 else "today"
            ax.add_patch(Rectangle((x, y), 0.8, 0.9, facecolor="white", edgecolor=GREY, linewidth=1.5))
            ax.text(x + 0.4, y - 0.08, label, ha="center", va="top", fontsize=SMALL, color=INK)
            if (m < 12) == by_event_time:
                count = 1 if by_event_time else 12
                for k in range(count):
                    hh = 0.76 / count
                    ax.add_patch(
                        Rectangle(
                            (x + 0.08, y + 0.07 + k * hh), 0.64, hh * 0.85, facecolor=BLUISH_GREEN, edgecolor="white"
                        )
                    )
        mark, colour = ("✓", BLUISH_GREEN) if by_event_time else ("✗", ALERT)
        ax.text(0.2, y - 0.6, mark, va="top", fontsize=TEXT, weight="bold", color=colour)
        ax.text(0.6, y - 0.6, note, va="top", fontsize=SMALL, color=INK)


def locality(ax):
    """Three machines, a Spark worker beside each Cassandra node: each task reads a token range on its own host."""
    top = 5.1
    lefts = three_machines(ax, top, (4.25, 3.05, 3.05))
    for i, x in enumerate(lefts):
        box(ax, x + 0.45, top - 1.1, 2.8, 0.95, f"executor on\nspark-worker{i + 1}", SPARK, size=SMALL)
        box(ax, x + 0.45, top - 2.9, 2.8, 0.7, f"cassandra{i + 1}", CASSANDRA, size=SMALL)
        arrow(ax, (x + 0.95, top - 2.2), (x + 0.95, top - 1.15), GREY, style="<|-|>")
        ax.text(x + 1.15, top - 1.67, "NODE_LOCAL", va="center", fontsize=SMALL, color=INK)
    on_machine_one(ax, lefts[0], top - 4.1, "driver\n(Jupyter)")
    caption(
        ax,
        1.15,
        "A task runs next to a replica of its split:\nonly small results cross the network.\n"
        "RF 3: every host has every split. RF 1:\none host each; a lost executor means ANY.",
        x=7.95,
    )


FIGURE_DRAWERS = {
    "pipeline": (pipeline, 3.75),
    "queue_vs_pubsub": (queue_vs_pubsub, 6.2),
    "commit_log": (commit_log, 5.6),
    "partitions_and_groups": (partitions_and_groups, 6.0),
    "data_model": (data_model, 5.8),
    "ring_and_replication": (ring_and_replication, 6.8),
    "locality": (locality, 5.6),
    "sandbox_topology": (sandbox_topology, 5.6),
    "kafka_replication": (kafka_replication, 6.5),
    "spark_plan": (spark_plan, 7.0),
    "twcs_windows": (twcs_windows, 6.7),
}
"""name -> (the function that draws it, its height in inches)."""


def draw(name: str):
    """The figure `name`, drawn (close it with plt.close)."""
    drawer, height = FIGURE_DRAWERS[name]
    fig, ax = canvas(height)
    drawer(ax)
    return fig


def texts(fig) -> list:
    """Every non-empty visible text artist of `fig`."""
    return [t for ax in fig.axes for t in ax.texts if t.get_visible() and t.get_text().strip()]


def smallest_text(fig) -> tuple[float, str]:
    """(the smallest font size in points, that text)."""
    smallest = min(texts(fig), key=lambda t: t.get_fontsize())
    return smallest.get_fontsize(), smallest.get_text()


def text_sizes() -> dict[str, tuple[float, str, float]]:
    """name -> (its smallest font size in points, that text, the figure's width in inches) for every diagram."""
    sizes = {}
    for name in FIGURE_DRAWERS:
        fig = draw(name)
        sizes[name] = (*smallest_text(fig), fig.get_figwidth())
        plt.close(fig)
    return sizes


def layout_problems(fig, slack: float = 1.0) -> list[str]:
    """Texts that reach past the figure, overlap each other, or stick out of the box or frame they sit in."""
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    placed = [(t, t.get_window_extent(renderer).padded(-slack)) for t in texts(fig)]
    problems = [
        f"past the figure: {t.get_text()!r}"
        for t, extent in placed
        if extent.x0 < frame.x0 or extent.y0 < frame.y0 or extent.x1 > frame.x1 or extent.y1 > frame.y1
    ]
    problems += [
        f"overlapping: {a.get_text()!r} and {b.get_text()!r}"
        for (a, ea), (b, eb) in itertools.combinations(placed, 2)
        if ea.overlaps(eb)
    ]
    for t, extent in placed:
        anchor = t.get_transform().transform(t.get_position())
        holders = [
            p.get_window_extent(renderer)
            for p in t.axes.patches
            if isinstance(p, (FancyBboxPatch, Rectangle)) and p.get_window_extent(renderer).contains(*anchor)
        ]
        if holders:
            holder = min(holders, key=lambda b: b.width * b.height)
            inside = (
                holder.x0 <= extent.x0 and extent.x1 <= holder.x1 and holder.y0 <= extent.y0 and extent.y1 <= holder.y1
            )
            if not inside:
                problems.append(f"sticks out of its box: {t.get_text()!r}")
    return problems


def draw_all(directory: Path = FIGURES) -> list[Path]:
    """Write every figure as <name>.png into `directory`, WIDTH x its height inches at DPI; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FIGURE_DRAWERS:
        fig = draw(name)
        path = directory / f"{name}.png"
        fig.savefig(path, dpi=DPI, facecolor="white")
        plt.close(fig)
        written.append(path)
    return written


if __name__ == "__main__":
    for figure in draw_all(Path(sys.argv[1]) if len(sys.argv) > 1 else FIGURES):
        print(figure)
