"""Start, find and stop the sandbox's server processes; pid files, ports and logs.

Each process gets the environment variable ENERGY_SANDBOX_SERVICE=<name>, so a pid file is
trusted only if the process behind it is really ours (a recycled pid after a crash is not).
"""

from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from pathlib import Path

import psutil

from helpers.common.errors import WaitTimeout
from helpers.common.waiting import wait_until
from helpers.environment import SERVICE_MARKER_VAR
from helpers.sandbox.errors import AddressNotLocalError, PortInUseError
from helpers.sandbox.paths import log_file, pid_file, service_dir

MARKER_VAR = SERVICE_MARKER_VAR
log = logging.getLogger(__name__)


def _is_ours(proc: psutil.Process, name: str) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE and proc.environ().get(MARKER_VAR) == name
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def running_process(name: str) -> psutil.Process | None:
    """The live process of service `name`, or None. A stale pid file is removed (and said so)."""
    path = pid_file(name)
    try:
        pid = int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        proc = psutil.Process(pid)
    except psutil.NoSuchProcess:
        proc = None
    if proc is not None and _is_ours(proc, name):
        return proc
    path.unlink(missing_ok=True)
    log.warning(
        "%s: removed a stale pid file (pid %s is no longer %s; it probably crashed). Last log: %s",
        name,
        pid,
        name,
        log_file(name),
    )
    return None


def start_process(name: str, argv: list[str], env: dict[str, str], cwd: Path) -> psutil.Process:
    """Start `argv` in its own session, output appended to the service's log, and write its pid file."""
    log = log_file(name)
    log.parent.mkdir(parents=True, exist_ok=True)
    pid_file(name).parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        out.write(f"\n==== {time.strftime('%Y-%m-%d %H:%M:%S')} starting {name}\n".encode())
        out.flush()
        proc = subprocess.Popen(
            argv,
            env=_marked(env, name),
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    pid_file(name).write_text(f"{proc.pid}\n")
    _wait_for_exec(proc, name)
    return psutil.Process(proc.pid)


def _marked(env: dict[str, str], name: str) -> dict[str, str]:
    """``env`` with the marker that makes the pid file of service ``name`` trusted (a seam for the tests)."""
    return {**env, MARKER_VAR: name}


def _wait_for_exec(proc: subprocess.Popen, name: str, timeout: float = 10.0) -> None:
    """Return once the child runs its own program: between fork and exec its environment is still ours,
    without the marker, and `running_process` would take it for a stranger and drop its pid file."""
    try:
        wait_until(lambda: proc.poll() is not None or _is_ours(psutil.Process(proc.pid), name), timeout, name, 0.02)
    except WaitTimeout:
        pass  # still not exec'd: the health check that follows reports what is wrong


def stop_process(name: str, timeout: float = 45.0) -> bool:
    """SIGTERM the service (and its children), SIGKILL what is left after `timeout`. True if it ran."""
    return _end(name, signal.SIGTERM, timeout)


def kill_process(name: str) -> bool:
    """SIGKILL the service and its children at once: a crash, nothing flushed. True if it ran."""
    return _end(name, signal.SIGKILL, 10.0)


def _end(name: str, first_signal: signal.Signals, timeout: float) -> bool:
    proc = running_process(name)
    if proc is None:
        return False
    family = [proc, *proc.children(recursive=True)]
    for p in family:
        try:
            p.send_signal(first_signal)
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(family, timeout=timeout)
    for p in alive + _leftovers(name):
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=10)
    pid_file(name).unlink(missing_ok=True)
    return True


def _leftovers(name: str) -> list[psutil.Process]:
    """Processes the service started while it was shutting down, orphaned when it exited (a Spark worker's master
    can still have it launch an executor then): they carry the service's marker in their environment and run in
    its folder, this sandbox's (a second sandbox on the same computer has its own)."""
    folder = str(service_dir(name))
    found = []
    for proc in psutil.process_iter():
        try:
            if proc.pid != os.getpid() and _is_ours(proc, name) and proc.cwd().startswith(folder):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            pass
    return found


def port_holder(address: str, port: int) -> str | None:
    """Who listens on address:port (or on every address at that port): 'pid 123 (java ...)', else None."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address, port))
            return None
        except OSError:
            pass
    try:
        for conn in psutil.net_connections(kind="inet"):
            if (
                conn.status == psutil.CONN_LISTEN
                and conn.laddr.port == port
                and conn.laddr.ip in (address, "0.0.0.0", "::")
            ):
                if conn.pid is None:
                    break
                try:
                    cmd = " ".join(psutil.Process(conn.pid).cmdline())[:120]
                except psutil.Error:
                    cmd = "?"
                return f"pid {conn.pid} ({cmd})"
    except psutil.AccessDenied:
        pass
    mac = sys.platform == "darwin"
    finder = f"sudo lsof -nP -iTCP:{port} -sTCP:LISTEN" if mac else f"sudo ss -ltnp 'sport = :{port}'"
    return f"a process this user cannot see (try `{finder}`)"


def address_is_local(address: str) -> bool:
    """Whether this computer has ``address``: False for 127.0.0.2 on a Mac without a loopback alias, where
    binding fails with EADDRNOTAVAIL (Linux routes all of 127.0.0.0/8 to the loopback interface)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((address, 0))
        except OSError as error:
            return error.errno != errno.EADDRNOTAVAIL
    return True


def check_addresses_local(addresses) -> None:
    """Raise AddressNotLocalError naming every address of the machines this computer does not have."""
    missing = sorted(a for a in set(addresses) if not address_is_local(a))
    if missing:
        aliases = " && ".join(f"sudo ifconfig lo0 alias {a} up" for a in missing)
        raise AddressNotLocalError(
            f"{', '.join(missing)} {'is not an address' if len(missing) == 1 else 'are not addresses'} of this "
            f"computer, so the "
            f"machines there cannot start. On macOS only 127.0.0.1 is loopback until you add the others, again "
            f"after every reboot: `{aliases}`. Without admin rights, run the minimal profile (machine 1 only: "
            f"`python -m helpers.sandbox up --profile minimal`) or the Docker sandbox (docker/README.md)."
        )


def check_ports_free(name: str, address: str, ports: list[int]) -> None:
    """Raise PortInUseError naming the first taken port and the process holding it."""
    for port in ports:
        holder = port_holder(address, port)
        if holder:
            raise PortInUseError(
                f"{name} needs {address}:{port}, but it is taken by {holder}. "
                f"Stop that process, or stop the sandbox that runs it "
                f"(`python -m helpers.sandbox down`)."
            )


def tail(path: Path, lines: int = 20) -> str:
    """The last `lines` lines of a text file ('' if it does not exist)."""
    try:
        with open(path, errors="replace") as f:
            return "".join(deque(f, maxlen=lines))
    except FileNotFoundError:
        return ""


def pids_listening(pids: list[int]) -> list[tuple[int, str, int]]:
    """(pid, ip, port) of every listening TCP socket of these processes and their children."""
    found = []
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            family = [proc, *proc.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for p in family:
            try:
                for conn in p.net_connections(kind="inet"):
                    if conn.status == psutil.CONN_LISTEN:
                        found.append((p.pid, conn.laddr.ip, conn.laddr.port))
            except psutil.Error:
                continue
    return found


def uptime_seconds(proc: psutil.Process) -> float:
    return round(time.time() - proc.create_time(), 1)


def resident_bytes(proc: psutil.Process) -> int:
    """Resident memory of the process and its children."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def environ_for_child(**extra: str) -> dict[str, str]:
    """This process's environment plus `extra`."""
    return {**os.environ, **extra}
