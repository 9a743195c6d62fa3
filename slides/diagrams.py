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


def ring_and_replication(ax):
    """The token ring of our two nodes, a key hashed onto it, and its replica under RF=2."""
    import math

    centre, radius = (3.2, 2.75), 2.0
    ax.add_patch(Circle(centre, radius, fill=False, edgecolor=GREY, linewidth=3))
    ax.add_patch(matplotlib.patches.Wedge(centre, radius, 90, 270, width=0.25, color=GREEN, alpha=0.8))
    ax.add_patch(matplotlib.patches.Wedge(centre, radius, 270, 90, width=0.25, color=BLUE, alpha=0.8))
    for angle, name, colour in (
        (90, "cassandra1\n127.0.0.1\ntoken -2^63", GREEN),
        (270, "cassandra2\n127.0.0.2\ntoken 0", BLUE),
    ):
        x = centre[0] + radius * math.cos(math.radians(angle))
        y = centre[1] + radius * math.sin(math.radians(angle))
        ax.add_patch(Circle((x, y), 0.28, color=colour))
        ax.text(x + 0.45, y + (0.45 if angle == 90 else -0.45), name, va="center", fontsize=11, color=colour)
    key_angle = 200
    kx = centre[0] + radius * math.cos(math.radians(key_angle))
    ky = centre[1] + radius * math.sin(math.radians(key_angle))
    ax.add_patch(Circle((kx, ky), 0.13, color=RED))
    ax.text(kx - 0.2, ky - 0.15, "murmur3('DE','wind')", ha="right", va="top", fontsize=11, color=RED)
    ax.text(centre[0], centre[1], "tokens grow\nclockwise", ha="center", va="center", fontsize=11, color=GREY)
    ax.text(7.0, 4.6, "Ring and replication", fontsize=17, weight="bold")
    ax.text(
        7.0,
        4.2,
        "\n".join(
            [
                "- the partition key is hashed to a token",
                "- the node whose range holds the token owns it;",
                "  with RF = 2 the next node holds a replica",
                "- any node can coordinate a request",
                "- consistency level per request:",
                "  ONE: one replica answers (available)",
                "  ALL: every replica answers (consistent)",
                "- a node down: ONE still works, ALL fails;",
                "  hints and repair catch it up later",
            ]
        ),
        va="top",
        fontsize=12,
        linespacing=1.5,
    )


def locality(ax):
    """Spark workers next to Cassandra nodes: each task reads the token range stored on its own host."""
    for i, (address, colour) in enumerate((("127.0.0.1", GREEN), ("127.0.0.2", BLUE))):
        x = 0.5 + i * 4.6
        ax.add_patch(
            FancyBboxPatch(
                (x, 0.5), 4.0, 3.4, boxstyle="round,pad=0.05", fill=False, edgecolor=colour, linewidth=2, linestyle="--"
            )
        )
        ax.text(x + 2.9, 1.2, f"host\n{address}", ha="center", fontsize=13, color=colour)
        box(ax, x + 0.3, 0.8, 1.6, 1.0, f"cassandra{i + 1}", colour, size=12)
        box(ax, x + 2.1, 2.2, 1.6, 1.0, f"spark-worker{i + 1}", ORANGE, size=12)
        arrow(ax, (x + 1.3, 1.8), (x + 2.3, 2.2), ORANGE, style="<|-|>", text=None)
        ax.text(x + 0.45, 2.6, "token range\nread locally", fontsize=10, color=ORANGE, ha="left")
    box(ax, 10.0, 3.9, 1.8, 0.9, "spark-master", ORANGE, size=12)
    box(ax, 10.0, 1.2, 1.8, 0.9, "Jupyter\n(driver)", RED, size=12)
    arrow(ax, (10.9, 2.1), (10.9, 3.9), GREY)
    for x in (3.4, 8.0):
        arrow(ax, (10.0, 4.35), (x, 3.25), GREY, style="->", width=1.2)
    ax.text(10.9, 0.7, "only small results\ncross the network", ha="center", va="top", fontsize=10, color=GREY)


FIGURE_DRAWERS = {
    "pipeline": pipeline,
    "queue_vs_pubsub": queue_vs_pubsub,
    "commit_log": commit_log,
    "partitions_and_groups": partitions_and_groups,
    "data_model": data_model,
    "ring_and_replication": ring_and_replication,
    "locality": locality,
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
