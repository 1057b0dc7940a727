"""deadline: a block that runs too long is stopped with Expired; a quick one is left alone."""
from __future__ import annotations

import signal
import threading
import time

import pytest

from marsad.deadline import Expired, deadline


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_block_past_its_limit_is_stopped_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(Expired), deadline(0.05):
        _spin(5)
    assert time.monotonic() - started < 1


def test_a_quick_block_runs_and_restores_the_earlier_timer() -> None:
    before_handler = signal.getsignal(signal.SIGALRM)
    before_left = signal.getitimer(signal.ITIMER_REAL)[0]     # pytest-timeout's, when it uses signals
    with deadline(5):
        _spin(0.01)
    assert signal.getsignal(signal.SIGALRM) == before_handler
    left = signal.getitimer(signal.ITIMER_REAL)[0]
    assert (left == 0) if before_left == 0 else (0 < left <= before_left)


def test_no_limit_and_other_threads_run_unlimited() -> None:
    with deadline(None):
        _spin(0.01)
    outcome: list[str] = []

    def worker() -> None:
        with deadline(0.01):       # not the main thread: no alarm, no error
            _spin(0.05)
        outcome.append("done")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert outcome == ["done"]


def test_an_inner_limit_leaves_the_outer_one_in_charge() -> None:
    with pytest.raises(Expired), deadline(0.05), deadline(10):
        _spin(5)


class _SlowToFinalize:
    def __del__(self) -> None:
        _spin(0.2)                 # the first alarm lands here, where Python can only drop it


def test_an_alarm_dropped_in_a_finalizer_is_not_reported_and_the_next_one_stops_the_block() -> None:
    import sys

    reported: list[BaseException] = []
    before = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: reported.append(unraisable.exc_value)
    try:
        started = time.monotonic()
        with pytest.raises(Expired), deadline(0.05):
            _SlowToFinalize()      # dropped at once: __del__ runs inside the block
            _spin(5)
        assert time.monotonic() - started < 1
        assert sys.unraisablehook is not before     # the caller's hook is back...
    finally:
        sys.unraisablehook = before
    assert reported == []                           # ...and never saw the dropped Expired
