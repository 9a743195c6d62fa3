"""Run a blocking job in a background thread, so that a notebook cell returns while it works."""

from __future__ import annotations

import threading


class Background:
    """Mixin: subclasses implement ``run(*args)`` and check ``self._stop``; callers use start/join/stop."""

    def __init__(self):
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self, *args):
        """Call ``self.run(*args)`` in a daemon thread; returns ``self`` at once."""
        self._thread = threading.Thread(target=self._run_in_thread, args=args, daemon=True, name=type(self).__name__)
        self._thread.start()
        return self

    def _run_in_thread(self, *args) -> None:
        try:
            self.run(*args)
        except BaseException as error:  # noqa: BLE001 - kept for join() to re-raise in the caller
            self.error = error

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def join(self, timeout: float | None = None):
        """Wait for the background run to end and return its ``stats``; re-raises its error, if any."""
        if self._thread is not None:
            self._thread.join(timeout)
        if self.error is not None:
            raise self.error
        return self.stats

    def stop(self, timeout: float = 30.0):
        """Ask the run to finish what it has in hand and end; returns its ``stats``."""
        self._stop.set()
        return self.join(timeout)
