"""JupyterLab on loopback with a token: the command `make workshop` runs and the security test checks."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Callable

from helpers.common.paths import REPO_ROOT

JUPYTER_ADDRESS = "127.0.0.1"
JUPYTER_PORT = 8888
START_PAGE = "/lab/tree/workspace/index.ipynb"  # the attendee's index (helpers.course.workspace makes it)


def jupyter_command(port: int = JUPYTER_PORT, token: str | None = None, open_browser: bool = True) -> list[str]:
    """The JupyterLab command line: bound to 127.0.0.1, a random token required, rooted in notebooks/."""
    as_root = ["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []  # CI containers run as root
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        *as_root,
        f"--ServerApp.ip={JUPYTER_ADDRESS}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token or secrets.token_urlsafe(24)}",
        f"--ServerApp.root_dir={REPO_ROOT / 'notebooks'}",
        f"--ServerApp.default_url={START_PAGE}",
        f"--ServerApp.open_browser={open_browser}",
    ]


def jupyter_url(token: str, port: int = JUPYTER_PORT) -> str:
    """The address to open, token included (JupyterLab's own log shows the token only as '...')."""
    return f"http://{JUPYTER_ADDRESS}:{port}{START_PAGE}?token={token}"


AFTER_JUPYTER = (
    "JupyterLab has stopped; the sandbox still runs ({running} of its servers, about {gb:.1f} GB).\n"
    "`make sandbox-down` stops them, keeping the data; `make workshop` starts everything again."
)


def run_then_remind(argv: list[str], servers: Callable[[], tuple[int, float]]) -> int:
    """Run JupyterLab in the foreground; when it stops, say that the sandbox's servers still run (``servers()``:
    how many, and their GB) and how to stop them. Ctrl-C goes to JupyterLab alone (it asks whether to shut
    down), not to this process."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        returncode = subprocess.run(argv, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)).returncode
    finally:
        signal.signal(signal.SIGINT, previous)
    running, resident_gb = servers()
    if running:
        print(AFTER_JUPYTER.format(running=running, gb=resident_gb), flush=True)
    return returncode
