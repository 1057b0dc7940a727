"""A time limit on a block of Python code, for stages that must not let one input stall a batch.

It uses the interval timer (SIGALRM), so it only acts in a process's main thread on systems that
have one (every worker process of the pool, Spark's Python workers, a one-process run); elsewhere
the block simply runs without a limit. The alarm interrupts Python code between bytecodes: a
single C call (one regular expression match) finishes before the limit is noticed.
"""
from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Expired", "deadline"]

_AGAIN = 0.05


class Expired(BaseException):
    """The block ran past its time limit. A BaseException, like KeyboardInterrupt, so that the
    `except Exception` guards inside the stages (which keep one bad part from failing an article)
    do not swallow it and carry on past the limit."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise Expired inside the block once it has run `seconds` (None or 0: no limit). Limits
    nest: under an earlier timer (an enclosing limit, a test runner's) the shorter one acts, and
    the earlier timer gets back what is left of its time afterwards."""
    if not seconds or seconds <= 0 or not _can_alarm():
        yield
        return
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    if outer_left and outer_left <= seconds:
        yield                          # the earlier timer fires first anyway
        return

    def expire(signum: int, frame: object) -> None:
        raise Expired(f"over {seconds:g} s")

    report_dropped = sys.unraisablehook

    def drop_quietly(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Expired):
            report_dropped(unraisable)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    # after the first alarm, one every _AGAIN seconds: Python drops an exception raised while a
    # finalizer runs ("Exception ignored in…"), so one alarm can land where it cannot stop anything;
    # such a dropped Expired is not reported (reporting it, formatting its traceback, could itself
    # be cut by the next alarm), the next alarm stops the block
    sys.unraisablehook = drop_quietly
    signal.setitimer(signal.ITIMER_REAL, seconds, _AGAIN)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = report_dropped
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 1e-3))
