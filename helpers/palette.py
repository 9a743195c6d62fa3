"""The colours and styles of every plot in the course: the Okabe-Ito palette, safe for colour-blind readers.

Okabe & Ito (2008), "Color Universal Design": eight colours that stay distinguishable under the common
colour-vision deficiencies, deuteranopia, protanopia and tritanopia (tests/unit/test_palette.py simulates
them and measures the distance of every pair). About one man in twelve confuses red and green, so
matplotlib's tab10 pairs (tab:red/tab:green, tab:orange/tab:green) and rainbow-like colormaps are not used.

Colour is never the only key: where a plot tells series apart by colour, the k-th series also takes the
k-th line style, marker or hatch below (or a direct text label), and the legend shows it too.

    for kind, colour, style in (("solar", SOLAR, "-"), ("wind", WIND, "--")):
        ax.plot(x, frame[kind], color=colour, linestyle=style, label=kind)
"""

from __future__ import annotations

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
OKABE_ITO = {
    "black": BLACK,
    "orange": ORANGE,
    "sky blue": SKY_BLUE,
    "bluish green": BLUISH_GREEN,
    "yellow": YELLOW,
    "blue": BLUE,
    "vermillion": VERMILLION,
    "reddish purple": REDDISH_PURPLE,
}

SOLAR = ORANGE  # the sun
WIND = BLUE
GREY = "#999999"  # context, not data: reference lines, empty cells, events

CYCLE = (BLUE, ORANGE, BLUISH_GREEN, VERMILLION, REDDISH_PURPLE, SKY_BLUE, BLACK)
"""One colour per series, in this order (yellow is left out: too faint for a line or a mark on white)."""
LINESTYLES = ("-", "--", ":", "-.", (0, (6, 2, 1, 2, 1, 2)))
"""Solid, dashed, dotted, dash-dot, dash-dot-dot: the k-th line series takes the k-th."""
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
HATCHES = ("", "//", "..", "xx", "\\\\")
"""For bars and areas: none, diagonal, dots, crosses, the other diagonal."""
SEQUENTIAL = "cividis"
"""The colormap for an ordered quantity (e.g. the month of a day): dark blue to yellow, its lightness rising
steadily, so it reads the same with any colour vision and in greyscale (Nuñez, Anderton & Renslow 2018)."""


def hatch_bars(ax, hatches=HATCHES) -> None:
    """Give each bar series of ``ax`` (pandas' ``plot.bar``: one container per column, in order) the next
    hatch, in the legend too: pandas passes one hatch to every column."""
    legend = ax.get_legend()
    handles = legend.legend_handles if legend is not None else []
    for k, bars in enumerate(ax.containers):
        for bar in bars:
            bar.set_hatch(hatches[k % len(hatches)])
    for k, handle in enumerate(handles):
        handle.set_hatch(hatches[k % len(hatches)])
