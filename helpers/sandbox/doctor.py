"""`python -m helpers.sandbox doctor`: one screen, at most 40 lines of 100 columns, that says what this laptop
has and lacks for the course, so that a helper can read it over a shoulder.

    Python and the kernel, memory and disk for the profile, the machines' addresses and ports, Java, the
    jars, and proxy or certificate settings: one finding each, ✓ or ✗, and for ✗ what to do.

It only looks: it starts, stops and downloads nothing.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import psutil

from helpers.common.paths import REPO_ROOT
from helpers.sandbox import jarlock, jarstore, process, topology
from helpers.sandbox.errors import SandboxError
from helpers.sandbox.java import describe
from helpers.sandbox.paths import state_dir

WIDTH, HEIGHT = 100, 40
GB = 2**30
NEEDS_GB = {"full": (6.0, 4.0), "minimal": (3.0, 2.0)}
"""Profile -> (memory, disk) in GB: the full sandbox's servers take about 3.9 GB resident and a Spark lesson's
driver and executors about 2 GB more; its data, logs and jars grow to 3-4 GB over the day."""
LOCAL_NAMES = ("127.0.0.1", "localhost")
PROXY_VARS = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")
CA_VARS = ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "PIP_CERT")


@dataclass(frozen=True)
class Finding:
    topic: str
    ok: bool
    text: str  # what was found; when not ok, also what to do


def python_and_kernel() -> Finding:
    """This Python (the notebook's kernel, when a lesson calls it): 3.11, and the course's venv."""
    version = ".".join(map(str, sys.version_info[:3]))
    venv = REPO_ROOT / ".venv"
    ours = Path(sys.prefix).resolve() == venv.resolve()
    if sys.version_info[:2] != (3, 11):
        return Finding("Python", False, f"{version} at {sys.executable}: the course needs 3.11 (README, Python).")
    if not ours and sys.prefix == sys.base_prefix:
        return Finding(
            "Python",
            False,
            f"{version} at {sys.executable}, not the course's .venv: run `make setup`, then use "
            f"{venv}/bin/python (in JupyterLab: `make workshop`, whose kernel is that Python).",
        )
    return Finding("Python", True, f"{version} at {sys.executable}")


def _sandbox_resident_bytes(services) -> int:
    """Memory the sandbox's running servers already hold (counted as available to them)."""
    procs = (process.running_process(s.name) for s in services)
    return sum(process.resident_bytes(p) for p in procs if p)


def memory(profile: str) -> Finding:
    need = NEEDS_GB[profile][0]
    services = topology.PROFILES[profile]
    have = (psutil.virtual_memory().available + _sandbox_resident_bytes(services)) / GB
    text = f"{have:.1f} GB available for the {profile} profile, which needs about {need:.1f} GB"
    if have >= need:
        return Finding("memory", True, text)
    hint = "; close other programs, or use `make workshop PROFILE=minimal`" if profile == "full" else ""
    return Finding("memory", False, text + hint)


def _size_of(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder.exists() else 0


def disk(profile: str) -> Finding:
    folder = state_dir()
    need = max(0.0, NEEDS_GB[profile][1] - _size_of(folder) / GB)  # what the sandbox already holds counts
    existing = folder if folder.exists() else folder.parent
    free = shutil.disk_usage(existing).free / GB
    more = f"{need:.1f} GB more needed" if need else "the sandbox's data is already there"
    text = f"{free:.1f} GB free under {existing}, {more}"
    return Finding("disk", free >= need, text + ("" if free >= need else ": free some space"))


def addresses(profile: str) -> Finding:
    """Each machine's address must be this computer's: 127.0.0.2 and .3 need a loopback alias on macOS."""
    machines = sorted({s.machine for s in topology.PROFILES[profile]})
    wanted = [topology.machine_address(m) for m in machines]
    missing = [a for a in wanted if not process.address_is_local(a)]
    if not missing:
        return Finding("addresses", True, ", ".join(wanted) + " are this computer's")
    fix = "; ".join(f"sudo ifconfig lo0 alias {a} up" for a in missing)
    how = f"add them (until the next reboot): {fix}" if sys.platform == "darwin" else "check the loopback interface"
    return Finding("addresses", False, f"{', '.join(missing)} not on this computer: {how}")


def ports(profile: str) -> Finding:
    """Every port a service of the profile listens on: free, or held by that service itself."""
    taken = []
    for service in topology.PROFILES[profile]:
        mine = process.running_process(service.name)
        address = topology.machine_address(service.machine)
        for port in (service.port, *service.extra_ports):
            holder = process.port_holder(address, port)
            if holder and not (mine and holder.startswith(f"pid {mine.pid} ")):
                taken.append(f"{address}:{port} ({service.name}) by {holder}")
    if not taken:
        return Finding("ports", True, "free, or held by the sandbox's own servers")
    return Finding("ports", False, "taken: " + "; ".join(taken) + ". Stop that program or another sandbox")


def java() -> Finding:
    try:
        return Finding("Java", True, describe())
    except SandboxError as error:
        return Finding("Java", False, str(error))


def jars() -> Finding:
    """The locked jars present in the jar store (their SHA-256 is checked when a server starts)."""
    locked = jarlock.read().jars
    missing = [jar for jar in locked if not jarstore.local_path(jar).exists()]
    text = f"{len(locked) - len(missing)} of {len(locked)} locked jars in {jarstore.store_dir()}"
    if not missing:
        return Finding("jars", True, text)
    return Finding("jars", False, text + ": `python -m helpers.sandbox fetch` downloads the rest")


def network(environ=os.environ) -> Finding:
    """A proxy must not catch the sandbox's loopback addresses; certificate settings must name files."""
    problems = []
    proxy = next((environ[v] for v in PROXY_VARS if environ.get(v)), None)
    bypass = (environ.get("NO_PROXY") or environ.get("no_proxy") or "").replace(" ", "").split(",")
    if proxy and not all(name in bypass for name in LOCAL_NAMES):
        problems.append(f"proxy {proxy} without 127.0.0.1 and localhost in NO_PROXY: add them")
    for variable in CA_VARS:
        if environ.get(variable) and not Path(environ[variable]).is_file():
            problems.append(f"{variable}={environ[variable]} is not a file")
    if problems:
        return Finding("network", False, "; ".join(problems))
    return Finding("network", True, f"proxy {proxy}, bypassed for the sandbox" if proxy else "no proxy set")


def findings(profile: str = "full") -> list[Finding]:
    return [
        python_and_kernel(),
        memory(profile),
        disk(profile),
        addresses(profile),
        ports(profile),
        java(),
        jars(),
        network(),
    ]


def report(profile: str = "full") -> str:
    return screen(findings(profile), profile)


def screen(found: list[Finding], profile: str) -> str:
    """A title, then each finding wrapped to WIDTH columns; at most HEIGHT lines."""
    bad = sum(not f.ok for f in found)
    lines = [f"energy workshop doctor · profile {profile} · {'all in order' if not bad else f'{bad} to fix'}"]
    for finding in found:
        head = f"{'✓' if finding.ok else '✗'} {finding.topic:<10}"
        lines += textwrap.wrap(finding.text, WIDTH, initial_indent=head + " ", subsequent_indent=" " * 13)
    return "\n".join(lines[:HEIGHT])
