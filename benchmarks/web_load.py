"""Loopback load check of the web app: concurrent searches while an ingest writes the same database.

    python benchmarks/web_load.py                    # 50 clients, 30 s
    python benchmarks/web_load.py --seconds 10 --clients 20 --articles 1000

Builds a SQLite database (a SaudiNewsNet subset when ../shared/corpora/saudinewsnet exists, else
the demo corpus), starts `marsad.web.serve` in its own process on 127.0.0.1 (a free port), then
runs `--clients` asyncio clients (one keep-alive connection each) that search through the JSON API and the
HTML search page for `--seconds`, while another process ingests more articles into the same
database. Reports requests/s, p50/p95/p99 latency, errors and how many answers came from the
server's cache. Loopback only; every phase is bounded in time.

With `--db TARGET` it serves an existing database instead (a SQLite file or a postgresql:// URL;
no build, no concurrent ingest), and `--story-share` sends that share of the requests to story
pages (`/story/ID` and `/api/v1/stories/ID`, the database's largest stories drawn with Zipf
weights): the figures are then given per kind of page too. `--queries FILE` takes the queries
from a file (one a line, most frequent first) instead of the database.

Queries are the hand-picked ones below (normalisation variants, FTS syntax, junk) plus the
names of the 400 entities and the 400 title words found most often in the database, drawn with
Zipf weights (the k-th most frequent query about 1/k as often as the first), the way search
logs look; each also varies page size and offset, so the cache sees several thousand
different requests.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
SAUDI = SHARED / "corpora" / "saudinewsnet"
EXAMPLES = ROOT / "examples"

QUERIES = [
    "الإمارات", "الامارات", "السعودية", "وزارة الصحة", "وزاره الصحه", "الرياض", "مجلس الوزراء", "النفط",
    "الأمم المتحدة", "حجة", "سيول", "زلزال", "الحسيمة", "داعش", "تنظيم الدولة", "قسد", "الحوثيين",
    "\"الدفاع المدني\"", "اليمن", "سوريا", "العراق", "مصر", "أسعار الوقود", "الانتخابات البلدية",
    "الملك سلمان", "ولي العهد", "كرة القدم", "الهلال", "النصر", "الطقس", "أمطار", "جدة", "مكة",
    "رمضان", "٢٠١٥", "2015", "مليار", "وزير*", "تعليم", "جامعة", "الكوليرا", "مخيم", "حريق",
    "NEAR(a b)", "\"unbalanced", "***", "a" * 2000,
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def query_mix(db: str, per_kind: int = 400) -> tuple[list[str], list[float]]:
    """Queries and Zipf weights: entity names and title words of the database, most frequent first,
    interleaved with the hand-picked QUERIES."""
    import sqlite3
    from collections import Counter

    from marsad.text.tokenize import WORD_RE

    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT MIN(n.canonical) FROM name_mentions m JOIN names n ON n.id = m.name_id "
            "WHERE n.canonical != '' GROUP BY n.key ORDER BY COUNT(DISTINCT m.rid) DESC LIMIT ?", (per_kind,))]
        counts = Counter(w for (title,) in conn.execute("SELECT title FROM articles WHERE title IS NOT NULL")
                         for w in WORD_RE.findall(title) if len(w) > 3)
    finally:
        conn.close()
    title_words = [w for w, _ in counts.most_common(per_kind)]
    queries: list[str] = []
    for group in itertools.zip_longest(QUERIES, names, title_words):
        queries += [q for q in group if q and q not in queries]
    weights = [1 / rank for rank in range(1, len(queries) + 1)]
    return queries, weights


def lone_searches(db: str, n: int = 300, depth: int = 60) -> dict:
    """Searches one after another on an existing database (no server, no load): what a search
    that no cache holds costs, with its snippets, as the web app asks for it."""
    from marsad.store import QueryError, open_store

    queries, weights = query_mix(db)
    sample = random.Random(7).choices(queries, weights, k=n)
    passes: list[list[float]] = [[], []]
    with open_store(db) as store:
        store.tune_for_reading()
        articles = store.count()
        for times in passes:        # the second pass finds the articles' openings already folded
            for q in sample:
                t0 = time.perf_counter()
                try:
                    store.search(q, limit=depth)
                except QueryError:
                    continue
                times.append(1000 * (time.perf_counter() - t0))

    return {"articles": articles, "searches": len(passes[0]), "first": latency_summary(passes[0]),
            "again": latency_summary(passes[1])}


def latency_summary(times: list[float]) -> dict:
    """p50, p95 and max of milliseconds, rounded to a tenth."""
    times = sorted(times)
    return {"p50_ms": round(times[len(times) // 2], 1), "p95_ms": round(times[int(0.95 * len(times))], 1),
            "max_ms": round(times[-1], 1)}


def corpus_inputs(limit_days: int | None = None) -> list[Path]:
    if SAUDI.is_dir():
        return sorted(SAUDI.glob("*.zip"))[: limit_days or None]
    return [EXAMPLES]


def ingest_child(db: str, paths: list[str], skip: int, limit: int) -> dict:
    """In a child process: ingest `limit` inputs after the first `skip` of `paths`, then group stories."""
    from marsad.ingest import read_paths
    from marsad.runner import ingest_items
    from marsad.store import open_store
    from marsad.stories.service import update_stories

    started = time.perf_counter()
    with open_store(db) as store:
        items = itertools.islice(read_paths(paths), skip, skip + limit)
        counts = ingest_items(items, store, workers=max(1, (os.cpu_count() or 2) // 2))
        stories = update_stories(store)
    return {"ingested": counts.ingested, "unchanged": counts.unchanged, "skipped": len(counts.skipped),
            "stories": stories, "seconds": round(time.perf_counter() - started, 1)}


def demo_copies(folder: Path, copies: int) -> list[str]:
    """Without SaudiNewsNet: new articles for the concurrent ingest, made from the demo texts."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        for src in (EXAMPLES / "text").glob("*.txt"):
            text = src.read_text("utf-8", errors="replace")
            (folder / f"{src.stem}-{n}.txt").write_text(f"{text}\n\nتحديث رقم {n} للخبر.\n", "utf-8")
    return [str(folder)]


def run_child(args: list[str], timeout: float) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout, check=False,
                         cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"child failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


class Connection:
    """One keep-alive HTTP/1.1 connection, spoken by hand: a load generator has to cost far less
    CPU than the server it measures, and on a 2-core machine a general client library (about
    10 ms of CPU per request with 50 connections) would take more of it than the server."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
        return await asyncio.wait_for(self._get(target), timeout)

    async def _get(self, target: str) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
        body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def load(base: str, seconds: float, clients: int, queries: list[str], weights: list[float],
               stories: list[str] | None = None, story_share: float = 0.0) -> dict:
    """`clients` closed-loop clients, each on its own connection, for `seconds`; with `stories`,
    `story_share` of the requests open a story page (HTML or JSON) instead of a search."""
    host, _, port = base.removeprefix("http://").partition(":")
    latencies: list[float] = []
    computed: list[float] = []          # answers the server did not have in its response cache
    statuses: dict[str, int] = {}
    by_page: dict[str, list[float]] = {"search": [], "story": []}
    story_weights = [1 / rank for rank in range(1, len(stories or []) + 1)]
    cache_hits = 0
    deadline = time.perf_counter() + seconds

    async def client(n: int) -> None:
        nonlocal cache_hits
        rng = random.Random(n)
        connection = Connection(host, int(port))
        i = 0
        while time.perf_counter() < deadline:
            if stories and rng.random() < story_share:
                page, sid = "story", rng.choices(stories, story_weights)[0]
                target = f"/story/{sid}" if i % 2 else f"/api/v1/stories/{sid}"
            else:
                q = rng.choices(queries, weights)[0]
                path = "/search" if i % 4 == 3 else "/api/v1/search"
                params = {"q": q, "limit": rng.choice([10, 20, 50]), "offset": rng.choice([0, 0, 0, 20])}
                page, target = "search", f"{path}?{urlencode(params)}"
            t0 = time.perf_counter()
            try:
                status, headers, _ = await connection.get(target)
                key = str(status)
                hit = headers.get("x-marsad-cache") == "hit"
                cache_hits += hit
                if not hit:
                    computed.append(time.perf_counter() - t0)
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError, IndexError) as exc:
                key = type(exc).__name__
                connection.close()
            latencies.append(time.perf_counter() - t0)
            by_page[page].append(latencies[-1])
            statuses[key] = statuses.get(key, 0) + 1
            i += 1
        connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    computed.sort()
    for values in by_page.values():
        values.sort()

    def pick(p: float, values: list[float] = latencies) -> float | None:
        return round(1000 * values[min(len(values) - 1, int(p * len(values)))], 1) if values else None

    errors = sum(n for k, n in statuses.items() if k not in ("200", "400"))
    return {"requests": len(latencies), "seconds": round(elapsed, 1),
            "requests_per_s": round(len(latencies) / elapsed, 1), "p50_ms": pick(0.50), "p95_ms": pick(0.95),
            "p99_ms": pick(0.99), "max_ms": pick(1.0), "statuses": statuses, "errors": errors,
            "cache_hit_share": round(cache_hits / max(1, len(latencies)), 3), "distinct_queries": len(queries),
            "computed_p50_ms": pick(0.50, computed), "computed_p95_ms": pick(0.95, computed),
            **{f"{page}_{key}": value for page, values in by_page.items() if values and stories
               for key, value in (("requests", len(values)), ("p50_ms", pick(0.50, values)),
                                  ("p95_ms", pick(0.95, values)))}}


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 30) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited: {server.stderr.read() if server.stderr else ''}")
        try:
            if httpx.get(base + "/api/v1/outlets", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("server did not answer in time")


def file_queries(path: str) -> tuple[list[str], list[float]]:
    queries = list(dict.fromkeys(line.strip() for line in Path(path).read_text("utf-8").splitlines() if line.strip()))
    return queries, [1 / rank for rank in range(1, len(queries) + 1)]


def largest_stories(target: str, n: int = 500) -> list[str]:
    """Ids of the database's `n` largest stories, largest first (either backend)."""
    from marsad.store import open_store

    with open_store(target) as store:
        rows = store.conn.execute(f"SELECT id FROM stories ORDER BY n_articles DESC, id LIMIT {int(n)}").fetchall()
    return [row["id"] if isinstance(row, dict) else row[0] for row in rows]   # PostgreSQL rows are dicts


def start_server(target: str, workers: int, cache_seconds: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", (f"from marsad.web import serve; serve({target!r}, host='127.0.0.1', port={port}, "
                                f"workers={workers}, cache_seconds={cache_seconds})")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    wait_ready(base, server, timeout=120)
    return server, base


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def serve_existing(args: argparse.Namespace) -> dict:
    """The load check on a database that is already there: reads only, search and story pages."""
    queries, weights = file_queries(args.queries) if args.queries else query_mix(args.db)
    stories = largest_stories(args.db) if args.story_share > 0 else []
    server, base = start_server(args.db, args.workers, args.cache_seconds)
    try:
        figures = asyncio.run(load(base, args.seconds, args.clients, queries, weights, stories, args.story_share))
    finally:
        stop_server(server)
    result = {"db": args.db.split("@")[-1], "clients": args.clients, "workers": args.workers,
              "cache_seconds": args.cache_seconds, "story_share": args.story_share, **figures}
    print(f"web load on {result['db']}: {args.clients} clients for {result['seconds']} s: {result['requests_per_s']} "
          f"req/s, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, errors {result['errors']} "
          f"(statuses {result['statuses']}); search p95 {result.get('search_p95_ms')} ms, "
          f"story p95 {result.get('story_p95_ms')} ms; {result['cache_hit_share']:.0%} from the cache")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    return result


def main(argv: list[str] | None = None) -> dict:
    """Run the load check, print a summary (and JSON with --json), return the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--articles", type=int, default=2000, help="SaudiNewsNet articles in the database first")
    parser.add_argument("--ingest-articles", type=int, default=1000, help="articles ingested during the load")
    parser.add_argument("--no-ingest", action="store_true", help="measure reads alone")
    parser.add_argument("--workers", type=int, default=2, help="server processes (marsad serve --workers)")
    parser.add_argument("--cache-seconds", type=float, default=5.0, help="0 turns the server's cache off")
    parser.add_argument("--ingest-nice", type=int, default=0,
                        help="run the concurrent ingest at this niceness (as `nice -n N marsad ingest` would)")
    parser.add_argument("--db", metavar="TARGET", help="serve this existing database (SQLite file or postgresql:// URL)"
                        " instead of building one; no concurrent ingest")
    parser.add_argument("--queries", metavar="FILE", help="queries, one a line, most frequent first")
    parser.add_argument("--story-share", type=float, default=0.0, help="share of requests that open a story page")
    parser.add_argument("--lone", metavar="DB", help="only time single searches (60 hits) on this database")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=4, metavar=("DB", "SKIP", "LIMIT", "PATHS_JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.lone:
        figures = lone_searches(args.lone)
        first, again = figures["first"], figures["again"]
        print(f"{figures['searches']} lone searches on {figures['articles']} articles: p50 {first['p50_ms']} ms, "
              f"p95 {first['p95_ms']} ms, max {first['max_ms']} ms; the same again: p50 {again['p50_ms']} ms, "
              f"p95 {again['p95_ms']} ms")
        return figures
    if args.child:
        db, skip, limit, paths = args.child
        print(json.dumps(ingest_child(db, json.loads(paths), int(skip), int(limit))))
        return {}

    if args.db:
        return serve_existing(args)
    work = Path(tempfile.mkdtemp(prefix="marsad-load-"))
    db = str(work / "load.db")
    server = None
    try:
        inputs = [str(p) for p in corpus_inputs()]
        corpus = "saudinewsnet" if SAUDI.is_dir() else "examples"
        t0 = time.perf_counter()
        base_counts = run_child(["--child", db, "0", str(args.articles), json.dumps(inputs)], timeout=900)
        build_s = round(time.perf_counter() - t0, 1)
        if corpus == "examples":
            more, skip = demo_copies(work / "more", max(1, args.ingest_articles // 13)), 0
        else:
            more, skip = inputs, args.articles

        server, base = start_server(db, args.workers, args.cache_seconds)

        writer = None
        if not args.no_ingest:
            child = [sys.executable, __file__, "--child", db, str(skip), str(args.ingest_articles), json.dumps(more)]
            if args.ingest_nice:
                child = ["nice", "-n", str(args.ingest_nice), *child]
            writer = subprocess.Popen(child, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        queries, weights = query_mix(db)
        figures = asyncio.run(load(base, args.seconds, args.clients, queries, weights))
        ingest_result: dict | None = None
        if writer is not None:
            try:
                out, err = writer.communicate(timeout=max(60, args.seconds * 4))
                ingest_result = json.loads(out.strip().splitlines()[-1]) if writer.returncode == 0 else {
                    "error": err[-500:]}
            except subprocess.TimeoutExpired:
                writer.kill()
                ingest_result = {"error": "ingest still running after the load; stopped"}
        result = {"corpus": corpus, "db_articles": base_counts["ingested"], "build_seconds": build_s,
                  "clients": args.clients, "workers": args.workers, "cache_seconds": args.cache_seconds,
                  "ingest_nice": args.ingest_nice, **figures, "concurrent_ingest": ingest_result}
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(work, ignore_errors=True)

    print(f"web load: {result['clients']} clients for {result['seconds']} s over {result['db_articles']} "
          f"{corpus} articles: {result['requests_per_s']} req/s, p50 {result['p50_ms']} ms, "
          f"p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, errors {result['errors']} "
          f"(statuses {result['statuses']}); {result['workers']} server processes, "
          f"{result['cache_hit_share']:.0%} of answers from the cache ({result['distinct_queries']} queries, "
          f"cache {result['cache_seconds']} s; answers not in it: p50 {result['computed_p50_ms']} ms, "
          f"p95 {result['computed_p95_ms']} ms)")
    if ingest_result:
        print(f"  concurrent ingest (niceness {args.ingest_nice}): {ingest_result}")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
