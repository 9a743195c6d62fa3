"""Benchmark: the whole course inside one memory limit, RAM plus swap, as on a small laptop.

WSL2 gives Linux half of a Windows laptop's memory by default: 4 GB of an 8 GB laptop, plus 2 GB of swap. This
runs the sandbox (ten servers), JupyterLab's kernels and Spark's driver and executors inside one Linux memory
cgroup with that limit, runs ``COMMAND`` there (the lessons under strict nbval, for example), and reports the
peak of RAM and of RAM + swap, and how many processes the kernel's OOM killer ended.

Linux as root, with swap switched on (``fallocate -l 2G /swapfile && chmod 600 /swapfile && mkswap /swapfile &&
swapon /swapfile``), cgroup v1 (``memory.memsw.*``) or v2 (``memory.swap.max``). A running sandbox is stopped
first and started again inside the limit, so that every server counts against it.

    .venv/bin/python bench/memory_ceiling.py [--memory-gb 4] [--swap-gb 2] -- COMMAND...
    # e.g. -- .venv/bin/python -m pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/[0-9]*.ipynb
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from common import environment, ratio, write_result

from helpers.sandbox import control

CGROUP_ROOT = Path("/sys/fs/cgroup")
CGROUP_NAME = "energy-course"
SAMPLE_S = 5
GIB = 2**30


class Cgroup:
    """A memory cgroup below this process's own, with RAM and RAM + swap limits (cgroup v1 or v2)."""

    def __init__(self, memory: int, swap: int):
        self.v2 = (CGROUP_ROOT / "cgroup.controllers").exists()
        self.path = self._own() / CGROUP_NAME
        self.path.mkdir(exist_ok=True)
        if self.v2:
            self._write("memory.max", memory)
            self._write("memory.swap.max", swap)
        else:
            self._write("memory.limit_in_bytes", memory)
            self._write("memory.memsw.limit_in_bytes", memory + swap)
            self._write("memory.max_usage_in_bytes", 0)  # v1 keeps the peak: start it afresh
            self._write("memory.memsw.max_usage_in_bytes", 0)

    def _own(self) -> Path:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if self.v2 and controllers == "":
                return CGROUP_ROOT / path.lstrip("/")
            if not self.v2 and "memory" in controllers.split(","):
                return CGROUP_ROOT / "memory" / path.lstrip("/")
        raise SystemExit("This process is in no memory cgroup: is the memory controller mounted?")

    def _write(self, name: str, value: int) -> None:
        try:
            (self.path / name).write_text(str(value))
        except OSError as error:
            hint = "run as root; cgroup v1 needs swapaccount=1 at boot for memsw"
            raise SystemExit(f"Cannot set {self.path / name} ({error}): {hint}.") from error

    def _read(self, name: str) -> int:
        return int((self.path / name).read_text().split()[0])

    def enter(self) -> None:
        """Move this process in: every process it starts from now on counts against the limit."""
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def usage(self) -> tuple[int, int]:
        """(RAM, RAM + swap) in use now, in bytes."""
        if self.v2:
            ram = self._read("memory.current")
            return ram, ram + self._read("memory.swap.current")
        return self._read("memory.usage_in_bytes"), self._read("memory.memsw.usage_in_bytes")

    def kernel_peaks(self) -> tuple[int, int]:
        """(RAM, RAM + swap) at their highest, as the kernel recorded them ((0, 0) where it records none)."""
        if self.v2:
            return (self._read("memory.peak"), 0) if (self.path / "memory.peak").exists() else (0, 0)
        return self._read("memory.max_usage_in_bytes"), self._read("memory.memsw.max_usage_in_bytes")

    def oom_kills(self) -> int:
        events = "memory.events" if self.v2 else "memory.oom_control"
        for line in (self.path / events).read_text().splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
        return 0


def swap_bytes() -> int:
    """The swap switched on, over all devices and files (/proc/swaps, sizes in KiB)."""
    rows = Path("/proc/swaps").read_text().splitlines()[1:]
    return sum(int(row.split()[2]) for row in rows) * 1024


def run_inside(cgroup: Cgroup, command: list[str], profile: str) -> dict:
    """Start the sandbox inside the cgroup, run ``command``, and sample the cgroup's memory meanwhile."""
    peaks, done = [0, 0], threading.Event()

    def sample():
        while not done.wait(SAMPLE_S):
            ram, total = cgroup.usage()
            peaks[0], peaks[1] = max(peaks[0], ram), max(peaks[1], total)

    control.down()
    oom_kills_before = cgroup.oom_kills()  # the kernel's count never resets: report this run's kills
    cgroup.enter()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    try:
        control.up(profile)
        status = subprocess.run(command).returncode
    finally:
        done.set()
        sampler.join()
    peaks = [max(sampled, kernel) for sampled, kernel in zip(peaks, cgroup.kernel_peaks())]
    return {
        "command": " ".join(command),
        "exit_status": status,
        "duration_s": round(time.monotonic() - started),
        "peak_ram_gb": round(peaks[0] / GIB, 2),
        "peak_ram_and_swap_gb": round(peaks[1] / GIB, 2),
        "oom_kills": cgroup.oom_kills() - oom_kills_before,
    }


def result_document(metrics: dict, memory_gb: float, swap_gb: float, env: dict) -> dict:
    """The peak of RAM + swap against the limit (ratio above 1: within it), the run's outcome beside it."""
    return {
        "benchmark": "memory_ceiling",
        "metrics": {**metrics, "limit_ram_gb": memory_gb, "limit_swap_gb": swap_gb},
        "ratios": [
            ratio(
                "peak RAM + swap",
                metrics["peak_ram_and_swap_gb"],
                memory_gb + swap_gb,
                "GB",
                lower_is_better=True,
                target=1.0,
                against=f"the limit of {memory_gb:g} GB + {swap_gb:g} GB swap",
            )
        ],
        "environment": env,
    }


def markdown(document: dict) -> str:
    m = document["metrics"]
    return (
        "\n".join(
            [
                "# The course inside one memory limit",
                "",
                f"{document['environment']['cpus']} CPUs; every server, the kernels and Spark in one cgroup of "
                f"{m['limit_ram_gb']:g} GB RAM + {m['limit_swap_gb']:g} GB swap. "
                "Rerun: `.venv/bin/python bench/memory_ceiling.py -- COMMAND` as root (the docstring says how).",
                "",
                "| command | exit status | time (s) | peak RAM (GB) | peak RAM + swap (GB) | OOM kills |",
                "|---|---|---|---|---|---|",
                f"| `{m['command']}` | {m['exit_status']} | {m['duration_s']} | {m['peak_ram_gb']} | "
                f"{m['peak_ram_and_swap_gb']} | {m['oom_kills']} |",
            ]
        )
        + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--memory-gb", type=float, default=4.0)
    parser.add_argument("--swap-gb", type=float, default=2.0)
    parser.add_argument("--profile", default="full")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="after --: what to run inside the limit")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    if swap_bytes() < args.swap_gb * GIB * 0.99:
        sys.exit(f"{swap_bytes() / GIB:.1f} GB of swap is on, below --swap-gb {args.swap_gb:g}: switch more on first.")
    cgroup = Cgroup(int(args.memory_gb * GIB), int(args.swap_gb * GIB))
    metrics = run_inside(cgroup, command, args.profile)
    document = result_document(metrics, args.memory_gb, args.swap_gb, environment("kafka", "cassandra", "spark"))
    write_result(document, markdown(document))
    print(markdown(document))
    sys.exit(metrics["exit_status"])


if __name__ == "__main__":
    main()
