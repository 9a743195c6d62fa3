"""Each error the sandbox can meet says what is wrong and what to do."""

import errno
import os
import socket
import stat
import subprocess
import sys
import threading
import time

import psutil
import pytest

from helpers.common.waiting import wait_until
from helpers.sandbox import control, java, maven, process
from helpers.sandbox.errors import AddressNotLocalError, JavaError, MavenError, NotHealthyError, PortInUseError
from helpers.sandbox.paths import pid_file
from helpers.sandbox.topology import Service


@pytest.fixture
def own_state(monkeypatch, tmp_path):
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path))
    return tmp_path


def fake_java(tmp_path, version_line):
    home = tmp_path / "jdk"
    (home / "bin").mkdir(parents=True)
    exe = home / "bin" / "java"
    exe.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return home


def test_missing_java_says_which_version_and_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "nowhere"))
    with pytest.raises(JavaError, match=r"Java 17 is needed.*environment.yml.*openjdk-17"):
        java.check_java()


def test_wrong_java_version_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(fake_java(tmp_path, 'openjdk version "1.8.0_392"')))
    with pytest.raises(JavaError, match=r"is Java 8, but the sandbox needs Java 17"):
        java.check_java()


@pytest.mark.parametrize(
    "output,major",
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('java version "1.8.0_392"', 8),
        ('openjdk version "21" 2023-09-19', 21),
    ],
)
def test_major_version_parsing(output, major):
    assert java.major_version(output) == major


def test_missing_maven_is_reported(monkeypatch, own_state, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(MavenError, match=r"Maven \(`mvn`\) is not on PATH"):
        maven.resolve("cassandra", {"cassandra.version": "5.0.9"})


def test_maven_error_parsing():
    out = "[ERROR] Failed ...: Could not find artifact org.example:thing:jar:1.0 in central (https://...)"
    assert maven.unresolved_artifact(out) == "org.example:thing:jar:1.0"


def test_taken_port_names_the_port_and_the_process():
    with socket.socket() as holder:
        holder.bind(("127.0.0.3", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(PortInUseError, match=rf"127\.0\.0\.3:{port}.*pid {os.getpid()}"):
            process.check_ports_free("kafka", "127.0.0.3", [port])


def test_unhealthy_service_names_it_and_shows_its_log(own_state, capsys):
    service = Service("fake-broker", "kafka", 9, 9092)  # machine 9: 127.0.0.9, where nothing listens
    process.start_process(
        service.name,
        [sys.executable, "-c", "print('booting the fake broker', flush=True); import time; time.sleep(60)"],
        dict(os.environ),
        cwd=own_state,
    )
    try:
        with pytest.raises(NotHealthyError) as caught:
            control.wait_healthy([service], [service], time.monotonic(), timeouts={"kafka": 2})
        message = str(caught.value)
        assert "fake-broker (127.0.0.9:9092) is not healthy: it did not answer within 2 s" in message
        assert "booting the fake broker" in message
        assert str(own_state / "services" / "fake-broker" / "service.log") in message
    finally:
        process.stop_process(service.name, timeout=5)


def test_stale_pid_file_is_detected_and_cleaned(own_state, caplog):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for pid in (dead.pid, os.getpid()):  # a dead pid, and a live one that is not the service
        pid_path = own_state / "pids" / "cassandra2.pid"
        pid_path.parent.mkdir(exist_ok=True)
        pid_path.write_text(f"{pid}\n")
        assert process.running_process("cassandra2") is None
        assert not pid_path.exists()
        assert "removed a stale pid file" in caplog.text
        caplog.clear()


def test_started_process_is_found_and_stopped(own_state):
    proc = process.start_process(
        "spark-worker2", [sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ), cwd=own_state
    )
    assert process.running_process("spark-worker2").pid == proc.pid
    assert process.stop_process("spark-worker2", timeout=5)
    assert process.running_process("spark-worker2") is None


SPAWNS_WHEN_STOPPED = """
import signal, subprocess, sys, time
def stop(*_):
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
time.sleep(60)
"""
"""A service that starts a child as it shuts down and exits at once, as a Spark worker can launch an executor
its master asked for while it stops: the child is orphaned, outside the family the stop signalled."""


def test_a_child_started_during_the_stop_is_stopped_too(own_state):
    folder = own_state / "services" / "spark-worker3"
    folder.mkdir(parents=True, exist_ok=True)
    process.start_process("spark-worker3", [sys.executable, "-c", SPAWNS_WHEN_STOPPED], dict(os.environ), cwd=folder)
    wait_until(lambda: "ready" in process.log_file("spark-worker3").read_text(), 10, "the fake worker")
    assert process.stop_process("spark-worker3", timeout=5)
    time.sleep(0.5)
    assert process._leftovers("spark-worker3") == []


HELD_BEFORE_EXEC = """
import os, sys, time
gate, name, marker = sys.argv[1:4]
while not os.path.exists(gate):
    time.sleep(0.01)
os.execve(sys.executable, [sys.executable, "-c", "import time; time.sleep(60)"], {**os.environ, marker: name})
"""
"""A child held in the state of a fork-exec window: running, named in the pid file, but without the service's
marker in its environment, until the test creates the gate file; then it execs the service, marked."""


def test_the_fork_exec_window_closes_before_start_process_returns(own_state, monkeypatch):
    """While the child is held in its window, start_process waits and the pid file stays; once the child runs as
    the service, start_process returns and running_process finds it. (Without that wait, start_process would
    return inside the window, and running_process would take the child for a stranger and drop its pid file.)"""
    name, gate = "held", own_state / "gate"
    monkeypatch.setattr(process, "_marked", lambda env, _name: dict(env))  # the launcher adds the marker itself
    argv = [sys.executable, "-c", HELD_BEFORE_EXEC, str(gate), name, process.MARKER_VAR]
    returned = []
    starter = threading.Thread(
        target=lambda: returned.append(process.start_process(name, argv, dict(os.environ), cwd=own_state))
    )
    starter.start()
    try:
        held = wait_until(lambda: _pid_in_file(name), 10, "the pid file of the held child", interval_s=0.02)
        assert process.MARKER_VAR not in held.environ()  # the window: our pid file, a process not yet ours
        starter.join(timeout=1.0)
        assert starter.is_alive() and not returned, "start_process returned while the child was in its window"
        assert pid_file(name).read_text().strip() == str(held.pid)
        gate.touch()
        starter.join(timeout=10)
        assert returned and returned[0].pid == held.pid
        assert process.running_process(name).pid == held.pid and pid_file(name).exists()
    finally:
        gate.touch()
        starter.join(timeout=15)
        process.stop_process(name, timeout=5)


def _pid_in_file(name: str) -> psutil.Process | None:
    try:
        return psutil.Process(int(pid_file(name).read_text()))
    except (FileNotFoundError, ValueError, psutil.NoSuchProcess):
        return None


def test_linux_has_every_machine_address():
    assert all(process.address_is_local(f"127.0.0.{n}") for n in (1, 2, 3))
    process.check_addresses_local(["127.0.0.1", "127.0.0.2", "127.0.0.3"])


def test_a_missing_loopback_alias_is_named_with_its_fix(monkeypatch):
    """On a Mac without aliases, binding to 127.0.0.2 fails with EADDRNOTAVAIL (simulated here: Linux has them
    all); the sandbox says so before it starts anything, with the alias commands and the fallbacks."""
    real_bind = socket.socket.bind

    def mac_bind(self, address):
        if address[0] in ("127.0.0.2", "127.0.0.3"):
            raise OSError(errno.EADDRNOTAVAIL, "Can't assign requested address")
        return real_bind(self, address)

    monkeypatch.setattr(socket.socket, "bind", mac_bind)
    assert process.address_is_local("127.0.0.1") and not process.address_is_local("127.0.0.2")
    with pytest.raises(AddressNotLocalError) as caught:
        process.check_addresses_local(["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.2"])
    message = str(caught.value)
    assert message.startswith("127.0.0.2, 127.0.0.3 are not addresses of this computer")
    assert "sudo ifconfig lo0 alias 127.0.0.2 up && sudo ifconfig lo0 alias 127.0.0.3 up" in message
    assert "--profile minimal" in message and "docker/README.md" in message
