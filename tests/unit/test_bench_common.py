"""bench/common.py: the environment record, ratios, and result files that bench/report.py accepts;
and the result documents of the benchmarks that can be built without a server run."""

from __future__ import annotations

import importlib
import json
import sys

import pytest

from helpers.common.paths import REPO_ROOT
from helpers.versions import pinned


@pytest.fixture(scope="module")
def bench():
    """Import bench scripts as `python bench/<name>.py` does: with bench/ on sys.path."""
    folder, before = str(REPO_ROOT / "bench"), set(sys.modules)
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module
    finally:
        sys.path.remove(folder)
        for name in set(sys.modules) - before:
            if getattr(sys.modules[name], "__file__", "").startswith(folder):
                del sys.modules[name]


def test_environment_names_the_machine_the_pinned_servers_and_the_date(bench):
    env = bench("common").environment("kafka", "cassandra", cassandra="5.0.9-reported", numpy="1.26.4")
    assert {"cpus", "machine", "python", "date"} <= set(env)
    assert env["kafka"] == pinned()["KAFKA_VERSION"]
    assert env["cassandra"] == "5.0.9-reported"  # what the server reported wins over the pin
    assert env["numpy"] == "1.26.4" and env["date"].endswith("Z")


def test_a_ratio_above_one_means_ours_is_better_either_way(bench):
    ratio = bench("common").ratio
    assert ratio("load", 2.0, 10.0, "s", lower_is_better=True)["ratio"] == 5.0
    assert ratio("ingest", 20_000, 10_000, "rows/s", lower_is_better=False)["ratio"] == 2.0
    entry = ratio("produce", 1, 3, "messages/s", lower_is_better=False, target=0.25, against="perf tool", digits=3)
    assert entry == {
        "name": "produce",
        "ours": 1,
        "theirs": 3,
        "ratio": 0.333,
        "unit": "messages/s",
        "target": 0.25,
        "against": "perf tool",
    }


def test_written_results_are_read_by_the_report(bench, tmp_path):
    common, report = bench("common"), bench("report")
    document = {
        "benchmark": "toy",
        "metrics": {"rows": 10},
        "ratios": [common.ratio("toy", 1.0, 2.0, "s", lower_is_better=True, target=1.0)],
        "environment": common.environment(),
    }
    path = common.write_result(document, "# Toy\n", tmp_path)
    assert path == tmp_path / "toy.json" and (tmp_path / "toy.md").read_text() == "# Toy\n"
    results, rejected = report.load_results(tmp_path)
    assert results == [json.loads(path.read_text())] and rejected == []
    assert "| toy | toy | 1 | 2 | s | 2.00x | 1 | yes |" in report.write_report(tmp_path).read_text()


def test_a_document_in_another_shape_is_refused_and_nothing_written(bench, tmp_path):
    with pytest.raises(ValueError, match="no 'ratios'"):
        bench("common").write_result({"benchmark": "x", "metrics": {}, "environment": {}}, "", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_data_generate_result_is_in_the_common_shape(bench):
    data_generate, report = bench("data_generate"), bench("report")
    vec = {"rows": 1000, "generate_s": 0.5, "write_s": 0.5, "total_s": 1.0, "rows_per_s": 1000, "csv_mb": 0.1}
    loop = {"window": ["2016-01-01", "2016-02-01"], "rows": 100, "total_s": 1.0, "rows_per_s": 100}
    document = data_generate.result_document(["2015-01-01", "2020-01-01"], 47, vec, loop, True)
    assert report.shape_problems(document) == []
    speed, within = document["ratios"]
    assert speed["ratio"] == 10.0 and report.met(within) == "yes"  # 1 s against the 30 s target
    assert "**10.0x**" in data_generate.markdown(document)


def test_sandbox_start_ratios_say_whether_each_limit_is_kept(bench):
    sandbox_start, report = bench("sandbox_start"), bench("report")
    measured = {
        "full": {"cold_start_s": 25.5, "warm_start_s": 21.4, "rss_gb": 5.5},  # over the 5 GB limit
        "minimal": {"cold_start_s": 8.4, "warm_start_s": 8.4, "rss_gb": 1.24},
    }
    document = sandbox_start.result_document(measured, {"cpus": 2})
    assert report.shape_problems(document) == []
    verdicts = {entry["name"]: report.met(entry) for entry in document["ratios"]}
    assert verdicts == {
        "cold_start_s (full)": "yes",
        "cold_start_s (minimal)": "yes",
        "rss_gb (full)": "no",
        "rss_gb (minimal)": "yes",
    }
