"""Dedup + story grouping over a store: time, peak memory, copy groups and stories.

    python benchmarks/stories_bench.py --db benchmarks/results/saudinewsnet.db [--sample 50]
    python benchmarks/stories_bench.py --db DB_WITH_STORIES --last-day     # one day's incremental update

The database is one `marsad ingest` (or benchmarks/ingest_bench.py) built. Prints the exact-copy
recall against the groups of identical raw bodies in SaudiNewsNet when ../shared is present, and,
with --sample N, N random multi-article stories (titles per outlet) for a hand check of precision.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path

from marsad.store import open_store
from marsad.stories.service import group_store

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "corpora" / "saudinewsnet"


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def identical_body_groups(urls_by_article: dict[str, str]) -> list[set[str]]:
    """Groups (of our article ids) whose raw SaudiNewsNet `content` is byte-identical."""
    by_content: dict[str, set[str]] = defaultdict(set)
    for path in sorted(SNN.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for record in json.loads(archive.read(name)):
                    aid = urls_by_article.get(record.get("url") or "")
                    if aid and (record.get("content") or "").strip():
                        by_content[record["content"]].add(aid)
    return [ids for ids in by_content.values() if len(ids) > 1]


def last_day_update(db: str, workers: int) -> dict:
    """Issue 14's incremental figure: on a copy of a database with stories, take the articles of its
    last day out of their stories (stories left empty are dropped) and time `update_stories`, which
    groups them against the stories still open, as a daily `marsad ingest` would."""
    import shutil
    import sqlite3
    import tempfile

    from marsad.stories.service import update_stories

    work = Path(tempfile.mkdtemp(prefix="marsad-last-day-"))
    copy = work / "m.db"
    try:
        shutil.copyfile(db, copy)
        with open_store(str(copy)) as store:
            if store.story_count() == 0:      # a database ingested without stories: group it all first
                t0 = time.perf_counter()
                update_stories(store, workers=workers)
                print(f"stories of the whole database first: {time.perf_counter() - t0:.1f} s", flush=True)
        with sqlite3.connect(copy) as conn:
            day = conn.execute("SELECT max(substr(published, 1, 10)) FROM articles").fetchone()[0]
            conn.execute("DELETE FROM story_articles WHERE article_id IN "
                         "(SELECT id FROM articles WHERE substr(published, 1, 10) = ?)", (day,))
            conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
        with open_store(str(copy)) as store:
            t0 = time.perf_counter()
            counts = update_stories(store, workers=workers)
            seconds = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"day": day, **counts, "seconds": round(seconds, 1), "peak_rss_mib": round(_peak_mib()),
            "peak_rss_worker_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(ROOT / "benchmarks" / "results" / "saudinewsnet.db"))
    # the parent mostly reads from the store: one feature process more than cores keeps them busy
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1,
                        help="feature processes (1: all in this one; default: cores + 1)")
    parser.add_argument("--sample", type=int, default=0, help="print N random stories for a hand check")
    parser.add_argument("--last-day", action="store_true",
                        help="time adding the database's last day to the stories of the others (a copy; needs stories)")
    args = parser.parse_args(argv)
    if not Path(args.db).exists():
        print(f"stories bench: no database at {args.db} (run benchmarks/ingest_bench.py first); skipped")
        return {}
    if args.last_day:
        result = last_day_update(args.db, min(args.workers, os.cpu_count() or 1))
        print(json.dumps(result, ensure_ascii=False))
        return result
    store = open_store(args.db)
    t0 = time.perf_counter()
    # streamed: read from the store as it goes; features computed in worker processes
    assignment, originals = group_store(store, workers=args.workers)
    t2 = time.perf_counter()
    copies = defaultdict(set)
    for aid, original in originals.items():
        copies[original].add(aid)
    copy_groups = [g for g in copies.values() if len(g) > 1]
    stories = defaultdict(list)
    for aid, sid in assignment.items():
        stories[sid].append(aid)
    multi = [s for s in stories.values() if len(s) > 1]
    result: dict = {
        "articles": len(assignment), "seconds": round(t2 - t0, 1),
        "articles_per_s": round(len(assignment) / max(t2 - t0, 1e-9)), "peak_rss_mib": round(_peak_mib()),
        "peak_rss_worker_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "copy_groups": len(copy_groups), "articles_in_copy_groups": sum(len(g) for g in copy_groups),
        "stories": len(stories), "multi_article_stories": len(multi),
        "largest_story": max((len(s) for s in stories.values()), default=0),
    }
    heads = {a.id: a for a in store.iter_articles()} if (SNN.is_dir() or args.sample) else {}
    if SNN.is_dir():
        by_url = {a.url: a.id for a in heads.values() if a.url}
        gold = identical_body_groups(by_url)
        found = sum(1 for g in gold if len({originals.get(a, a) for a in g}) == 1)
        result["identical_body_groups"] = len(gold)
        result["exact_copy_recall"] = round(found / len(gold), 4) if gold else None
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.sample:
        by_id = heads
        random.seed(2026)
        for members in random.sample(multi, min(args.sample, len(multi))):
            print(f"\n== story of {len(members)} articles")
            for aid in sorted(members, key=lambda i: by_id[i].published or "")[:8]:
                a = by_id[aid]
                print(f"   {a.outlet or '?'} | {(a.published or '')[:16]} | {(a.title or '')[:110]}")
    store.close()
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
