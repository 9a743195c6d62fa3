"""The slides' ring diagram places a key where Cassandra does: the sandbox's tokens, Murmur3, SimpleStrategy."""

from __future__ import annotations

import sys

import pytest

from helpers.common.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "slides"))
import diagrams  # noqa: E402  (slides/diagrams.py, a sibling module of build.py, not a package)


@pytest.mark.parametrize(
    ("key", "replicas"),
    [
        # lesson 06 shows these with nodetool getendpoints on the running cluster
        (("meter-000001",), ["cassandra3", "cassandra1", "cassandra2"]),
        (("meter-000003",), ["cassandra1", "cassandra2", "cassandra3"]),  # past the highest token: wraps around
    ],
)
def test_replicas_follow_the_ring(key, replicas):
    assert diagrams.replicas_of(diagrams.partition_token(*key)) == replicas


def test_range_ends_at_a_node_token():
    assert diagrams.replicas_of(0)[0] == "cassandra2"  # (-6148914691236517206, 0] is cassandra2's
    assert diagrams.replicas_of(1)[0] == "cassandra3"
    assert diagrams.replicas_of(-(2**63))[0] == "cassandra1"  # the wrapping range


def test_composite_key_token_is_the_drivers():
    from cassandra.metadata import Murmur3Token
    from cassandra.query import SimpleStatement

    # the routing key the driver builds for a composite partition key, hashed as its token-aware policy does
    statement = SimpleStatement("SELECT * FROM energydata.generation WHERE region = 'DE' AND type = 'wind'")
    statement.routing_key = [b"DE", b"wind"]
    assert diagrams.partition_token("DE", "wind") == Murmur3Token.hash_fn(statement.routing_key)


# --- readable from the back of the room: the diagrams' words come out at 20 px or more on a 1024x768 projector
# (the browser test measures the width each is shown at; here the widest, diagrams.SHOWN_PX), and none overlaps
# another, reaches past the figure or out of its box.

MIN_TEXT_PX = 20


@pytest.fixture(scope="module")
def drawn():
    import matplotlib.pyplot as plt

    figures = {name: diagrams.draw(name) for name in diagrams.FIGURE_DRAWERS}
    yield figures
    for fig in figures.values():
        plt.close(fig)


@pytest.mark.parametrize("name", diagrams.FIGURE_DRAWERS)
def test_every_diagram_is_readable_at_projector_size(drawn, name):
    fig = drawn[name]
    points, text = diagrams.smallest_text(fig)
    px = diagrams.screen_px(points, fig.get_figwidth())
    assert px >= MIN_TEXT_PX, (
        f"{name}: {text!r} at {points} pt in a {fig.get_figwidth()} in wide figure comes out at {px:.1f} px "
        f"< {MIN_TEXT_PX} px when shown {diagrams.SHOWN_PX} px wide"
    )


@pytest.mark.parametrize("name", diagrams.FIGURE_DRAWERS)
def test_no_diagram_text_overlaps_or_overflows(drawn, name):
    assert diagrams.layout_problems(drawn[name]) == [], name


def test_text_sizes_name_the_smallest_text_and_the_width():
    points, text, width = diagrams.text_sizes()["pipeline"]
    assert points == diagrams.SMALL and width == diagrams.WIDTH and text
    assert diagrams.screen_px(10, 12, 892) == pytest.approx(10.3, abs=0.05)  # before: 10 pt in a 9.5 in PNG


def test_the_layout_check_finds_small_overlapping_and_overflowing_text():
    import matplotlib.pyplot as plt

    fig, ax = diagrams.canvas(3)
    ax.text(1, 1, "one", fontsize=12)
    ax.text(1.1, 1.05, "two", fontsize=20)
    ax.text(11.5, 2, "past the right edge", fontsize=20)
    diagrams.box(ax, 4, 1, 0.5, 0.5, "a label far wider than its box")
    assert diagrams.smallest_text(fig) == (12, "one")
    assert diagrams.layout_problems(fig) == [
        "past the figure: 'past the right edge'",
        "overlapping: 'one' and 'two'",
        "sticks out of its box: 'a label far wider than its box'",
    ]
    plt.close(fig)


def test_partitions_and_ring_ranges_differ_by_more_than_colour(drawn):
    from matplotlib.patches import FancyArrowPatch, Rectangle, Wedge

    ax = drawn["partitions_and_groups"].axes[0]
    cells = {(p.get_facecolor(), p.get_hatch()) for p in ax.patches if isinstance(p, Rectangle)}
    arrows = {(p.get_edgecolor(), str(p.get_linestyle())) for p in ax.patches if isinstance(p, FancyArrowPatch)}
    assert len(cells) == 3 and len({hatch for _, hatch in cells}) == 3
    assert len(arrows) == 3 and len({style for _, style in arrows}) == 3
    ax = drawn["ring_and_replication"].axes[0]
    assert len({p.get_hatch() for p in ax.patches if isinstance(p, Wedge)}) == 3
    assert len({line.get_marker() for line in ax.lines if line.get_color() in diagrams.NODE_COLOURS.values()}) == 3
