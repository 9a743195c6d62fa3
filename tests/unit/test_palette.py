"""The plots' palette stays apart under simulated colour blindness, no plot (helpers, lessons, the slides' diagrams,
the benchmark report) hard-codes a colour outside it, and the figures tell their series apart by more than colour."""

from __future__ import annotations

import ast
import importlib.util
import itertools
import re
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from helpers import palette  # noqa: E402
from helpers.cassandra_io.pictures import draw_ring  # noqa: E402
from helpers.cassandra_io.pictures import plot_outage as outage_timeline  # noqa: E402
from helpers.common.paths import REPO_ROOT  # noqa: E402
from helpers.course import notebooks as nbs  # noqa: E402
from helpers.kafka_io.pictures import ROLES, offsets_by_key, replica_map  # noqa: E402
from helpers.spark.locality import plot_timeline as locality_timeline  # noqa: E402
from helpers.spark.streaming import plot_watermark  # noqa: E402

# --- 1. every pair of palette colours stays apart, also as people with a colour-vision deficiency see them

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision Deficiency",
# severity 1.0 (dichromacy): applied to linear RGB.
MACHADO_2009 = {
    "normal vision": np.eye(3),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
MIN_DELTA_E = 15.0
"""CIE76 distance in L*a*b*: 2.3 is a just noticeable difference; 15 is told apart at a glance, in a small legend
patch. Okabe-Ito's closest pair is about 16 (tritanopia: sky blue and bluish green); under deuteranopia tab10's
red and green are 7."""

SRGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(colour: str) -> np.ndarray:
    srgb = np.array(mcolors.to_rgb(colour))
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def lab(linear: np.ndarray) -> np.ndarray:
    xyz = SRGB_TO_XYZ @ np.clip(linear, 0, 1) / WHITE_D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str) -> float:
    """CIE76 distance of colours a and b as seen with `vision`."""
    simulate = MACHADO_2009[vision]
    return float(np.linalg.norm(lab(simulate @ linear_rgb(a)) - lab(simulate @ linear_rgb(b))))


@pytest.mark.parametrize("vision", MACHADO_2009)
def test_every_pair_of_palette_colours_stays_apart(vision):
    close = [
        f"{a} / {b}: {delta_e(ca, cb, vision):.1f}"
        for (a, ca), (b, cb) in itertools.combinations(palette.OKABE_ITO.items(), 2)
        if delta_e(ca, cb, vision) < MIN_DELTA_E
    ]
    assert close == [], f"pairs closer than delta E {MIN_DELTA_E} under {vision}"


def test_the_simulation_finds_the_pairs_colour_blind_readers_confuse():
    assert delta_e("tab:red", "tab:green", "normal vision") > 100
    assert delta_e("tab:red", "tab:green", "deuteranopia") < MIN_DELTA_E
    assert delta_e("tab:orange", "tab:green", "protanopia") < MIN_DELTA_E


def test_the_named_colours_and_the_cycle_come_from_the_palette():
    assert {palette.SOLAR, palette.WIND, *palette.CYCLE} <= set(palette.OKABE_ITO.values())
    assert palette.SOLAR != palette.WIND
    assert len(set(palette.CYCLE)) == len(palette.CYCLE)
    for styles in (palette.LINESTYLES, palette.MARKERS, palette.HATCHES):
        assert len({str(style) for style in styles}) == len(styles)
    assert palette.SEQUENTIAL in matplotlib.colormaps


# --- 2. no plot hard-codes a tab10 or CSS colour, a rainbow colormap or a coloured format string like "rv"

UNSAFE_COLORMAPS = {
    "twilight", "twilight_shifted", "hsv", "jet", "rainbow", "gist_rainbow", "nipy_spectral", "gist_ncar", "brg",
    "prism", "flag", "Spectral", "RdYlGn", "RdGy", "tab10", "tab20", "tab20b", "tab20c", "Set1", "Set2", "Set3",
    "Paired", "Accent", "Dark2", "Pastel1", "Pastel2",
}  # fmt: skip
COLOURED_FORMAT = re.compile(r"^(?=.*[bgrcmy])[bgrcmykw.,ov^<>1234sp*hH+xXdD|_:-]{1,4}$")  # "rv", "b-", "go"
FORMAT_FUNCTIONS = {"plot", "semilogx", "semilogy", "loglog", "step", "errorbar"}
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
PALETTE_HEX = {colour.lower() for colour in palette.OKABE_ITO.values()}


def _grey(colour: str) -> bool:
    red, green, blue = mcolors.to_rgb(colour)
    return red == green == blue


def hard_coded(value: str) -> str | None:
    """Why `value` is a colour a plot must not hard-code, or None."""
    if value.startswith(("tab:", "xkcd:")) or re.fullmatch(r"C\d", value):
        return "a tab10 / xkcd colour: use helpers.palette"
    if value.lower() in mcolors.CSS4_COLORS and not _grey(value.lower()):
        return "a CSS colour name: use helpers.palette"
    if HEX.match(value) and value.lower()[:7] not in PALETTE_HEX and not _grey(value[:7]):
        return "a colour outside the palette: use helpers.palette"
    if value.removesuffix("_r") in UNSAFE_COLORMAPS:
        return "not a colour-blind-safe colormap: use helpers.palette.SEQUENTIAL"
    return None


def _docstrings(tree: ast.AST) -> set[int]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, owners)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def colour_problems(code: str) -> list[str]:
    """Each hard-coded colour in `code`: '<line>: <the string>: <why>'."""
    tree = ast.parse(code)
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            why = hard_coded(node.value)
            if why:
                found.append(f"{node.lineno}: {node.value!r}: {why}")
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            formats = [
                *(node.args if name in FORMAT_FUNCTIONS else []),
                *(k.value for k in node.keywords if k.arg == "style"),
            ]
            for arg in formats:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and COLOURED_FORMAT.match(arg.value):
                    found.append(
                        f"{node.lineno}: {arg.value!r}: a colour in a format string: use color= from the palette"
                    )
    return found


def lesson_code(path: Path) -> list[tuple[int, str]]:
    """(cell index, source without IPython magics) of each code cell."""
    cells = nbs.read(path).cells
    return [
        (index, "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines()))
        for index, cell in enumerate(cells)
        if cell.cell_type == "code"
    ]


LESSONS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


PLOTTING_CODE = {
    "helpers": sorted((REPO_ROOT / "helpers").rglob("*.py")),
    "slides": sorted((REPO_ROOT / "slides").glob("*.py")),  # build.py, diagrams.py (not node_modules/ or build/)
    "bench": sorted((REPO_ROOT / "bench").glob("*.py")),  # report.py draws the benchmark plots
}


@pytest.mark.parametrize("folder", PLOTTING_CODE)
def test_no_module_hard_codes_a_colour(folder):
    assert PLOTTING_CODE[folder], f"no Python file in {folder}/"
    found = [
        f"{path.relative_to(REPO_ROOT)}:{problem}"
        for path in PLOTTING_CODE[folder]
        if path.name != "palette.py"
        for problem in colour_problems(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "lesson",
    LESSONS,
    ids=lambda path: path.name,
)
def test_no_lesson_hard_codes_a_colour(lesson):
    found = [
        f"cell {index}, line {problem}" for index, code in lesson_code(lesson) for problem in colour_problems(code)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("code", "flagged"),
    [
        ('ax.bar(x, y, color=["tab:red", "tab:green"])', 2),
        ('frame.plot.bar(color={"solar": "orange", "wind": "steelblue"})', 2),
        ('ax.scatter(x, y, c=month, cmap="twilight")', 1),
        ('ax.plot(t, y, "rv")', 1),
        ('ax.plot(t, y, color="#d95f02")', 1),
        ('ax.plot(t, y, "v", color=BLACK); ax.axhline(1, color="grey", linestyle=":"); ax.plot(t, y, "o--")', 0),
        ('ax.plot(t, y, color="#0072B2"); ax.add_patch(Rectangle((0, 0), 1, 1, color="#f3f3f3"))', 0),
    ],
)
def test_the_check_finds_hard_coded_colours(code, flagged):
    assert len(colour_problems(code)) == flagged


# --- 3. the helpers' figures tell their series apart by more than colour (in the plot and in the legend)


def signature(handle) -> tuple:
    """What tells a legend entry apart besides its colour: line style and width, marker, fill, hatch."""
    if isinstance(handle, Line2D):
        return ("line", str(handle.get_linestyle()), round(handle.get_linewidth()), handle.get_marker())
    if isinstance(handle, PathCollection):
        hollow = len(handle.get_facecolors()) == 0 or handle.get_facecolors()[0][3] == 0
        return ("marker", handle.get_paths()[0].vertices.round(2).tobytes(), hollow)
    if isinstance(handle, Patch):
        return ("patch", handle.get_hatch() or "")
    raise TypeError(type(handle))


def assert_apart(legend) -> None:
    signatures = [signature(handle) for handle in legend.legend_handles]
    labels = [text.get_text() for text in legend.get_texts()]
    twins = [label for label, s in zip(labels, signatures) if signatures.count(s) > 1]
    assert twins == [], "legend entries told apart by colour alone"


def test_offsets_by_key_gives_each_key_its_own_marker():
    keys = [f"key{k:02d}".encode() for k in range(14)]
    records = [SimpleNamespace(key=key, partition=k % 3, offset=k // 3) for k, key in enumerate(keys)]
    fig, ax = plt.subplots()
    offsets_by_key(ax, records)
    assert_apart(ax.get_legend())
    plt.close(fig)


def test_replica_map_writes_each_role_in_its_cell():
    partitions = [{"partition_index": 0, "leader_id": 1, "isr_nodes": [1, 2], "replica_nodes": [1, 2, 3]}]
    fig, ax = plt.subplots()
    replica_map(ax, {"partitions": partitions}, brokers=(1, 2, 3, 4))
    assert [text.get_text() for text in ax.texts] == [ROLES[role][1] for role in ("leader", "in sync", "out of sync")]
    assert len({mark for _, mark, _ in ROLES.values()}) == len(ROLES)
    plt.close(fig)


def test_the_vnode_ring_gives_each_node_its_own_marker():
    tokens = np.random.default_rng(16).integers(-(2**63), 2**63 - 1, size=48, dtype=np.int64)
    fig, ax = plt.subplots()
    draw_ring(ax, pd.DataFrame({"name": [f"cassandra{1 + i % 3}" for i in range(48)], "token": tokens}))
    assert_apart(ax.get_legend())
    plt.close(fig)


def test_the_outage_timeline_tells_its_series_apart():
    samples = pd.DataFrame({"t": [0.0, 1.0], "acknowledged": [0, 20], "hints written": [0, 20], "KiB waiting": [0, 2]})
    fig = outage_timeline(samples, [(0.5, "node stops")])
    assert_apart(fig.legends[0])
    plt.close(fig)


def test_the_watermark_plot_tells_its_series_apart():
    batch = {"rows": 1, "oldest": pd.Timestamp("2016-06-01", tz="UTC"), "newest": pd.Timestamp("2016-06-02", tz="UTC")}
    table = pd.DataFrame([{**batch, "watermark": pd.NaT}, {**batch, "watermark": pd.Timestamp("2016-06-01", tz="UTC")}])
    ax = plot_watermark(table, late=pd.DataFrame({"batch": [1], "ts": ["2016-05-31T00:00:00Z"]}))
    assert_apart(ax.get_legend())
    plt.close(ax.figure)


def test_the_locality_timeline_hatches_each_level():
    levels = ["PROCESS_LOCAL", "NODE_LOCAL", "NO_PREF", "RACK_LOCAL", "ANY"]
    frame = pd.DataFrame({"host": ["h1"] * 5, "start": range(5), "seconds": [0.5] * 5, "locality": levels})
    ax = locality_timeline(frame)
    assert_apart(ax.get_legend())
    assert [bar.get_hatch() or "" for bar in ax.patches] == [signature(h)[1] for h in ax.get_legend().legend_handles]
    plt.close(ax.figure)


def test_hatch_bars_hatches_each_pandas_bar_series_and_its_legend_entry():
    ax = pd.DataFrame({"solar": [1, 2], "wind": [2, 1]}).plot.bar(color={"solar": palette.SOLAR, "wind": palette.WIND})
    palette.hatch_bars(ax)
    assert [bars[0].get_hatch() or "" for bars in ax.containers] == ["", "//"]
    assert_apart(ax.get_legend())
    plt.close(ax.figure)


def load_bench_report():
    spec = importlib.util.spec_from_file_location("bench_report", REPO_ROOT / "bench" / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_ratio_plot_hatches_each_verdict(tmp_path, monkeypatch):
    report = load_bench_report()
    figures = []
    monkeypatch.setattr(report.plt, "close", figures.append)  # keep the figure to look at it
    ratios = [
        {"name": name, "ours": 1, "theirs": 1, "ratio": value, "unit": "s", "target": target}
        for name, value, target in (("met", 4.0, 2.0), ("missed", 0.8, 1.0), ("no target", 3.0, None))
    ]
    assert report.plot_ratios([{"benchmark": "b", "ratios": ratios}], tmp_path / "ratios.png")
    ax = figures[0].axes[0]
    assert_apart(ax.get_legend())
    assert [bar.get_hatch() or "" for bar in ax.patches] == [signature(h)[1] for h in ax.get_legend().legend_handles]
    plt.close(figures[0])


def test_the_benchmark_panels_hatch_ours_and_theirs_apart(tmp_path, monkeypatch):
    report = load_bench_report()
    figures = []
    monkeypatch.setattr(report.plt, "close", figures.append)
    ratios = [{"name": "load", "ours": 2.0, "theirs": 8.0, "ratio": 4.0, "unit": "s", "target": None}]
    assert report.plot_benchmark({"benchmark": "b", "ratios": ratios}, tmp_path / "b.png")
    hatches = [bar.get_hatch() or "" for bar in figures[0].axes[0].patches]
    assert len(hatches) == 2 and len(set(hatches)) == 2
    plt.close(figures[0])
