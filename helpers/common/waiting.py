"""The one poll loop: call a check until it gives an answer, or say in one format what never came."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from helpers.common.errors import WaitTimeout

T = TypeVar("T")


def wait_until(
    check: Callable[[], T],
    timeout_s: float,
    what: str,
    interval_s: float = 0.5,
    retry_on: tuple[type[BaseException], ...] = (),
    hint: str | Callable[[], str] = "",
) -> T:
    """Call ``check()`` every ``interval_s`` seconds until it returns something truthy, and return that.

    Exceptions of the types in ``retry_on`` count as "not yet"; any other exception ends the wait at
    once. After ``timeout_s`` seconds: ``WaitTimeout("Waited 30 s for <what>. <hint>")``; ``hint`` may be a
    function, called then, to describe the state the wait ended in.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            result = check()
            if result:
                return result
        except retry_on:
            pass
        if time.monotonic() >= deadline:
            detail = hint() if callable(hint) else hint
            raise WaitTimeout(f"Waited {timeout_s:.0f} s for {what}." + (f" {detail}" if detail else ""))
        time.sleep(interval_s)


def seconds_until(check: Callable[[], object], timeout_s: float, what: str, **options) -> float:
    """``wait_until``, returning how many seconds the wait took (for lessons that show it)."""
    started = time.monotonic()
    wait_until(check, timeout_s, what, **options)
    return time.monotonic() - started


def with_retries(
    call: Callable[[], T], attempts: int, retry_on: tuple[type[BaseException], ...], backoff_s: float = 1.0
) -> T:
    """``call()``, tried up to ``attempts`` times while it raises one of ``retry_on``, waiting
    ``backoff_s``, then twice that, and so on between tries. The last failure is raised."""
    for attempt in range(attempts):
        try:
            return call()
        except retry_on:
            if attempt == attempts - 1:
                raise
            time.sleep(backoff_s * 2**attempt)
    raise ValueError("attempts must be at least 1")
