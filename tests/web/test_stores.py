"""Each server thread reads through a store of its own, closed when its thread ends or the app stops."""
from __future__ import annotations

import gc
import sqlite3
import threading
from pathlib import Path

import pytest

from marsad.store import open_store
from marsad.web.stores import Stores


def _is_open(store) -> bool:
    try:
        store.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return False
    return True


def test_a_thread_keeps_its_store_and_the_store_closes_when_the_thread_ends(tmp_path: Path) -> None:
    db = str(tmp_path / "marsad.db")
    open_store(db).close()
    stores = Stores(db)
    seen: list = []

    def page() -> None:
        seen.extend([stores.get(), stores.get()])

    worker = threading.Thread(target=page)
    worker.start()
    worker.join()
    gc.collect()
    assert seen[0] is seen[1]                     # one store for all of a thread's pages
    assert not _is_open(seen[0])                  # the pool ended the thread: its connection is closed
    mine = stores.get()
    assert mine is not seen[0] and _is_open(mine)
    stores.data_version()
    stores.close()
    assert not _is_open(mine)
    with pytest.raises(sqlite3.ProgrammingError):
        mine.conn.execute("SELECT 1")
