"""Per-process memos of the entity stage: plain dicts, started afresh when they grow too large.

Why not `functools.lru_cache`: a process analysing a corpus keeps a few hundred thousand of these
entries, and lru_cache's linked entries are objects the garbage collector walks on every full
collection; a plain dict of strings, tuples and booleans is not tracked, and clearing it now and
then bounds memory as well as an LRU would for text, where a word either recurs soon or rarely.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["cached_map", "remembered"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def remembered(cache: dict[K, V], key: K, make: Callable[[K], V], limit: int = 200_000) -> V:
    """`cache[key]`, made by `make(key)` the first time (the cache starts afresh past `limit`)."""
    value = cache.get(key)
    if value is None:
        if len(cache) > limit:
            cache.clear()
        value = cache[key] = make(key)
    return value


def cached_map(cache: dict[K, V], keys: list[K], make: Callable[[K], V], limit: int = 200_000) -> list[V]:
    """`[remembered(cache, k, make) for k in keys]`. Run on every token of every text, so the common
    case (all known) is one C-level pass with no test per token."""
    try:
        return list(map(cache.__getitem__, keys))
    except KeyError:
        if len(cache) > limit:
            cache.clear()
        get = cache.get
        return [v if (v := get(k)) is not None else cache.setdefault(k, make(k)) for k in keys]
