"""Every figure quoted in the prose of the analytics lessons (09, 10) comes from an executed output of the same
lesson, as printed or rounded, or from the lesson's own code (a threshold, a constant): nbval compares the
outputs, never the markdown, so without this a rerun could leave the text behind.

A figure is a number with a decimal point, a thousands separator, or three digits or more. Figure captions
are left out: they describe plots, whose numbers are in no text output. The few figures that come from
elsewhere are listed below, each with its source."""

import re

import pytest

from helpers.common.paths import REPO_ROOT
from helpers.course import notebooks as nbs

FIGURE = re.compile(r"(?<![\w.\-])(\d{1,3}(?:,\d{3})+|\d+\.\d+|\d{3,})(?!\w)")
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?(?:e-?\d+)?")
CAPTION = "*Figure:"
FROM_ELSEWHERE = {
    "09_analytics": {
        "8,784": "hours in 2016, a leap year (the rollup's 87,840 rows are 10 series of them)",
        "366": "days in 2016",
        "7,440": "hours of December for 10 series (31 x 24 x 10)",
        "310": "days of December for 10 series",
        "4.999999999999999": "an example of a float sum landing below a bin edge",
        "0.929": "lesson 07's weather join, quoted for comparison",
    },
    "10_interaction": {
        "1.4826": "the factor that makes a median absolute deviation a standard deviation (lesson 09's spread)",
    },
}


def printed(cell) -> str:
    """A code cell's text outputs: streams and the plain text of results."""
    return "\n".join(
        "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
        for out in cell.get("outputs", [])
    )


def numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in NUMBER.findall(text) if n.replace(",", "").strip("-")]


def rounds_to(figure: str, values: list[float]) -> bool:
    """Whether ``figure`` is one of ``values`` as printed, or rounded to the figure's own precision
    (0.31 from 0.3104, 5,100 from 5,076)."""
    plain = figure.replace(",", "")
    target = float(plain)
    if "." in plain:
        places = len(plain.split(".")[1])
        return any(round(abs(v), places) == target for v in values)
    step = 10 ** (len(plain) - len(plain.rstrip("0")))
    return any(abs(v) == target or round(abs(v) / step) * step == target for v in values)


@pytest.mark.parametrize("lesson", sorted(FROM_ELSEWHERE))
def test_every_figure_in_the_prose_is_in_an_output_of_the_lesson(lesson):
    nb = nbs.read(REPO_ROOT / "notebooks" / f"{lesson}.ipynb")
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    shown = numbers("\n".join(printed(cell) for cell in code))
    constants = numbers("\n".join(cell.source for cell in code))
    unsourced = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or cell.source.startswith(CAPTION):
            continue
        prose = re.sub(r"`[^`]*`|\]\([^)]*\)", "", cell.source)  # code spans and link targets are not figures
        for figure in FIGURE.findall(prose):
            if figure in FROM_ELSEWHERE[lesson] or rounds_to(figure, shown) or rounds_to(figure, constants):
                continue
            unsourced.append((index, figure))
    assert unsourced == [], f"{lesson}: figures in the prose found in no output (cell, figure): {unsourced}"
