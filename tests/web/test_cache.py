"""The response cache: repeated answers come from memory, never staler than the data allows."""
from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from anyio import to_thread
from fastapi.testclient import TestClient
from web_support import build

from marsad.web import create_app
from marsad.web.cache import DataClock, ResponseCache, ResultMemo


def write_jsonl(path: Path, *records: dict) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
    return path


def flood(n: int, outlet: str) -> dict:
    return {"title": f"سيول تغمر قرى في الوادي ({n})", "source": outlet, "date": f"2025-11-{n:02d}T08:00:00+03:00",
            "content": f"غمرت السيول {n * 10} منزلاً في قرى الوادي بعد أمطار غزيرة استمرت ليلتين، "
                       "وقال الدفاع المدني إن فرقه أجلت السكان."}


def search_ids(response: httpx.Response) -> list[str]:
    return [hit["id"] for hit in response.json()["items"]]


def test_repeated_search_is_answered_from_the_cache_with_the_same_body_and_headers(tmp_path: Path) -> None:
    db = build(tmp_path / "c.db", write_jsonl(tmp_path / "a.jsonl", flood(1, "الوطن")))
    with TestClient(create_app(db)) as client:
        first = client.get("/api/v1/search", params={"q": "السيول"})
        second = client.get("/api/v1/search", params={"q": "السيول"})
    assert first.headers["x-marsad-cache"] == "miss" and second.headers["x-marsad-cache"] == "hit"
    assert second.content == first.content and len(search_ids(second)) == 1
    assert second.headers["content-security-policy"] == first.headers["content-security-policy"]
    assert second.headers["content-type"].startswith("application/json")


def test_new_data_shows_once_the_cache_age_has_passed_and_unchanged_data_stays_cached(tmp_path: Path) -> None:
    db = build(tmp_path / "c.db", write_jsonl(tmp_path / "a.jsonl", flood(1, "الوطن")))
    with TestClient(create_app(db, cache_seconds=0.3)) as client:
        assert len(search_ids(client.get("/api/v1/search", params={"q": "السيول"}))) == 1
        time.sleep(0.4)      # older than the cache age, but the data has not changed: still a hit
        unchanged = client.get("/api/v1/search", params={"q": "السيول"})
        assert unchanged.headers["x-marsad-cache"] == "hit"

        build(db, write_jsonl(tmp_path / "b.jsonl", flood(2, "الرياض")))      # another writer commits
        time.sleep(0.4)
        fresh = client.get("/api/v1/search", params={"q": "السيول"})
    assert fresh.headers["x-marsad-cache"] == "miss" and len(search_ids(fresh)) == 2


def test_no_cache_request_header_and_zero_cache_seconds_bypass_the_cache(tmp_path: Path) -> None:
    db = build(tmp_path / "c.db", write_jsonl(tmp_path / "a.jsonl", flood(1, "الوطن")))
    with TestClient(create_app(db)) as client:
        client.get("/api/v1/search", params={"q": "السيول"})
        forced = client.get("/api/v1/search", params={"q": "السيول"}, headers={"Cache-Control": "no-cache"})
    assert forced.headers["x-marsad-cache"] == "miss"
    with TestClient(create_app(db, cache_seconds=0)) as client:
        client.get("/api/v1/search", params={"q": "السيول"})
        assert "x-marsad-cache" not in client.get("/api/v1/search", params={"q": "السيول"}).headers


def test_bad_requests_are_cached_but_server_errors_and_posts_are_not() -> None:
    calls: list[str] = []

    async def app(scope, receive, send) -> None:
        calls.append(scope["method"] + scope["path"])
        status = {"/bad": 400, "/boom": 500}.get(scope["path"], 200)
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"answer"})

    cached = ResponseCache(app, version=lambda: 1)

    async def run() -> list[str]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cached), base_url="http://t") as http:
            for _ in range(2):
                for path in ("/bad", "/boom"):
                    await http.get(path)
                await http.post("/ok")
        return calls

    assert asyncio.run(run()) == ["GET/bad", "GET/boom", "POST/ok", "GET/boom", "POST/ok"]


def test_identical_requests_arriving_together_run_the_app_once() -> None:
    calls = 0

    async def slow_app(scope, receive, send) -> None:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": f"answer {calls}".encode()})

    cached = ResponseCache(slow_app, version=lambda: None)

    async def run() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cached), base_url="http://t") as http:
            return await asyncio.gather(*(http.get("/search?q=x") for _ in range(5)))

    answers = asyncio.run(run())
    assert calls == 1
    assert {a.text for a in answers} == {"answer 1"}
    assert sorted(a.headers["x-marsad-cache"] for a in answers) == ["hit"] * 4 + ["miss"]


def test_least_recently_used_answers_leave_first_when_the_cache_is_full() -> None:
    calls: list[str] = []

    async def app(scope, receive, send) -> None:
        calls.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"x"})

    cached = ResponseCache(app, version=lambda: 1, max_entries=2)

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cached), base_url="http://t") as http:
            for path in ("/a", "/b", "/a", "/c", "/a", "/b"):
                await http.get(path)

    asyncio.run(run())
    assert calls == ["/a", "/b", "/c", "/b"]     # /a was used again before /c came, so /b left


def test_result_memo_computes_once_per_key_until_the_data_changes_and_the_age_passes() -> None:
    version = [1]
    memo = ResultMemo(lambda: version[0], max_age=0.2)
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert memo.get("k", lambda: compute("a")) == "A"
    time.sleep(0.25)
    assert memo.get("k", lambda: compute("b")) == "A"       # same data: kept past the age
    version[0] = 2
    assert memo.get("k", lambda: compute("c")) == "C"       # changed, and older than the age
    version[0] = 3
    assert memo.get("k", lambda: compute("d")) == "C"       # changed, but younger than the age
    time.sleep(0.25)
    assert memo.get("k", lambda: compute("e")) == "E"
    assert calls == ["a", "c", "e"]


def test_data_clock_asks_the_store_at_most_once_per_interval() -> None:
    asked: list[float] = []
    clock = DataClock(lambda: asked.append(time.monotonic()) or len(asked), every=0.2)
    assert [clock() for _ in range(50)] == [1] * 50
    time.sleep(0.25)
    assert clock() == 2 and len(asked) == 2


def test_search_pages_of_any_size_and_depth_agree_with_one_deep_page(tmp_path: Path) -> None:
    records = [flood(n, ["الوطن", "الرياض", "عكاظ"][n % 3]) for n in range(1, 26)]
    db = build(tmp_path / "c.db", write_jsonl(tmp_path / "a.jsonl", *records))
    with TestClient(create_app(db)) as client:
        five = search_ids(client.get("/api/v1/search", params={"q": "السيول", "limit": 5}))
        deep = client.get("/api/v1/search", params={"q": "السيول", "limit": 10, "offset": 18}).json()
        page = client.get("/search", params={"q": "السيول", "limit": 5}).text
    with TestClient(create_app(db, cache_seconds=0)) as client:
        everything = search_ids(client.get("/api/v1/search", params={"q": "السيول", "limit": 100}))
    assert len(everything) == 25 and five == everything[:5]
    assert [h["id"] for h in deep["items"]] == everything[18:25] and deep["next_offset"] is None
    assert all(f'href="/article/{quote(i, safe="")}"' in page for i in five)


def test_a_kept_search_is_answered_while_every_page_thread_is_busy(tmp_path: Path) -> None:
    """Pages of a search already kept are served on the event loop: a long search holding the
    page threads does not hold up readers paging through a popular one."""
    db = build(tmp_path / "c.db", write_jsonl(tmp_path / "a.jsonl", *(flood(n, "الوطن") for n in range(1, 26))))
    app = create_app(db)
    query = {"q": "السيول"}

    async def run() -> tuple[list[str], str, list[str]]:
        to_thread.current_default_thread_limiter().total_tokens = 1
        release = threading.Event()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
            first = search_ids(await http.get("/api/v1/search", params={**query, "limit": 20}))
            await http.get("/search", params={**query, "limit": 20})
            busy = asyncio.ensure_future(to_thread.run_sync(release.wait))
            await asyncio.sleep(0.05)
            fresh = {"cache-control": "no-cache"}
            try:
                page = await asyncio.wait_for(http.get("/search", params={**query, "limit": 5}, headers=fresh), 5)
                more = await asyncio.wait_for(
                    http.get("/api/v1/search", params={**query, "limit": 10, "offset": 5}, headers=fresh), 5)
            finally:
                release.set()
                await busy
        return first, page.text, search_ids(more)

    first, page, more = asyncio.run(run())
    assert more == first[5:15]
    assert all(f'href="/article/{quote(i, safe="")}"' in page for i in first[:5])
    assert f'href="/article/{quote(first[5], safe="")}"' not in page
