"""One machine of the Docker sandbox: `python -m helpers.sandbox machine N`, the command of container machineN.

It starts the machine's services (kafkaN, cassandraN, spark-workerN; machine 1 also the Spark master) as its
child processes, with the configuration the local sandbox renders (helpers.sandbox.launch) on this
container's address, waits until they are healthy, and stays in the foreground serving a control API on
port 8790 of the compose network (never published), which helpers.sandbox.remote calls:

    GET  /health                       200 once every service of the machine runs, else 503 (the healthcheck)
    GET  /status                       the machine's services, as `python -m helpers.sandbox status` shows them
    GET  /services/NAME/log?lines=50   the end of a service's log
    POST /services/NAME/stop|kill|start
    POST /machine/stop|start

Stop is SIGTERM, kill is SIGKILL, start waits until the service is healthy: helpers.sandbox.process, the
same code as the local sandbox. SIGTERM to this process (`docker compose stop`) stops every service
gracefully first.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import psutil

from helpers.common.errors import WorkshopError
from helpers.common.waiting import wait_until
from helpers.sandbox import control, topology
from helpers.sandbox.errors import SandboxError
from helpers.sandbox.paths import log_file
from helpers.sandbox.process import kill_process, running_process, stop_process, tail

log = logging.getLogger(__name__)

FIRST_START_TIMEOUT_S = 1200.0  # three JVM servers per container, all machines at once, on a shared laptop
FIRST_START_ATTEMPTS = 3  # a broker that cannot register with the quorum in time (a busy laptop) exits: retry
RESOLVE_TIMEOUT_S = 120.0


class Machine:
    """The services of one machine and what may be done to them; one operation at a time."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.profile = topology.PROFILES["full"]
        self.services = topology.on_machine(number, self.profile)
        self.lock = threading.Lock()
        self.ready = False  # True once the first start has brought every service up

    def service(self, name: str) -> topology.Service:
        service = topology.by_name(name)
        if service not in self.services:
            raise SandboxError(f"{name} runs on machine {service.machine}, not on machine {self.number}.")
        return service

    def healthy(self) -> bool:
        return self.ready and all(running_process(s.name) for s in self.services)

    def status(self) -> list[dict]:
        with ThreadPoolExecutor(len(self.services)) as pool:
            return [asdict(row) for row in pool.map(lambda s: control.service_status(s, self.profile), self.services)]

    def start(self, services: list[topology.Service], timeouts: dict[str, float] | None = None) -> float:
        with self.lock:
            seconds = control.start_services(services, self.profile, timeouts)
            self.ready = self.ready or all(running_process(s.name) for s in self.services)
            return seconds

    def stop(self, services: list[topology.Service], end=stop_process) -> list[str]:
        with self.lock, ThreadPoolExecutor(len(services)) as pool:
            ran = list(pool.map(lambda s: end(s.name), services))
        return [s.name for s, was_running in zip(services, ran) if was_running]

    def first_start(self) -> None:
        """Start every service, waiting as long as a slow first start takes, and start again what exited
        meanwhile (a few times); log what fails (the healthcheck then keeps the container unhealthy, and
        `docker compose up --wait` reports it). Later, a service that exits stays down, as locally."""
        timeouts = dict.fromkeys(control.HEALTH_TIMEOUT_S, FIRST_START_TIMEOUT_S)
        started = time.monotonic()
        for attempt in range(1, FIRST_START_ATTEMPTS + 1):
            try:
                self.start(self.services, timeouts)
                address = topology.machine_address(self.number)
                log.info("Machine %d (%s) is up in %.1f s.", self.number, address, time.monotonic() - started)
                return
            except WorkshopError as error:
                again = "; starting what is down again" if attempt < FIRST_START_ATTEMPTS else ""
                log.error("Machine %d (try %d of %d): %s%s", self.number, attempt, FIRST_START_ATTEMPTS, error, again)

    def shut_down(self) -> None:
        log.info("Stopped %s.", ", ".join(self.stop(self.services)) or "nothing")


def wait_for_addresses(number: int) -> str:
    """Resolve every machine's name (the others' containers may start a moment later); check that this
    container has machine `number`'s address. Returns it."""
    for machine in topology.MACHINES:
        wait_until(
            lambda m=machine: topology.machine_address(m),
            RESOLVE_TIMEOUT_S,
            f"machine {machine}'s address",
            interval_s=1.0,
            retry_on=(SandboxError,),
        )
    address = topology.machine_address(number)
    with socket.socket() as probe:
        try:
            probe.bind((address, 0))
        except OSError:
            raise SandboxError(
                f"This container is not machine {number}: {topology.HOSTS_ENV_VAR} resolves machine {number} "
                f"to {address}, which is none of this container's addresses."
            ) from None
    return address


def reap_children(machine: Machine) -> None:
    """Collect the exit status of services that ended on their own (a crash), so no zombie stays behind;
    stop and kill collect their own. Runs between operations only."""
    while True:
        time.sleep(2.0)
        if not machine.lock.acquire(blocking=False):
            continue
        try:
            for child in psutil.Process().children():
                try:
                    if child.status() == psutil.STATUS_ZOMBIE:
                        _, code = os.waitpid(child.pid, os.WNOHANG)
                        log.warning("Process %d ended by itself (wait status %d).", child.pid, code)
                except (psutil.Error, ChildProcessError):
                    pass
        finally:
            machine.lock.release()


def handler_for(machine: Machine) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
            log.debug(format, *args)

        def answer(self, code: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def route(self, method: str) -> None:
            url = urlparse(self.path)
            parts = [p for p in url.path.split("/") if p]
            try:
                self.answer(200, self.dispatch(method, parts, parse_qs(url.query)))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a healthcheck's timeout on a busy machine)
            except LookupError as error:
                self.answer(404, {"error": str(error).strip("'\""), "type": "SandboxError"})
            except WorkshopError as error:
                self.answer(409, {"error": str(error), "type": type(error).__name__})
            except Exception as error:  # noqa: BLE001 - the client gets the message instead of a hang-up
                log.exception("%s %s failed", method, self.path)
                self.answer(500, {"error": f"{type(error).__name__}: {error}", "type": "SandboxError"})

        def dispatch(self, method: str, parts: list[str], query: dict) -> object:
            if method == "GET" and parts == ["health"]:
                if not machine.healthy():
                    raise SandboxError(f"machine {machine.number}: not every service runs")
                return {"machine": machine.number, "ready": True}
            if method == "GET" and parts == ["status"]:
                return machine.status()
            if method == "POST" and len(parts) == 2 and parts[0] == "machine":
                if parts[1] == "stop":
                    return {"stopped": machine.stop(machine.services)}
                if parts[1] == "start":
                    return {"seconds": machine.start(machine.services)}
            if len(parts) == 3 and parts[0] == "services":
                service, action = machine.service(parts[1]), parts[2]
                if method == "GET" and action == "log":
                    lines = int(query.get("lines", ["50"])[0])
                    return {"text": f"==> {log_file(service.name)} <==\n{tail(log_file(service.name), lines)}"}
                if method == "POST" and action == "stop":
                    return {"ran": bool(machine.stop([service]))}
                if method == "POST" and action == "kill":
                    return {"ran": bool(machine.stop([service], end=kill_process))}
                if method == "POST" and action == "start":
                    return {"seconds": machine.start([service])}
            raise LookupError(f"No such request: {method} /{'/'.join(parts)}")

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.route("GET")

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self.route("POST")

    return Handler


def serve(number: int) -> None:
    """Run machine `number` until SIGTERM: start its services, then answer the control API."""
    if not topology.under_docker():
        raise SandboxError(
            f"`machine {number}` is the command of the Docker sandbox's machine containers "
            f"({topology.HOSTS_ENV_VAR} is not set). Locally, `python -m helpers.sandbox up` starts the sandbox."
        )
    machine = Machine(number)
    address = wait_for_addresses(number)
    server = ThreadingHTTPServer(("0.0.0.0", topology.MACHINE_CONTROL_PORT), handler_for(machine))
    server.daemon_threads = True

    def terminate(signum, _frame) -> None:
        log.info("Signal %d: stopping machine %d's services.", signum, number)
        threading.Thread(target=lambda: (machine.shut_down(), server.shutdown()), daemon=True).start()

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    log.info(
        "Machine %d at %s: starting %s; control API on port %d.",
        number,
        address,
        ", ".join(s.name for s in machine.services),
        topology.MACHINE_CONTROL_PORT,
    )
    threading.Thread(target=machine.first_start, daemon=True).start()
    threading.Thread(target=reap_children, args=(machine,), daemon=True).start()
    server.serve_forever()
    server.server_close()
