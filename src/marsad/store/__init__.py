"""Storage: SQLite (default, one file) or PostgreSQL (by URL), behind one `Store` interface.

    from marsad.store import open_store
    with open_store("marsad.db") as store:            # or "postgresql://user@host/db"
        store.search("الإمارات", outlet="واس")
"""
from __future__ import annotations

import os
from pathlib import Path

from marsad.store.base import Hit, Store, UpsertCounts
from marsad.store.query import QueryError

__all__ = ["DEFAULT_DB", "Hit", "QueryError", "Store", "UpsertCounts", "open_store"]

DEFAULT_DB = "marsad.db"


def open_store(url_or_path: str | Path = DEFAULT_DB) -> Store:
    """A store for a path (SQLite, created if missing), `sqlite:///path`, or `postgresql://…`.

    MARSAD_SEARCH_DEPTH sets how many of a common word's newest matches a plain search ranks
    (`Store.search_depth`): more ranks more of the archive, at a cost per search that grows with it."""
    target = str(url_or_path)
    depth = os.environ.get("MARSAD_SEARCH_DEPTH")
    bound = _positive(depth, "MARSAD_SEARCH_DEPTH") if depth else None     # said before anything opens
    store: Store
    if target.startswith(("postgresql://", "postgres://")):
        from marsad.store.postgres import PostgresStore

        store = PostgresStore(target)
    else:
        from marsad.store.sqlite import SqliteStore

        store = SqliteStore(target.removeprefix("sqlite:///"))
    if bound is not None:
        store.search_depth = bound
    return store


def _positive(value: str, name: str) -> int:
    """A setting that must be a whole number above zero, or a message that names it."""
    number = int(value) if value.strip().isdigit() else 0
    if number < 1:
        raise ValueError(f"{name} يجب أن يكون عدداً صحيحاً أكبر من صفر، لا «{value}»")
    return number
