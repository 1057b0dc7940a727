"""One store connection per server thread.

FastAPI runs the page functions in a thread pool; a SQLite connection must not be used by two
threads at once, so each thread opens its own (cheap, WAL mode lets them all read while an
ingest writes). The pool ends threads that stay idle and starts new ones when load returns, so
a thread's store is closed when its thread ends (a PostgreSQL server would otherwise keep
connections of threads long gone, up to its limit); the rest are closed when the app shuts down.
"""
from __future__ import annotations

import logging
import threading
import weakref

from starlette.requests import Request

from marsad.store import Store, open_store

__all__ = ["Stores", "store_for"]


def _close(store: Store) -> None:
    try:
        store.close()
    except Exception:
        logging.getLogger("marsad.web").debug("closing a store failed", exc_info=True)


class _Held:
    """A thread's store, held by that thread's local data alone: when the thread ends, the
    holder goes and its finalizer closes the store."""

    __slots__ = ("__weakref__", "store")

    def __init__(self, store: Store) -> None:
        self.store = store


class Stores:
    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self._local = threading.local()
        self._closers: list[weakref.finalize] = []
        self._lock = threading.Lock()
        self._clock_store: Store | None = None

    def get(self) -> Store:
        held = getattr(self._local, "held", None)
        if held is None:
            store = open_store(self.db_url)
            store.tune_for_reading()
            held = self._local.held = _Held(store)
            with self._lock:
                self._closers = [closer for closer in self._closers if closer.alive]
                self._closers.append(weakref.finalize(held, _close, store))
        return held.store

    def data_version(self) -> object | None:
        """The data version as one dedicated connection sees it (versions of different
        connections are not comparable), for the caches' clock."""
        with self._lock:
            if self._clock_store is None:
                self._clock_store = open_store(self.db_url)
            return self._clock_store.data_version()

    def close(self) -> None:
        with self._lock:
            closers, self._closers = self._closers, []
            clock, self._clock_store = self._clock_store, None
        for closer in closers:
            closer()                    # a finalizer runs once: a store closed already is left
        if clock is not None:
            _close(clock)


def store_for(request: Request) -> Store:
    """The calling thread's store (call it inside the page function, not in a dependency)."""
    return request.app.state.stores.get()
