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
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["Workers", "ignore_interrupts", "pooled_map"]

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


class Workers:
    """Worker processes kept for several maps (`workers.map(...)`), so that what each worker loads
    and caches on its first items (rule tables, folded words) serves every later batch; with 0
    processes every map runs in this process. Use as a context manager."""

    def __init__(self, processes: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple = ()) -> None:
        self.processes = processes
        self.pool = None
        if processes <= 0:
            if initializer is not None:
                initializer(*initargs)
            return
        method = "fork" if "fork" in mp.get_all_start_methods() else None   # forked: workers start warm
        self.pool = mp.get_context(method).Pool(processes, initializer=initializer, initargs=initargs)

    def map(self, func: Callable[[T], R], items: Iterable[T], chunksize: int = 8,
            ordered: bool = False) -> Iterator[R]:
        """`func` over `items`, results in completion order, or in input order with `ordered`."""
        if self.pool is None:
            yield from map(func, items)
            return
        gate = _Gate(self.processes * chunksize * 4)
        try:
            mapper = self.pool.imap if ordered else self.pool.imap_unordered
            for result in mapper(func, gate.feed(items), chunksize=chunksize):
                gate.done()
                yield result
        finally:
            gate.closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        if self.pool is not None:
            if exc_type is None:
                self.pool.close()
                self.pool.join()
            self.pool.terminate()


def pooled_map(func: Callable[[T], R], items: Iterable[T], processes: int, chunksize: int = 8,
               initializer: Callable[..., None] | None = None, initargs: tuple = (),
               ordered: bool = False) -> Iterator[R]:
    """`func` over `items` in `processes` worker processes (in this one, in order, when processes
    is 0), results in completion order, or in input order with `ordered`."""
    with Workers(processes, initializer, initargs) as workers:
        yield from workers.map(func, items, chunksize, ordered)
