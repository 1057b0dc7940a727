"""A bounded process pool: `pooled_map` runs a plain function over a stream in worker processes.

The pool's feeder thread would otherwise read the whole input ahead of the workers; a semaphore
keeps it a fixed number of items ahead of what the caller has consumed, so memory stays flat
however long the stream.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

__all__ = ["ignore_interrupts", "pooled_map"]

T = TypeVar("T")
R = TypeVar("R")


class _Gate:
    """Bounds how far the pool's feeder thread runs ahead of the results the parent consumed."""

    def __init__(self, size: int) -> None:
        self.slots = threading.Semaphore(size)
        self.closed = False

    def feed(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            while not self.slots.acquire(timeout=0.2):
                if self.closed:
                    return
            if self.closed:
                return
            yield item

    def done(self) -> None:
        self.slots.release()


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (it stops the pool), not each worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def pooled_map(func: Callable[[T], R], items: Iterable[T], processes: int, chunksize: int = 8,
               initializer: Callable[..., None] | None = None, initargs: tuple = (),
               ordered: bool = False) -> Iterator[R]:
    """`func` over `items` in `processes` worker processes, results in completion order, or in input
    order with `ordered` (in this process, in order, when processes is 0). Forked where the platform
    allows, so workers start warm."""
    if processes <= 0:
        if initializer is not None:
            initializer(*initargs)
        yield from map(func, items)
        return
    gate = _Gate(processes * chunksize * 4)
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    pool = mp.get_context(method).Pool(processes, initializer=initializer, initargs=initargs)
    try:
        mapper = pool.imap if ordered else pool.imap_unordered
        for result in mapper(func, gate.feed(items), chunksize=chunksize):
            gate.done()
            yield result
        pool.close()
        pool.join()
    finally:
        gate.closed = True
        pool.terminate()
