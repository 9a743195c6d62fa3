"""bench/report.py on synthetic result files: the ratio table, the plots, and files in another shape."""

from __future__ import annotations

import importlib.util
import json

import matplotlib.image
import pytest

from helpers.common.paths import REPO_ROOT

spec = importlib.util.spec_from_file_location("bench_report", REPO_ROOT / "bench" / "report.py")
report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(report)


def result(name, ratios, metrics=None):
    return {
        "benchmark": name,
        "metrics": metrics or {"rows": 1000, "loader": {"seconds": 2.5}},
        "ratios": ratios,
        "environment": {"cpus": 2, "python": "3.11"},
    }


def ratio(name, ours, theirs, value, target, unit="s", against=None):
    entry = {"name": name, "ours": ours, "theirs": theirs, "ratio": value, "unit": unit, "target": target}
    return {**entry, "against": against} if against else entry


@pytest.fixture
def results_dir(tmp_path):
    (tmp_path / "load.json").write_text(
        json.dumps(
            result(
                "load",
                [
                    ratio("load 1000 rows", 2.5, 10.0, 4.0, 2.0, against="cqlsh COPY"),
                    ratio("read back", 800.0, 1000.0, 0.8, 1.0, unit="rows/s"),
                ],
            )
        )
    )
    (tmp_path / "generate.json").write_text(
        json.dumps(result("generate", [ratio("generate a year", 1.0, 30.0, 30.0, None)]))
    )
    (tmp_path / "legacy.json").write_text(json.dumps({"benchmark": "legacy", "speedup": 3}))
    (tmp_path / "broken.json").write_text("{not json")
    return tmp_path


def test_report_has_a_row_per_ratio_with_its_verdict(results_dir):
    text = report.write_report(results_dir).read_text()
    assert "| load | load 1000 rows (vs cqlsh COPY) | 2.5 | 10 | s | 4.00x | 2 | yes |" in text
    assert "| load | read back | 800 | 1,000 | rows/s | 0.80x | 1 | no |" in text
    assert "| generate | generate a year | 1 | 30 | s | 30.00x | - | - |" in text
    assert text.index("| generate |") < text.index("| load |")


def test_report_shows_metrics_flattened_and_the_environment(results_dir):
    text = report.write_report(results_dir).read_text()
    assert "| loader.seconds | 2.5 |" in text
    assert "Environment: cpus: 2, python: 3.11" in text


def test_files_in_another_shape_are_listed_not_dropped(results_dir):
    text = report.write_report(results_dir).read_text()
    assert "- `legacy.json`: no 'metrics'; no 'ratios'; no 'environment'" in text
    assert "- `broken.json`: not valid JSON" in text


def test_plots_are_written_and_not_blank(results_dir):
    text = report.write_report(results_dir).read_text()
    for name in ("ratios.png", "load.png", "generate.png"):
        assert f"]({name})" in text
        pixels = matplotlib.image.imread(results_dir / name)[..., :3]
        assert pixels.std() > 0.05, name


def test_shape_problems_name_what_is_missing():
    assert report.shape_problems(result("x", [{"name": "a", "ours": 1, "theirs": 2}])) == [
        "ratio 1 lacks ratio, unit, target"
    ]
    assert report.shape_problems(result("x", [ratio("a", "fast", 2, 2.0, None)])) == [
        "ratio 1: ours, theirs and ratio must be numbers"
    ]
    assert report.shape_problems(result("x", [ratio("a", 25.5, 90.0, 0.28, "<= 90.0")])) == [
        "ratio 1: target must be a number (the least ratio the claim needs) or null"
    ]
    assert report.shape_problems([]) == ["not a JSON object"]


def test_an_empty_results_folder_gives_a_report_that_says_so(tmp_path):
    assert "No benchmark result in the common shape yet." in report.write_report(tmp_path).read_text()
