"""Benchmark: cold and warm start time of the sandbox, and the resident memory of its servers.

For each profile (full, minimal):
  cold = fresh data folders (artifacts already resolved): Kafka formats its storage, Cassandra initialises;
  warm = the same data, processes stopped and started again.
Resident memory is summed over all server processes (and children) once every service is healthy.

It runs in a scratch state folder (sharing the resolved jars), so your sandbox's data is untouched;
a running sandbox is stopped first (its ports are needed) and started again afterwards.

    .venv/bin/python bench/sandbox_start.py      # writes bench/results/sandbox_start.{json,md}
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from common import environment, ratio, write_result

from helpers.sandbox import control
from helpers.sandbox.paths import STATE_ENV_VAR, artifacts_dir
from helpers.sandbox.process import resident_bytes, running_process
from helpers.sandbox.topology import PROFILES

TARGETS = {"cold_start_s": {"full": 60.0, "minimal": 60.0}, "rss_gb": {"full": 5.0, "minimal": 2.0}}
"""The most each profile may take: seconds for a cold start, GB of resident memory."""
SETTLE_S = 10  # let the JVMs finish start-up work before reading their memory


def resident_gb(profile: str) -> float:
    procs = [running_process(s.name) for s in PROFILES[profile]]
    return round(sum(resident_bytes(p) for p in procs if p) / 2**30, 2)


def measure(profile: str) -> dict:
    control.reset()
    cold = control.up(profile)
    time.sleep(SETTLE_S)
    rss = resident_gb(profile)
    control.down()
    warm = control.up(profile)
    control.down()
    return {"cold_start_s": round(cold, 1), "warm_start_s": round(warm, 1), "rss_gb": rss}


def main() -> None:
    previous_profile = control.current_profile()
    was_running = any(row["pid"] for row in control.status_dicts())
    shared_artifacts = artifacts_dir()
    control.down()
    results = {}
    with tempfile.TemporaryDirectory(prefix="sandbox-bench-") as scratch:
        os.environ[STATE_ENV_VAR] = scratch
        (Path(scratch) / "artifacts").symlink_to(shared_artifacts)
        try:
            for profile in ("full", "minimal"):
                results[profile] = measure(profile)
        finally:
            control.down()
            del os.environ[STATE_ENV_VAR]
    if was_running:
        control.up(previous_profile)
    document = result_document(results, environment())
    write_result(document, markdown(document))
    print(markdown(document))


def result_document(results: dict, env: dict) -> dict:
    """Each profile's cold start and memory against its limit (ratio above 1: within the limit)."""
    return {
        "benchmark": "sandbox_start",
        "metrics": results,
        "ratios": [
            ratio(
                f"{metric} ({profile})",
                results[profile][metric],
                limit,
                metric.rsplit("_", 1)[1],
                lower_is_better=True,
                target=1.0,
                against=f"the {limit} {metric.rsplit('_', 1)[1]} limit",
            )
            for metric, per_profile in TARGETS.items()
            for profile, limit in per_profile.items()
        ],
        "environment": env,
    }


def markdown(document: dict) -> str:
    lines = [
        "# Sandbox start and memory",
        "",
        f"{document['environment']['cpus']} CPUs. Rerun: `.venv/bin/python bench/sandbox_start.py`.",
        "",
        "| profile | cold start (s) | warm start (s) | resident memory (GB) | targets |",
        "|---|---|---|---|---|",
    ]
    for profile, r in document["metrics"].items():
        lines.append(
            f"| {profile} | {r['cold_start_s']} | {r['warm_start_s']} | {r['rss_gb']} | "
            f"cold ≤ {TARGETS['cold_start_s'][profile]:.0f} s, memory ≤ {TARGETS['rss_gb'][profile]} GB |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
