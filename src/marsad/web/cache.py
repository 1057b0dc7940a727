"""Caches for a read-mostly server: popular searches should cost one query, not one per reader.

A search with snippets costs milliseconds of CPU, and on a newsroom server many readers ask for
the same stories and names. Two layers keep answers:

- `ResponseCache` (ASGI middleware) keeps whole GET answers by (path, query string). Identical
  requests that arrive while one is being answered wait for it instead of all running the same
  query. `Cache-Control: no-cache` on a request skips the lookup (the fresh answer replaces the
  kept one); every answer says `x-marsad-cache: hit` or `miss`. Only complete answers with
  status 200, 400 or 404 and at most `max_body` bytes are kept, least recently used out first.
- `ResultMemo` keeps what page functions computed (the first hits of a search), so that a page,
  its JSON twin and other page sizes share one query.

Both keep an entry while the store reports the same data version (`DataClock`); once the data
changes (an ingest commits), an entry may still be used for at most `max_age` seconds, so
answers lag an ongoing ingest by no more than that and are exact once it is done. SQLite reports
its data_version, PostgreSQL its write-ahead log position; a store that cannot report a version
gets the age rule alone.
"""
from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["DataClock", "ResponseCache", "ResultMemo"]

CACHED_STATUSES = frozenset({200, 400, 404})
T = TypeVar("T")


class DataClock:
    """The store's data version, asked at most every `every` seconds and shared by the caches
    of a process. Asking takes a read transaction, which under load was a noticeable share of
    the cost of a cached answer; every caller must see the same connection's numbering."""

    def __init__(self, ask: Callable[[], object | None], every: float = 0.1) -> None:
        self._ask = ask
        self.every = every
        self._seen: tuple[float, object | None] | None = None
        self._lock = threading.Lock()

    def __call__(self) -> object | None:
        with self._lock:
            now = time.monotonic()
            if self._seen is None or now - self._seen[0] >= self.every:
                self._seen = (now, self._ask())
            return self._seen[1]


def still_fresh(version_then: object | None, stored: float, version_now: object | None, max_age: float) -> bool:
    """The rule of both caches: kept while the data has not changed, else for `max_age` seconds."""
    if version_now is not None and version_then == version_now:
        return True
    return time.monotonic() - stored < max_age


class ResultMemo:
    """Results of the page functions (which run in threads) by key, under the same rule as the
    response cache: a search asked as a page and through the API, or for another page size,
    costs one query."""

    def __init__(self, version: Callable[[], object | None], max_age: float = 5.0, max_entries: int = 512) -> None:
        self.version = version
        self.max_age = max_age
        self.max_entries = max_entries
        self._kept: OrderedDict[Hashable, tuple[object | None, float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: Hashable) -> tuple[bool, Any]:
        """(True, value) when a fresh value is kept for `key`, else (False, None)."""
        found, value, _ = self._lookup(key)
        return found, value

    def _lookup(self, key: Hashable) -> tuple[bool, Any, object | None]:
        """(found, value, the data version it was judged against)."""
        if self.max_age <= 0:
            return False, None, None
        version = self.version()
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and still_fresh(kept[0], kept[1], version, self.max_age):
                self._kept.move_to_end(key)
                return True, kept[2], version
        return False, None, version

    def get(self, key: Hashable, compute: Callable[[], T], enough: Callable[[T], bool] | None = None) -> T:
        """The kept value for `key` when it is fresh (and `enough` says it will do), else what
        `compute` returns, which replaces it."""
        found, value, version = self._lookup(key)
        if found and (enough is None or enough(value)):
            return value
        value = compute()       # outside the lock: another thread may compute the same; both are right
        if self.max_age <= 0:
            return value
        with self._lock:
            self._kept[key] = (version, time.monotonic(), value)
            self._kept.move_to_end(key)
            while len(self._kept) > self.max_entries:
                self._kept.popitem(last=False)
        return value

    async def get_async(self, key: Hashable, compute: Callable[[], T], enough: Callable[[T], bool] | None = None) -> T:
        """`get` for async page functions: a kept value is returned on the event loop, and only
        computing waits for a page thread (behind slower searches)."""
        found, value = self.peek(key)
        if found and (enough is None or enough(value)):
            return value
        return await run_in_threadpool(self.get, key, compute, enough)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    version: object | None
    stored: float


class ResponseCache:
    """ASGI middleware: answer repeated GETs from memory while the data has not moved on."""

    def __init__(self, app: ASGIApp, version: Callable[[], object | None], max_age: float = 5.0,
                 max_entries: int = 2048, max_bytes: int = 64 << 20, max_body: int = 1 << 20,
                 skip_prefixes: tuple[str, ...] = ("/static/", "/api/v1/ingest")) -> None:
        self.app = app
        self.version = version
        self.max_age = max_age
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_body = max_body
        self.skip_prefixes = skip_prefixes
        self._answers: OrderedDict[tuple[str, bytes], Answer] = OrderedDict()
        self._bytes = 0
        self._pending: dict[tuple[str, bytes], asyncio.Future[Answer | None]] = {}

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET" or self.max_age <= 0:
            return False
        return not scope["path"].startswith(self.skip_prefixes)

    def _keep(self, key: tuple[str, bytes], answer: Answer) -> None:
        old = self._answers.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body)
        self._answers[key] = answer
        self._bytes += len(answer.body)
        while self._answers and (len(self._answers) > self.max_entries or self._bytes > self.max_bytes):
            _, dropped = self._answers.popitem(last=False)
            self._bytes -= len(dropped.body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        version = self.version()
        reload = any(k == b"cache-control" and b"no-cache" in v for k, v in scope.get("headers", ()))
        while not reload:
            answer = self._answers.get(key)
            if answer is not None and still_fresh(answer.version, answer.stored, version, self.max_age):
                self._answers.move_to_end(key)
                await _replay(answer, send, b"hit")
                return
            pending = self._pending.get(key)
            if pending is None:
                break
            shared = await asyncio.shield(pending)      # the same request is being answered now
            if shared is not None:
                await _replay(shared, send, b"hit")
                return
            # that answer could not be kept (too big, an error): answer this one ourselves
            if key not in self._pending:
                break
        await self._answer_and_keep(key, scope, receive, send, version)

    async def _answer_and_keep(self, key: tuple[str, bytes], scope: Scope, receive: Receive, send: Send,
                               version: object | None) -> None:
        future: asyncio.Future[Answer | None] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        answer = None
        try:
            answer = await self._answer(scope, receive, send, version)
        finally:
            self._pending.pop(key, None)
            if answer is not None:
                self._keep(key, answer)
            future.set_result(answer)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, version: object | None) -> Answer | None:
        """Run the app, passing its answer on at once and returning a copy when it may be kept."""
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                keep = message["status"] in CACHED_STATUSES
                start = {**message, "headers": [*message.get("headers", []), (b"x-marsad-cache", b"miss")]}
                await send(start)
                return
            if message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                keep = size <= self.max_body
                if keep:
                    chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if not keep or start is None:
            return None
        headers = [(k, v) for k, v in start.get("headers", []) if k != b"x-marsad-cache"]
        return Answer(start["status"], headers, b"".join(chunks), version, time.monotonic())


async def _replay(answer: Answer, send: Send, mark: bytes) -> None:
    await send({"type": "http.response.start", "status": answer.status,
                "headers": [*answer.headers, (b"x-marsad-cache", mark)]})
    await send({"type": "http.response.body", "body": answer.body})
