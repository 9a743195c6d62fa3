"""Collect bench/results/*.json into bench/results/REPORT.md: a table of ratios and plots.

    python bench/report.py [RESULTS_DIR]

Each benchmark writes one JSON file in the common shape described in bench/README.md.
Files in another shape are listed in the report with what they lack, and otherwise left out.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from helpers.palette import BLACK, BLUISH_GREEN, GREY, VERMILLION  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
REPORT = "REPORT.md"
RATIOS_PLOT = "ratios.png"
TOP_LEVEL_KEYS = ("benchmark", "metrics", "ratios", "environment")
RATIO_KEYS = ("name", "ours", "theirs", "ratio", "unit", "target")
VERDICT_STYLES = {  # met() -> (legend label, colour, hatch): the hatch tells them apart without colour too
    "yes": ("target met", BLUISH_GREEN, ""),
    "no": ("target missed", VERMILLION, "xx"),
    "-": ("no target", GREY, ".."),
}
OURS_THEIRS_STYLES = ((BLUISH_GREEN, ""), (GREY, "//"))  # (colour, hatch) of the ours and the theirs bar


def shape_problems(data) -> list[str]:
    """What keeps `data` from being a result in the common shape ([] if nothing)."""
    if not isinstance(data, dict):
        return ["not a JSON object"]
    problems = [f"no '{key}'" for key in TOP_LEVEL_KEYS if key not in data]
    if not isinstance(data.get("ratios", []), list):
        return problems + ["'ratios' is not a list"]
    for number, entry in enumerate(data.get("ratios", []), start=1):
        missing = [key for key in RATIO_KEYS if not isinstance(entry, dict) or key not in entry]
        if missing:
            problems.append(f"ratio {number} lacks {', '.join(missing)}")
        elif not all(isinstance(entry[k], (int, float)) for k in ("ours", "theirs", "ratio")):
            problems.append(f"ratio {number}: ours, theirs and ratio must be numbers")
        elif entry["target"] is not None and not isinstance(entry["target"], (int, float)):
            problems.append(f"ratio {number}: target must be a number (the least ratio the claim needs) or null")
    return problems


def load_results(directory: Path) -> tuple[list[dict], list[tuple[str, list[str]]]]:
    """(results in the common shape, [(file name, problems)] for the others), sorted by benchmark name."""
    results, rejected = [], []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text())
        except json.JSONDecodeError as error:
            rejected.append((path.name, [f"not valid JSON: {error}"]))
            continue
        problems = shape_problems(data)
        if problems:
            rejected.append((path.name, problems))
        else:
            results.append(data)
    return sorted(results, key=lambda r: r["benchmark"]), rejected


def met(entry: dict) -> str:
    """'yes' / 'no' against the entry's target (the least ratio the claim needs), '-' without one."""
    if entry["target"] is None:
        return "-"
    return "yes" if entry["ratio"] >= entry["target"] else "no"


def number(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def flatten(values: dict, prefix: str = "") -> dict[str, object]:
    """{'a': {'b': 1}} -> {'a.b': 1}; lists are shown as they are."""
    flat = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def ratio_table(results: list[dict]) -> list[str]:
    lines = [
        "| benchmark | measure | ours | theirs | unit | ratio | target | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        for e in result["ratios"]:
            against = f" (vs {e['against']})" if e.get("against") else ""
            lines.append(
                f"| {result['benchmark']} | {e['name']}{against} | {number(e['ours'])} | {number(e['theirs'])} "
                f"| {e['unit']} | {e['ratio']:.2f}x | {number(e['target']) if e['target'] is not None else '-'} "
                f"| {met(e)} |"
            )
    return lines


def benchmark_section(result: dict, plot: str | None) -> list[str]:
    lines = [f"## {result['benchmark']}", ""]
    if plot:
        lines += [f"![{result['benchmark']}: ours against theirs]({plot})", ""]
    lines += ["| metric | value |", "|---|---|"]
    lines += [f"| {key} | {number(value)} |" for key, value in flatten(result["metrics"]).items()]
    environment = ", ".join(f"{k}: {v}" for k, v in flatten(result["environment"]).items())
    return lines + ["", f"Environment: {environment or 'not recorded'}", ""]


def plot_ratios(results: list[dict], path: Path) -> bool:
    """One bar per ratio (log scale, 1 = parity) with its target marked, its verdict (met, missed, no target) in
    colour and hatch, with a legend. False if there is nothing to plot."""
    entries = [(f"{r['benchmark']}: {e['name']}", e) for r in results for e in r["ratios"] if e["ratio"] > 0]
    if not entries:
        return False
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(entries) + 1.5))
    labels = [label for label, _ in entries]
    ratios = [e["ratio"] for _, e in entries]
    verdicts = [met(e) for _, e in entries]
    bars = ax.barh(  # bars grow from parity
        labels,
        [r - 1.0 for r in ratios],
        left=1.0,
        color=[VERDICT_STYLES[v][1] for v in verdicts],
        edgecolor="white",
    )
    for bar, verdict in zip(bars, verdicts):
        bar.set_hatch(VERDICT_STYLES[verdict][2])
    for row, (_, e) in enumerate(entries):
        if e["target"]:
            ax.plot([e["target"]] * 2, [row - 0.4, row + 0.4], color=BLACK, linewidth=2)
    ax.axvline(1.0, color=GREY, linestyle=":")
    shown = [v for v in VERDICT_STYLES if v in verdicts]
    ax.legend(
        handles=[
            Patch(
                facecolor=VERDICT_STYLES[v][1],
                edgecolor="white",
                hatch=VERDICT_STYLES[v][2],
                label=VERDICT_STYLES[v][0],
            )
            for v in shown
        ],
        loc="lower left",
        bbox_to_anchor=(0, 1),
        ncols=len(shown),
        frameon=False,
    )
    ax.set_xscale("log")
    times = matplotlib.ticker.FuncFormatter(lambda x, _: f"{x:g}x")
    ax.xaxis.set_major_formatter(times)
    ax.xaxis.set_minor_formatter(times)
    ax.invert_yaxis()
    ax.set_xlabel("ratio, ours against the alternative (> 1: ours is better; black mark: target)")
    fig.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(fig)
    return True


def plot_benchmark(result: dict, path: Path) -> bool:
    """Ours and theirs side by side, one panel per measure (named below the bars, and hatched apart). False if the
    benchmark has no ratios."""
    entries = result["ratios"]
    if not entries:
        return False
    columns = min(3, len(entries))
    rows = math.ceil(len(entries) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4 * columns, 3 * rows), squeeze=False)
    for ax, e in zip(axes.flat, entries):
        bars = ax.bar(
            ["ours", e.get("against") or "theirs"],
            [e["ours"], e["theirs"]],
            color=[colour for colour, _ in OURS_THEIRS_STYLES],
            edgecolor="white",
        )
        for bar, (_, hatch) in zip(bars, OURS_THEIRS_STYLES):
            bar.set_hatch(hatch)
        ax.set_title(e["name"], fontsize=10)
        ax.set_ylabel(e["unit"])
    for ax in list(axes.flat)[len(entries) :]:
        ax.axis("off")
    fig.suptitle(result["benchmark"])
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def write_report(directory: Path = RESULTS) -> Path:
    """Write REPORT.md and its plots into `directory`; returns the report's path."""
    results, rejected = load_results(directory)
    lines = [
        "# Benchmark report",
        "",
        "Generated by `bench/report.py` from `bench/results/*.json`; each ratio says how many times better "
        "ours is than the alternative, measured side by side in one run (> 1: ours is better).",
        "",
    ]
    if not results:
        lines += ["No benchmark result in the common shape yet.", ""]
    else:
        lines += ratio_table(results) + [""]
        if plot_ratios(results, directory / RATIOS_PLOT):
            lines += [f"![every ratio against its target]({RATIOS_PLOT})", ""]
    for result in results:
        plot = f"{result['benchmark']}.png"
        lines += benchmark_section(result, plot if plot_benchmark(result, directory / plot) else None)
    if rejected:
        lines += ["## Results not in the common shape", "", "See bench/README.md for the shape.", ""]
        lines += [f"- `{name}`: {'; '.join(problems)}" for name, problems in rejected] + [""]
    report = directory / REPORT
    report.write_text("\n".join(lines))
    return report


if __name__ == "__main__":
    print(write_report(Path(sys.argv[1]) if len(sys.argv) > 1 else RESULTS))
