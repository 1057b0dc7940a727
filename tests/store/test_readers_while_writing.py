"""Readers while an ingest writes: another process runs `marsad ingest` while readers query the
same SQLite store the whole time, through every door: the store API (threads here), the web app
over HTTP (a real `marsad serve` process) and the `marsad search` / `marsad outlets` commands
(subprocesses). Nobody sees an error ('database is locked' or any other), what a reader saw stays
visible (counts only grow, for each reader and across readers: a query that starts after another
one ended sees at least as much), and after the ingest every article it reports is visible.

- a generated tree of 400 articles with 24 readers (no corpus needed);
- SaudiNewsNet with 100 readers: a fixed slice of it in the normal suite (skipped without
  ../shared), the whole corpus with MARSAD_STRESS_FULL=1 (`make stress`; many minutes).

Set MARSAD_STRESS_REPORT=path.json to keep the numbers (queries, latencies) of a run.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from marsad.store import open_store
from news_tree import require_stages, write_tree

MARSAD = Path(sys.executable).with_name("marsad")
LOCKED = "database is locked"
STRESS_FULL = os.environ.get("MARSAD_STRESS_FULL", "") not in ("", "0")
# the slice: the first records of SaudiNewsNet in date order; with 100 readers on 2 cores its
# ingest (--workers 2, analysis and stories) lasts about 20-30 s
SLICE_RECORDS = 700
TOTAL = "total"          # the measure "articles in the store"; searches are ("search", words, limit)


@dataclass(frozen=True)
class Mix:
    """`readers` in all: `cli` of them run the command line in a loop, `web` ask the web app over
    HTTP, the rest call the store API."""
    readers: int
    cli: int
    web: int
    # The readers' pace: on 2 cores, 100 readers without a pause take most of the machine and the
    # ingest crawls (a store search with snippets costs a few ms of CPU, a page from the web app
    # a few more, and a command Python's start-up, about 0.5 s), so each waits between queries.
    pause: float = 1.0         # seconds a store or web reader waits between two rounds of queries
    cli_pause: float = 2.0     # and a command-line reader between two commands
    cli_at_once: int = 1       # command-line readers running a command at the same time

    @property
    def store(self) -> int:
        return self.readers - self.cli - self.web


@dataclass
class Query:
    reader: str
    kind: str            # store | web | cli
    measure: Any         # what `count` counts: TOTAL or ("search", words, limit); None: nothing checked
    count: int | None
    start: float         # time.monotonic() before the request left and after its answer was in
    end: float


@dataclass
class Run:
    queries: list[Query] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    cli_gate: threading.Semaphore = field(default_factory=threading.Semaphore)

    def record(self, query: Query) -> None:
        with self.lock:
            self.queries.append(query)

    def error(self, reader: str, message: str) -> None:
        with self.lock:
            self.errors.append(f"{reader}: {message[:500]}")


# --- readers -------------------------------------------------------------------------------------
def timed(run: Run, reader: str, kind: str, measure: Any, ask: Callable[..., int | None], *args: Any) -> None:
    start = time.monotonic()
    count = ask(*args)
    run.record(Query(reader, kind, measure, count, start, time.monotonic()))


def store_reader(name: str, db: Path, words: Sequence[str], run: Run, stop: threading.Event, mix: Mix) -> None:
    try:
        with open_store(db) as store:
            n = 0
            while not stop.is_set():
                word = words[n % len(words)]
                timed(run, name, "store", ("search", word, 5), lambda w: len(store.search(w, limit=5)), word)
                timed(run, name, "store", TOTAL, store.count)
                n += 1
                stop.wait(mix.pause)
    except Exception as exc:  # noqa: BLE001 - any failure of a reader is what this test counts
        run.error(name, f"{type(exc).__name__}: {exc}")


class Web:
    """One keep-alive HTTP connection to the server."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(self, path: str, fresh: bool = False) -> tuple[int, bytes]:
        self.conn.request("GET", path, headers={"Cache-Control": "no-cache"} if fresh else {})
        response = self.conn.getresponse()
        return response.status, response.read()

    def page(self, path: str) -> None:
        """A page as a browser asks for it (the answer may come from the server's cache)."""
        status, body = self.get(path)
        if status != 200 or LOCKED.encode() in body:
            raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")

    def total(self) -> int:
        """Articles in the store, asked past the response cache (GET /api/v1/outlets is not memoised)."""
        status, body = self.get("/api/v1/outlets", fresh=True)
        if status != 200:
            raise RuntimeError(f"/api/v1/outlets answered {status}: {body[:300]!r}")
        return sum(item["articles"] for item in json.loads(body)["items"])

    def close(self) -> None:
        self.conn.close()


def web_reader(name: str, port: int, words: Sequence[str], run: Run, stop: threading.Event, mix: Mix) -> None:
    """Counts past the cache (they must be exact); searches and the home page as a browser asks
    for them (answers may come from the server's cache, which may lag an ingest by design)."""
    web = Web(port)
    try:
        n = 0
        while not stop.is_set():
            timed(run, name, "web", TOTAL, web.total)
            word = quote(words[n % len(words)])
            path = ["/search?q=" + word, "/api/v1/search?limit=20&q=" + word, "/"][n % 3]
            timed(run, name, "web", None, web.page, path)
            n += 1
            stop.wait(mix.pause)
    except Exception as exc:  # noqa: BLE001
        run.error(name, f"{type(exc).__name__}: {exc}")
    finally:
        web.close()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(MARSAD), *args], check=False, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "200"})


def cli_hits(db: Path, word: str) -> int:
    done = cli("search", word, "--db", str(db), "--json", "--limit", "200")
    if done.returncode != 0 or LOCKED in done.stderr:
        raise RuntimeError(f"marsad search exited {done.returncode}: {done.stderr[-500:]}")
    return len(json.loads(done.stdout))


def cli_total(db: Path) -> int:
    done = cli("outlets", "--db", str(db), "--json")
    if done.returncode != 0 or LOCKED in done.stderr:
        raise RuntimeError(f"marsad outlets exited {done.returncode}: {done.stderr[-500:]}")
    return sum(row["articles"] for row in json.loads(done.stdout))


def cli_reader(name: str, db: Path, words: Sequence[str], run: Run, stop: threading.Event, mix: Mix) -> None:
    """`marsad search` and `marsad outlets`, one process after another (and at most
    `mix.cli_at_once` of the command-line readers' processes at a time)."""
    gate = run.cli_gate
    try:
        n = 0
        while not stop.is_set():
            word = words[n % len(words)]
            with gate:
                if not stop.is_set():
                    timed(run, name, "cli", ("search", word, 200), cli_hits, db, word)
            stop.wait(mix.cli_pause)
            with gate:
                if not stop.is_set():
                    timed(run, name, "cli", TOTAL, cli_total, db)
            n += 1
            stop.wait(mix.cli_pause)
    except Exception as exc:  # noqa: BLE001
        run.error(name, f"{type(exc).__name__}: {exc}")


# --- the web server ------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, log: Path, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([str(MARSAD), "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)],
                              stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    deadline = time.monotonic() + 120
    while True:
        try:
            web = Web(port)
            web.total()
            web.close()
            return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"marsad serve did not start: {log.read_text('utf-8', 'replace')[-2000:]}")
            time.sleep(0.2)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- checks --------------------------------------------------------------------------------------
def ingested(stderr: str) -> int:
    """The number of new articles from `marsad ingest`'s summary."""
    found = re.search(r"أُدخل\s*│\s*(\d+)", stderr)
    assert found, f"no summary in the ingest's output: {stderr[-2000:]}"
    return int(found.group(1))


def went_down(queries: list[Query]) -> list[str]:
    """Per reader and measure: a count smaller than the one before it."""
    last: dict[tuple[str, Any], Query] = {}
    found = []
    for q in sorted(queries, key=lambda q: q.start):
        key = (q.reader, q.measure)
        before = last.get(key)
        if before is not None and q.count < before.count:
            found.append(f"{q.reader} {q.measure}: {before.count} then {q.count}")
        last[key] = q
    return found


def not_monotone(queries: list[Query]) -> list[str]:
    """Across readers: a query that started after another one had ended saw less than it."""
    found = []
    by_measure: dict[Any, list[Query]] = {}
    for q in queries:
        by_measure.setdefault(q.measure, []).append(q)
    for measure, group in by_measure.items():
        ended = sorted(group, key=lambda q: q.end)
        best: Query | None = None
        i = 0
        for q in sorted(group, key=lambda q: q.start):
            while i < len(ended) and ended[i].end < q.start:
                if best is None or ended[i].count > best.count:
                    best = ended[i]
                i += 1
            if best is not None and q.count < best.count:
                found.append(f"{measure}: {q.reader} ({q.kind}) saw {q.count} after {best.reader} ({best.kind}) "
                             f"had seen {best.count} ({q.start - best.end:.3f} s before)")
    return found


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else 0.0


def report(run: Run, mix: Mix, began: float, seconds: float, articles: int) -> dict[str, Any]:
    out: dict[str, Any] = {"ingest_seconds": round(seconds, 1), "articles": articles, "readers": mix.readers,
                           "errors": len(run.errors), "queries": len(run.queries),
                           # how many states of the store the readers saw (commits, roughly)
                           "totals_seen": len({q.count for q in run.queries if q.measure == TOTAL})}
    for kind in ("store", "web", "cli"):
        took = [q.end - q.start for q in run.queries if q.kind == kind]
        per_reader: dict[str, int] = {}
        for q in run.queries:
            if q.kind == kind:
                per_reader[q.reader] = per_reader.get(q.reader, 0) + 1
        out[kind] = {"readers": len(per_reader), "queries": len(took),
                     "queries_per_reader_min": min(per_reader.values(), default=0),
                     "p50_ms": round(1000 * percentile(took, 50), 1), "p95_ms": round(1000 * percentile(took, 95), 1),
                     "max_ms": round(1000 * max(took, default=0), 1),
                     # when the slowest ones started, in seconds from the start of the ingest
                     "slowest_at_s": sorted(round(q.start - began, 1) for q in sorted(
                         (q for q in run.queries if q.kind == kind), key=lambda q: q.start - q.end)[:5])}
    return out


# --- the harness ---------------------------------------------------------------------------------
def readers_while_ingesting(inputs: Sequence[Path], tmp_path: Path, mix: Mix, words: Sequence[str],
                            timeout: float, web_workers: int = 2) -> tuple[int, dict[str, Any]]:
    """Run `marsad ingest inputs --workers 2` while `mix` readers query; check everything; return
    (articles ingested, the report)."""
    if not MARSAD.exists():
        pytest.skip("marsad console script not installed in this environment (pip install -e .)")
    db = tmp_path / "m.db"
    with open_store(db):          # the schema exists before the first reader opens it
        pass
    log = tmp_path / "serve.log"
    port = free_port()
    server = start_server(db, port, log, web_workers) if mix.web else None
    run, stop = Run(cli_gate=threading.Semaphore(mix.cli_at_once)), threading.Event()
    targets = ([(cli_reader, f"cli{n}", db) for n in range(mix.cli)]
               + [(web_reader, f"web{n}", port) for n in range(mix.web)]
               + [(store_reader, f"store{n}", db) for n in range(mix.store)])
    threads = [threading.Thread(target=f, args=(name, where, words, run, stop, mix), name=name, daemon=True)
               for f, name, where in targets]
    try:
        for thread in threads:
            thread.start()
        # the store and web readers are all querying before the ingest starts (the command-line
        # readers take turns: waiting for all of them would only add seconds)
        deadline = time.monotonic() + 120
        while len({q.reader for q in run.queries if q.kind != "cli"}) < mix.store + mix.web and not run.errors:
            assert time.monotonic() < deadline, "the readers did not all start"
            time.sleep(0.1)
        began = time.monotonic()
        writer = subprocess.Popen([str(MARSAD), "ingest", *map(str, inputs), "--db", str(db), "--workers", "2"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  env={**os.environ, "COLUMNS": "200"})
        try:
            _, err = writer.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            writer.kill()
            writer.communicate()
            raise
        finished = time.monotonic()
        stop.wait(2 * mix.pause + 0.5)      # the readers go on after the last commit: those queries must see it all
        stop.set()
        for thread in threads:
            thread.join(timeout=330)
        assert not any(thread.is_alive() for thread in threads), "a reader hangs"
        stderr = err.decode("utf-8", "replace")
        assert writer.returncode == 0, stderr[-3000:]
        assert LOCKED not in stderr
        articles = ingested(stderr)
        # after the ingest: every article through every door
        with open_store(db) as store:
            final = {"store": store.count()}
        if server is not None:
            web = Web(port)
            final["web"] = web.total()
            web.close()
        if mix.cli:
            final["cli"] = cli_total(db)
    finally:
        stop.set()
        if server is not None:
            stop_server(server)
    counted = [q for q in run.queries if q.measure is not None]
    down, behind = went_down(counted), not_monotone(counted)
    late = [q for q in counted if q.measure == TOTAL and q.start > finished and q.count != articles]
    summary = {**report(run, mix, began, finished - began, articles), "final_counts": final,
               "went_down": len(down), "saw_less_than_an_earlier_query": len(behind),
               "after_the_ingest": {"queries": sum(q.measure == TOTAL and q.start > finished for q in counted),
                                    "short": len(late)}}
    print("\nreaders while writing:", json.dumps(summary, ensure_ascii=False))
    if os.environ.get("MARSAD_STRESS_REPORT"):
        Path(os.environ["MARSAD_STRESS_REPORT"]).write_text(json.dumps(summary, indent=2, ensure_ascii=False),
                                                            "utf-8")

    assert run.errors == [], f"{len(run.errors)} reader errors, first: {run.errors[:10]}"
    served = log.read_text("utf-8", "replace") if server is not None else ""
    assert LOCKED not in served and "Traceback" not in served, served[-3000:]
    assert final == {door: articles for door in final}   # every article, through every door
    assert down[:10] == []                               # what a reader saw stays visible to it
    assert behind[:10] == []                             # ... and to every query that starts later
    assert [f"{q.reader} saw {q.count}" for q in late][:10] == []   # the next query after the last commit sees it all
    during = {q.reader for q in run.queries if began < q.start < finished}
    assert len(during) == mix.readers, f"readers idle during the ingest: {mix.readers - len(during)}"
    return articles, summary


# --- the tests -----------------------------------------------------------------------------------
@pytest.mark.slow
def test_readers_see_no_error_and_every_committed_article_while_an_ingest_writes(tmp_path: Path) -> None:
    require_stages()
    write_tree(tmp_path / "news", 400)
    articles, _ = readers_while_ingesting([tmp_path / "news"], tmp_path, Mix(readers=24, cli=2, web=8),
                                          words=["مشروع", "جدة", "الرياض"], timeout=300)
    assert articles == 400


def saudinewsnet_slice(corpus: Path, records: int, to: Path) -> Path:
    """The first `records` articles of SaudiNewsNet (in date order) as one zip, as the corpus ships."""
    items: list[dict[str, Any]] = []
    for day in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(day) as archive:
            for member in sorted(archive.namelist()):
                items += json.loads(archive.read(member))
        if len(items) >= records:
            break
    with zipfile.ZipFile(to, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("saudinewsnet-slice.json", json.dumps(items[:records], ensure_ascii=False))
    return to


@pytest.mark.slow
@pytest.mark.timeout(7200 if STRESS_FULL else 600)
def test_100_readers_while_saudinewsnet_is_ingested(shared_dir: Path, tmp_path: Path) -> None:
    """A slice of SaudiNewsNet in the normal suite; all of it with MARSAD_STRESS_FULL=1 (`make stress`)."""
    corpus = shared_dir / "corpora" / "saudinewsnet"
    if not any(corpus.glob("*.zip")):
        pytest.skip(f"SaudiNewsNet not found at {corpus}")
    require_stages()
    inputs = (sorted(corpus.glob("*.zip")) if STRESS_FULL
              else [saudinewsnet_slice(corpus, SLICE_RECORDS, tmp_path / "slice.zip")])
    articles, _ = readers_while_ingesting(inputs, tmp_path, Mix(readers=100, cli=10, web=30),
                                          words=["السعودية", "وزير", "الرياض", "الامارات", "2015", "مشروع"],
                                          timeout=6600 if STRESS_FULL else 540)
    assert articles > (25_000 if STRESS_FULL else SLICE_RECORDS * 0.9)
