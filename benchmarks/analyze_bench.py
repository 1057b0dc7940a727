"""Full analysis throughput: marsad.extract.analyze over SaudiNewsNet articles.

    .venv/bin/python benchmarks/analyze_bench.py [--limit 3000] [--workers 2] [--json]

Single process: the CPU milliseconds per article of each extractor (run one after another in
analyze's order, as analyze does) on a first pass over the articles, the articles/s that makes, a
second pass of analyze() itself with every per-word cache warm, and the peak RSS; then the same articles through a
multiprocessing Pool of `--workers` processes (wall-clock articles/s, and per CPU-second of the
workers). Times are CPU time (time.process_time) wherever one process is measured, so a machine
shared with other jobs moves the figures less; compare runs on the same sample. Issue 4 asks for
>= 300 articles/s on 2 cores. Skips (exit 0) when ../shared/corpora/saudinewsnet is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import zipfile
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpora" / "saudinewsnet"
Item = tuple[str, str | None, str | None]      # (text, published, outlet)


def load(limit: int, corpus: Path = CORPUS) -> list[Item]:
    """The first `limit` non-empty articles, in file order: (content, date_extracted, source)."""
    items: list[Item] = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for a in json.loads(zf.read(name)):
                    if a.get("content"):
                        published = (a.get("date_extracted") or "").replace(" ", "T") or None
                        items.append((a["content"], published, a.get("source")))
        if len(items) >= limit:
            break
    return items[:limit]


def _peak_mb() -> float:
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale, 1)


def _warm() -> None:
    from marsad.extract import analyze

    analyze("قال وزير الخارجية السعودي عادل الجبير لوكالة رويترز إن 25 شخصا قتلوا يوم الاثنين.",
            "2015-07-21T00:00:00", "aawsat")


def per_extractor(items: list[Item]) -> dict[str, float]:
    """CPU ms per article of each extractor, called in analyze's order."""
    from marsad.extract.attribution import find_attributions
    from marsad.extract.dates import find_dates
    from marsad.extract.entities import find_entities
    from marsad.extract.quantities import find_quantities
    from marsad.extract.quotes import find_quotes

    clock = time.process_time
    total = dict.fromkeys(("entities", "attribution", "quotes", "quantities", "dates"), 0.0)
    for text, published, outlet in items:
        t0 = clock()
        entities = find_entities(text)
        t1 = clock()
        find_attributions(text, entities, outlet=outlet)
        t2 = clock()
        find_quotes(text, entities)
        t3 = clock()
        find_quantities(text)
        t4 = clock()
        find_dates(text, published)
        t5 = clock()
        for name, dt in zip(total, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            total[name] += dt
    return {name: round(1000 * t / len(items), 3) for name, t in total.items()}


def single(items: list[Item]) -> dict:
    """Two passes in this process: the first meets every word for the first time (what a fresh
    worker sees), the second runs with every per-word cache filled."""
    from marsad.extract import analyze

    _warm()
    out = {"by_extractor_ms": per_extractor(items)}
    out["first_pass_ms_per_article"] = round(sum(out["by_extractor_ms"].values()), 3)
    start = time.process_time()
    for text, published, outlet in items:
        analyze(text, published, outlet)
    cpu = time.process_time() - start
    out["second_pass_ms_per_article"] = round(1000 * cpu / len(items), 3)
    out["articles_per_s"] = round(1000 / out["first_pass_ms_per_article"], 1)
    out["second_pass_articles_per_s"] = round(len(items) / cpu, 1)
    out["peak_rss_mb"] = _peak_mb()
    return out


def _work(item: Item) -> int:
    from marsad.extract import analyze

    a = analyze(*item)
    return len(a.entities)


def _init() -> None:
    _warm()


def pooled(items: list[Item], workers: int) -> dict:
    """Wall-clock throughput of a Pool (workers warmed before the clock starts)."""
    with Pool(workers, initializer=_init) as pool:
        pool.map(_work, items[:workers], chunksize=1)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        for _ in pool.imap_unordered(_work, items, chunksize=25):
            pass
        wall = time.perf_counter() - start
        pool.close()
        pool.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # children's CPU is only reported once they exit; it includes their warm-up (a few articles)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"workers": workers, "articles_per_s": round(len(items) / wall, 1),
            "articles_per_cpu_s": round(len(items) / cpu, 1) if cpu > 0 else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=3000, help="articles (default 3000)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the pooled run (0: skip)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found (set MARSAD_SHARED)")
        return 0
    items = load(args.limit)
    if not items:
        print(f"skipped: no articles in {CORPUS}")
        return 0
    words = sum(len(t.split()) for t, _, _ in items) / len(items)
    result = {"articles": len(items), "mean_words": round(words), "single": single(items)}
    if args.workers > 0:
        result["pool"] = pooled(items, args.workers)
    if args.json:
        print(json.dumps(result))
        return 0
    s = result["single"]
    print(f"{len(items)} SaudiNewsNet articles, {result['mean_words']} words on average")
    print(f"single process  {s['articles_per_s']:7.1f} articles/s  {s['first_pass_ms_per_article']:.2f} ms/article"
          f" (CPU, first pass)  peak RSS {s['peak_rss_mb']} MiB")
    for name, ms in s["by_extractor_ms"].items():
        print(f"  {name:12s} {ms:7.3f} ms/article")
    print(f"  second pass over the same articles (caches warm): {s['second_pass_articles_per_s']:.1f} articles/s"
          f"  {s['second_pass_ms_per_article']:.2f} ms/article")
    if "pool" in result:
        p = result["pool"]
        print(f"pool of {p['workers']}       {p['articles_per_s']:7.1f} articles/s (wall)"
              f"  {p['articles_per_cpu_s']} articles per worker CPU-second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
