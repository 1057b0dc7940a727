"""Storage: SQLite (default, one file) or PostgreSQL (by URL), behind one `Store` interface.

    from marsad.store import open_store
    with open_store("marsad.db") as store:            # or "postgresql://user@host/db"
        store.search("الإمارات", outlet="واس")
"""
from __future__ import annotations

from pathlib import Path

from marsad.store.base import Hit, Store, UpsertCounts
from marsad.store.query import QueryError

__all__ = ["DEFAULT_DB", "Hit", "QueryError", "Store", "UpsertCounts", "open_store"]

DEFAULT_DB = "marsad.db"


def open_store(url_or_path: str | Path = DEFAULT_DB) -> Store:
    """A store for a path (SQLite, created if missing), `sqlite:///path`, or `postgresql://…`."""
    target = str(url_or_path)
    if target.startswith(("postgresql://", "postgres://")):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(target)
    target = target.removeprefix("sqlite:///")
    from marsad.store.sqlite import SqliteStore

    return SqliteStore(target)
