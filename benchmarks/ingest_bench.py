"""Ingest throughput (articles/s) and peak memory, for read+clean and for the whole ingest.

    python benchmarks/ingest_bench.py                      # saudinewsnet (if present) and examples/
    python benchmarks/ingest_bench.py --limit 2000 --workers 4 PATH...

Each measurement runs in a fresh process so its peak RSS (ru_maxrss of the process itself and of
its largest worker) belongs to that measurement alone. Phases:
  clean   read + clean in the worker pool, nothing stored
  ingest  read + clean + analyze + store into a new SQLite database
  rerun   the same ingest again over that database (everything unchanged: analysis skipped)
The ingest phases also print the database's size on disk and bytes per stored article.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
DEFAULT_CORPORA = {"saudinewsnet": SHARED / "corpora" / "saudinewsnet", "examples": ROOT / "examples"}
PHASES = ("clean", "ingest", "rerun")


def _peak_mb() -> tuple[float, float]:
    """Peak RSS in MiB of this process and of its largest child (Linux reports KiB)."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return round(me, 1), round(kids, 1)


def run_phase(phase: str, path: str, db: str, workers: int, limit: int | None) -> dict:
    """One measurement, in this process."""
    from marsad.ingest import read_paths
    from marsad.model import Skip
    from marsad.runner import ingest_items, process_items
    from marsad.store import open_store

    items = itertools.islice(read_paths([path]), limit)
    start = time.perf_counter()
    if phase == "clean":
        articles = skipped = 0
        for result in process_items(items, workers, with_analysis=False):
            if isinstance(result, Skip):
                skipped += 1
            else:
                articles += 1
        counts = {"articles": articles, "skipped": skipped}
    else:
        with open_store(db) as store:
            done = ingest_items(items, store, workers=workers, label=[path])
        counts = {"articles": done.read, "skipped": len(done.skipped), "ingested": done.ingested,
                  "unchanged": done.unchanged}
    seconds = time.perf_counter() - start
    me, kids = _peak_mb()
    disk = {}
    if phase != "clean":   # the database files once the store is closed (WAL checkpointed)
        size = sum(Path(db + suffix).stat().st_size for suffix in ("", "-wal") if Path(db + suffix).exists())
        with open_store(db) as store:
            stored = store.count()
        disk = {"db_mb": round(size / 1e6, 1), "bytes_per_article": round(size / stored) if stored else None}
    return {"phase": phase, **counts, "seconds": round(seconds, 2),
            "per_second": round(counts["articles"] / seconds, 1) if seconds else None,
            "peak_mb_parent": me, "peak_mb_worker": kids, **disk}


def _measure(phase: str, path: Path, db: str, workers: int, limit: int | None) -> dict:
    command = [sys.executable, __file__, "--phase", phase, "--db", db, "--workers", str(workers), str(path)]
    if limit:
        command += ["--limit", str(limit)]
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        return {"phase": phase, "error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _table(rows: list[dict]) -> str:
    head = ("corpus", "phase", "articles", "skipped", "seconds", "articles/s", "peak MiB parent", "peak MiB worker",
            "db MB", "bytes/article")
    keys = ("corpus", "phase", "articles", "skipped", "seconds", "per_second", "peak_mb_parent", "peak_mb_worker",
            "db_mb", "bytes_per_article")
    lines = [[str(r.get(k, r.get("error", "") if k == "articles" else "")) for k in keys] for r in rows]
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    fmt = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths))
    return "\n".join([fmt(head), fmt(["-" * w for w in widths])] + [fmt(line) for line in lines])


def main(argv: list[str] | None = None) -> list[dict]:
    """Run every phase on every corpus found, print a table, return the rows (for benchmarks/run.py)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="Corpora to measure (default: saudinewsnet and examples/).")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, default=None, help="Stop after this many inputs per corpus.")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="Print the rows as JSON too.")
    parser.add_argument("--keep", metavar="DIR", help="Keep each corpus's database as DIR/NAME.db.")
    args = parser.parse_args(argv)

    if args.phase:   # child: one measurement, one JSON line
        print(json.dumps(run_phase(args.phase, args.paths[0], args.db, args.workers, args.limit)))
        return []

    corpora = {Path(p).name: Path(p) for p in args.paths} or DEFAULT_CORPORA
    rows: list[dict] = []
    for name, path in corpora.items():
        if not path.exists():
            print(f"{name}: not found at {path}, skipped", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
            db = str(Path(args.keep or tmp) / f"{name}.db")
            if args.keep:
                Path(args.keep).mkdir(parents=True, exist_ok=True)
                for suffix in ("", "-wal", "-shm"):
                    Path(db + suffix).unlink(missing_ok=True)
            for phase in PHASES:
                print(f"{name}: {phase}…", file=sys.stderr)
                rows.append({"corpus": name, **_measure(phase, path, db, args.workers, args.limit)})
    print(f"workers={args.workers}  cpus={os.cpu_count()}  python={sys.version.split()[0]}")
    print(_table(rows) if rows else "no corpus found")
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    return rows


if __name__ == "__main__":
    main()
