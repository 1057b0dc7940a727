"""A response cache for GET pages and API answers, so that popular searches cost one query.

A search with snippets costs milliseconds of CPU, and on a newsroom server many readers ask for
the same stories and names. Answers are kept by (path, query string) and served again while
the store reports the same data version; once the data changes (an ingest commits), an answer
may still be served for at most `max_age` seconds, so results lag an ongoing ingest by no more
than that and are exact once it is done. A store that cannot report a version (PostgreSQL)
gets the age rule alone. Identical requests that arrive while one is being answered wait for
it instead of all running the same query. `Cache-Control: no-cache` on a request skips the
lookup (the fresh answer replaces the kept one); every answer says `x-marsad-cache: hit` or `miss`.

Only complete GET answers with status 200, 400 or 404 and at most `max_body` bytes are kept;
the least recently used go first when the cache holds `max_entries` answers or `max_bytes`.
"""
from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ResponseCache"]

CACHED_STATUSES = frozenset({200, 400, 404})


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
                 skip_prefixes: tuple[str, ...] = ("/static/", "/api/v1/ingest"), version_every: float = 0.1) -> None:
        self.app = app
        self._ask_version = version
        self.version_every = version_every
        self._version: tuple[float, object | None] | None = None
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

    def version(self) -> object | None:
        """The store's data version, asked at most every `version_every` seconds (asking takes a
        read transaction; under load that was a noticeable share of a cached answer)."""
        now = time.monotonic()
        if self._version is None or now - self._version[0] >= self.version_every:
            self._version = (now, self._ask_version())
        return self._version[1]

    def _fresh(self, answer: Answer, version: object | None) -> bool:
        if version is not None and answer.version == version:
            return True
        return time.monotonic() - answer.stored < self.max_age

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
            if answer is not None and self._fresh(answer, version):
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
