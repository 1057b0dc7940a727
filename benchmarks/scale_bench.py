"""What marsad does at 100k (or 1M) articles, on this machine, on SQLite and on PostgreSQL.

    python benchmarks/scale_bench.py --articles 100000                 # SQLite only
    python benchmarks/scale_bench.py --articles 100000 --pg auto       # + a private PostgreSQL server
    python benchmarks/scale_bench.py --articles 100000 --pg postgresql://user@host:5432 --web

The corpus is synthetic (benchmarks/synth.py, deterministic by seed) and is written once under
`--work` (/tmp/scale by default); every database lives there too, and a phase whose result is
already there is not redone (`--redo` forces it), so a long run can be resumed. Phases, each in a
process of its own so that its peak memory is its own:

  synth    write the corpus (JSON Lines part files)
  ingest   `marsad ingest --no-stories` into SQLite: articles/s, database size, peak memory
  stories  story grouping (`update_stories`) on that database: seconds, peak memory, counts
  search   300 Zipf-drawn queries (synth.zipf_queries), one at a time, twice: p50/p95/max
  pg       with --pg: the SQLite articles exported (`marsad export`, analysis included) and put
           into PostgreSQL with `marsad load` (no second analysis), then stories and search there
  web      with --web: web_load.py against each database, 50 clients, half of the requests on
           story pages, half on search (HTML and JSON)

Figures are printed as a table and written to WORK/scale-N.json. The machine is shared: note the
load average printed with them.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import synth  # a sibling script, not a package
from web_load import latency_summary  # a sibling script too

PG_BIN = Path(os.environ.get("MARSAD_PG_BIN", shutil.which("initdb") or "/usr/local/bin/initdb")).parent


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def peak_mb() -> float:
    """Peak RSS of this process or of the largest child it waited for, in MiB (Linux: KiB)."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(me, kids) / 1024, 1)


def db_size_mb(target: str) -> float:
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            return round(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6, 1)
    return round(sum(Path(target + s).stat().st_size for s in ("", "-wal") if Path(target + s).exists()) / 1e6, 1)


# --- phases that run in a child process -------------------------------------------------------
def child_ingest(corpus: str, target: str, workers: int) -> dict:
    from marsad.ingest import read_paths
    from marsad.runner import ingest_items
    from marsad.store import open_store

    started = time.perf_counter()
    with open_store(target) as store:
        done = ingest_items(read_paths([corpus]), store, workers=workers, label=[corpus])
    seconds = time.perf_counter() - started
    return {"articles": done.ingested + done.unchanged, "skipped": len(done.skipped), "seconds": round(seconds, 1),
            "per_second": round(done.read / seconds, 1), "peak_mb": peak_mb(), "db_mb": db_size_mb(target)}


def child_load(folder: str, target: str) -> dict:
    from marsad.load import load_output
    from marsad.store import open_store

    started = time.perf_counter()
    with open_store(target) as store:
        done = load_output(folder, store)
    seconds = time.perf_counter() - started
    return {"articles": done.ingested + done.unchanged, "seconds": round(seconds, 1),
            "per_second": round(done.read / seconds, 1), "peak_mb": peak_mb(), "db_mb": db_size_mb(target)}


def child_stories(target: str, workers: int, truth: str | None = None) -> dict:
    from marsad.store import open_store
    from marsad.stories.service import update_stories

    started = time.perf_counter()
    with open_store(target) as store:
        counts = update_stories(store, workers=workers)
        seconds, peak = round(time.perf_counter() - started, 1), peak_mb()
        row = store.conn.execute("SELECT COUNT(*), MAX(n_articles) FROM stories WHERE n_articles > 1").fetchone()
        multi = list(row.values()) if isinstance(row, dict) else list(row)   # PostgreSQL rows are dicts
        ari = planted_ari(store, truth) if truth and Path(truth).exists() else None
    return {**counts, "seconds": seconds, "peak_mb": peak, "stories_2plus": multi[0], "largest": multi[1],
            "ari_planted": ari, "db_mb": db_size_mb(target)}


def planted_ari(store: object, truth: str) -> float:
    """Adjusted Rand index of the stored stories against the events synth.py planted (by URL)."""
    event = {r["url"]: r["event"] for r in map(json.loads, Path(truth).read_text("utf-8").splitlines())}
    rows = store.conn.execute(  # type: ignore[attr-defined]
        "SELECT sa.story_id, a.url FROM story_articles sa JOIN articles a ON a.id = sa.article_id").fetchall()
    pairs = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in rows]
    both = Counter((sid, event[url]) for sid, url in pairs)
    ours, planted = Counter(sid for sid, _ in pairs), Counter(event[url] for _, url in pairs)
    same = lambda counts: sum(n * (n - 1) // 2 for n in counts.values())
    expected = same(ours) * same(planted) / (len(pairs) * (len(pairs) - 1) // 2)
    best = (same(ours) + same(planted)) / 2
    return round((same(both) - expected) / (best - expected), 3)


def child_search(target: str, n: int, seed: int, limit: int) -> dict:
    """`n` Zipf-drawn queries one after another, then the same again (the OS and database caches
    warm): milliseconds per search with its snippets, as the web app asks for them."""
    from marsad.store import QueryError, open_store

    queries = synth.zipf_queries(n, seed)
    passes: list[list[float]] = [[], []]
    hits = 0
    with open_store(target) as store:
        store.tune_for_reading()
        articles = store.count()
        for times in passes:
            for q in queries:
                t0 = time.perf_counter()
                try:
                    hits += bool(store.search(q, limit=limit))
                except QueryError:
                    continue
                times.append(1000 * (time.perf_counter() - t0))

    return {"articles": articles, "queries": n, "with_hits": hits // 2, "first": latency_summary(passes[0]),
            "again": latency_summary(passes[1])}


CHILDREN = {"ingest": child_ingest, "load": child_load, "stories": child_stories, "search": child_search}


def in_child(name: str, *args: object, timeout: float = 6 * 3600, nice: int = 5) -> dict:
    """Run CHILDREN[name](*args) in a fresh, niced process; its JSON result."""
    command = ["nice", "-n", str(nice), sys.executable, __file__, "--child", name, json.dumps(args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- PostgreSQL ---------------------------------------------------------------------------------
def start_postgres(folder: Path) -> str:
    """A private server under `folder` on 127.0.0.1 (as tests/store/conftest.py starts one); its URL.
    fsync is off: that speeds up loading, not searching."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    data = folder / "data"
    folder.mkdir(parents=True, exist_ok=True)
    if prefix:
        shutil.chown(folder, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    if not data.exists():
        subprocess.run(prefix + [str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                                 "--locale=C.UTF-8"], check=True, capture_output=True, timeout=300)
    subprocess.run(prefix + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
                             (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                              "-c shared_buffers=1GB -c work_mem=32MB"), "start"],
                   check=True, capture_output=True, timeout=300)
    return f"postgresql://postgres@127.0.0.1:{port}"


def stop_postgres(folder: Path) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + [str(PG_BIN / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "stop"],
                   check=False, capture_output=True, timeout=300)


def pg_database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def export_articles(sqlite_db: str, folder: Path) -> dict:
    """The stored articles, analysis included, as the JSON lines `marsad load` reads."""
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with (folder / "articles" / "part-00000").open("w", encoding="utf-8") as out:
        subprocess.run(["nice", "-n", "5", str(Path(sys.executable).parent / "marsad"), "export", "--db", sqlite_db],
                       stdout=out, check=True, cwd=ROOT)
    return {"seconds": round(time.perf_counter() - started, 1),
            "mb": round((folder / "articles" / "part-00000").stat().st_size / 1e6, 1)}


# --- the run ------------------------------------------------------------------------------------
def web_check(target: str, queries_file: Path, seconds: float, clients: int, workers: int) -> dict:
    command = [sys.executable, str(BENCH / "web_load.py"), "--db", target, "--queries", str(queries_file),
               "--story-share", "0.5", "--clients", str(clients), "--seconds", str(seconds),
               "--workers", str(workers), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds * 10 + 300, check=False, cwd=ROOT)
    if done.returncode != 0:
        return {"error": done.stderr[-1500:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def remember(results: dict, path: Path, key: str, value: dict) -> dict:
    value = {**value, "load_average": load_average(), "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    results[key] = value
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(f"{key}: {json.dumps(value, ensure_ascii=False)}", flush=True)
    return value


def run(args: argparse.Namespace) -> dict:
    n = args.articles
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    tag = f"{n // 1000}k" if n < 1_000_000 else f"{n / 1e6:g}m"
    corpus = work / f"synth-{tag}"
    sqlite_db = str(work / f"sqlite-{tag}.db")
    out = work / f"scale-{tag}.json"
    results: dict = json.loads(out.read_text("utf-8")) if out.exists() and not args.redo else {}
    todo = lambda key: (args.redo or key not in results) and (not args.only or key.split(":")[0] in args.only)
    print(f"scale bench: {n} articles, work folder {work}, load average {load_average()}", flush=True)

    if todo("synth") and not (corpus / "synth.json").exists():
        t0 = time.perf_counter()
        counts = synth.write_corpus(corpus, n, args.seed, args.per_day)
        remember(results, out, "synth", {**counts, "seconds": round(time.perf_counter() - t0, 1)})
    if todo("ingest:sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(sqlite_db + suffix).unlink(missing_ok=True)
        remember(results, out, "ingest:sqlite", in_child("ingest", str(corpus / "articles"), sqlite_db, args.workers))
    if todo("stories:sqlite"):
        remember(results, out, "stories:sqlite", in_child("stories", sqlite_db, args.workers,
                                                          str(corpus / "truth.jsonl")))
    if todo("search:sqlite"):
        remember(results, out, "search:sqlite", in_child("search", sqlite_db, args.queries, args.seed, args.limit))

    targets = {"sqlite": sqlite_db}
    pg_folder = work / "pg"
    started_pg = False
    try:
        if args.pg:
            server = args.pg
            if server == "auto":
                server, started_pg = start_postgres(pg_folder), True
            pg = pg_database(server, f"marsad_{tag}")
            targets["postgres"] = pg
            if todo("load:postgres"):
                folder = work / f"export-{tag}"
                exported = export_articles(sqlite_db, folder)
                loaded = in_child("load", str(folder), pg)
                shutil.rmtree(folder, ignore_errors=True)
                remember(results, out, "load:postgres", {**loaded, "export": exported})
            if todo("stories:postgres"):
                remember(results, out, "stories:postgres", in_child("stories", pg, args.workers,
                                                                    str(corpus / "truth.jsonl")))
            if todo("search:postgres"):
                remember(results, out, "search:postgres", in_child("search", pg, args.queries, args.seed, args.limit))
        if args.web:
            queries_file = work / f"queries-{tag}.txt"
            ranked = list(dict.fromkeys(synth.zipf_queries(5000, args.seed)))   # in order of first draw ≈ rank
            queries_file.write_text("\n".join(ranked), "utf-8")
            for name, target in targets.items():
                if todo(f"web:{name}"):
                    remember(results, out, f"web:{name}",
                             web_check(target, queries_file, args.seconds, args.clients, args.server_workers))
    finally:
        if started_pg and not args.keep_pg:
            stop_postgres(pg_folder)
    summary(results)
    return results


def summary(results: dict) -> None:
    def get(key: str, *path: str) -> object:
        value: object = results.get(key, {})
        for p in path:
            value = value.get(p) if isinstance(value, dict) else None
        return "—" if value is None else value

    print("\n| backend | articles | fill articles/s | DB MB | stories s | stories peak MB | search p50/p95 ms "
          "(first pass) | again | web p95 ms search / story |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, fill in (("sqlite", "ingest:sqlite"), ("postgres", "load:postgres")):
        if fill not in results and f"search:{name}" not in results:
            continue
        print(f"| {name} | {get(f'search:{name}', 'articles')} | {get(fill, 'per_second')} | "
              f"{get(f'stories:{name}', 'db_mb')} | {get(f'stories:{name}', 'seconds')} | "
              f"{get(f'stories:{name}', 'peak_mb')} | {get(f'search:{name}', 'first', 'p50_ms')} / "
              f"{get(f'search:{name}', 'first', 'p95_ms')} | {get(f'search:{name}', 'again', 'p50_ms')} / "
              f"{get(f'search:{name}', 'again', 'p95_ms')} | {get(f'web:{name}', 'search_p95_ms')} / "
              f"{get(f'web:{name}', 'story_p95_ms')} |")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--work", default="/tmp/scale")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for ingest and grouping")
    parser.add_argument("--pg", metavar="URL|auto", help="also PostgreSQL: a server URL, or auto to start one in WORK/pg")
    parser.add_argument("--keep-pg", action="store_true", help="leave the auto-started server running")
    parser.add_argument("--web", action="store_true", help="also the 50-client web load check on each database")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--limit", type=int, default=20, help="hits per search (a result page)")
    parser.add_argument("--only", nargs="*", help="phases to run: synth ingest stories search load web")
    parser.add_argument("--redo", action="store_true", help="measure again what WORK/scale-N.json already holds")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, raw = args.child
        print(json.dumps(CHILDREN[name](*json.loads(raw))))
        return {}
    return run(args)


if __name__ == "__main__":
    main()
