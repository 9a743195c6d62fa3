"""Failure drills on the real sandbox: a crashed broker and a lost machine come back."""

import subprocess
import sys

import pytest

from helpers.sandbox import control
from helpers.sandbox.process import running_process

pytestmark = pytest.mark.sandbox


def sandbox_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers.sandbox", *args], capture_output=True, text=True, timeout=600)


def states() -> dict[str, str]:
    return {r["name"]: r["state"] for r in control.status_dicts()}


def test_kill_is_a_crash_and_start_brings_the_broker_back(sandbox):
    before = running_process("kafka2").pid
    killed = sandbox_cli("kill", "kafka2")
    assert killed.returncode == 0, killed.stderr
    assert running_process("kafka2") is None
    assert states()["kafka2"] == "down" and states()["kafka1"] == "up"
    started = sandbox_cli("start", "kafka2")
    assert started.returncode == 0, started.stderr
    assert running_process("kafka2").pid != before
    assert states()["kafka2"] == "up"


def test_a_stopped_machine_takes_all_its_services_and_comes_back(sandbox):
    stopped = sandbox_cli("stop-machine", "3")
    assert stopped.returncode == 0, stopped.stderr
    try:
        now = states()
        assert [n for n, s in now.items() if s == "down"] == ["kafka3", "cassandra3", "spark-worker3"]
        status = sandbox_cli("status")
        assert status.returncode == 3, "status exits 3 while a service is down"
    finally:
        started = sandbox_cli("start-machine", "3")
    assert started.returncode == 0, started.stderr
    assert set(states().values()) == {"up"}
