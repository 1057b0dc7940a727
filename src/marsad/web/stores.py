"""One store connection per server thread.

FastAPI runs the page functions in a thread pool; a SQLite connection must not be used by two
threads at once, so each thread opens its own (cheap, WAL mode lets them all read while an
ingest writes). All are closed when the app shuts down.
"""
from __future__ import annotations

import logging
import threading

from starlette.requests import Request

from marsad.store import Store, open_store

__all__ = ["Stores", "store_for"]


class Stores:
    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._clock_store: Store | None = None

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db_url)
            store.tune_for_reading()
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def data_version(self) -> object | None:
        """The data version as one dedicated connection sees it (versions of different
        connections are not comparable), for the caches' clock."""
        with self._lock:
            if self._clock_store is None:
                self._clock_store = open_store(self.db_url)
                self._all.append(self._clock_store)
            return self._clock_store.data_version()

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
            self._clock_store = None
        for store in stores:
            try:
                store.close()
            except Exception:
                logging.getLogger("marsad.web").debug("closing a store failed", exc_info=True)


def store_for(request: Request) -> Store:
    """The calling thread's store (call it inside the page function, not in a dependency)."""
    return request.app.state.stores.get()
