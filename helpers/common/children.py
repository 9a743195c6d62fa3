"""Ending a child process politely, then firmly."""

from __future__ import annotations

import subprocess


def terminate(process: subprocess.Popen | None, timeout_s: float) -> None:
    """SIGTERM ``process`` (it may clean up), SIGKILL it if it has not exited within ``timeout_s``."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
