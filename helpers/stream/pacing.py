"""Pacing a replay: ``speed`` simulated seconds pass per real second (None: as fast as possible)."""

from __future__ import annotations

import time


def parse_speed(text: str) -> float | None:
    """``"max"`` -> None (no pacing), ``"900"`` -> 900.0; raises ValueError on anything else."""
    if text.strip().lower() == "max":
        return None
    speed = float(text)
    if not speed > 0 or speed == float("inf"):
        raise ValueError(
            f"--speed must be a positive number of simulated seconds per real second, or max; got {text!r}"
        )
    return speed


def due_in(
    simulated_s: float, first_simulated_s: float, real_start_s: float, now_s: float, speed: float | None
) -> float:
    """Seconds to wait before sending data stamped ``simulated_s`` (0 if it is due or late)."""
    if speed is None:
        return 0.0
    due = real_start_s + (simulated_s - first_simulated_s) / speed
    return max(0.0, due - now_s)


class Pacer:
    """Sleeps until each simulated time is due; ``wait`` returns False if ``stop`` was set meanwhile."""

    def __init__(self, speed: float | None, stop):
        self.speed = speed
        self.stop = stop
        self._first: float | None = None
        self._start = 0.0

    def wait(self, simulated_s: float) -> bool:
        if self._first is None:
            self._first, self._start = simulated_s, time.monotonic()
        delay = due_in(simulated_s, self._first, self._start, time.monotonic(), self.speed)
        if delay > 0:
            return not self.stop.wait(delay)
        return not self.stop.is_set()
