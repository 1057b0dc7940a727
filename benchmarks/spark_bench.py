"""Spark runner throughput (articles/s) on the SaudiNewsNet zips, beside the local runner on the same files.

    python benchmarks/spark_bench.py                       # all zips, local[2], with analysis
    python benchmarks/spark_bench.py --files 3 --master 'local[4]' --no-local --copies
    python benchmarks/spark_bench.py /tmp/scale/synth-100k/articles   # a synthetic corpus (synth.py)

Skips cleanly (exit 0, a message) when the corpus or Spark/Java is absent. Figures:
  session   seconds to start the JVM and the SparkSession (paid once per job, not per article)
  spark     run(): read + clean + analyze + write JSONL; articles/s leaves out the copy-group
            step, whose own seconds are in the JSON line (copies.seconds) with --copies
  local     the local process pool (marsad.runner.process_items) with as many workers as the
            master has cores, nothing stored: the baseline Spark has to match on one machine
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpora" / "saudinewsnet"


def _cores(master: str) -> int:
    found = re.fullmatch(r"local\[(\d+|\*)\]", master)
    if not found:
        return os.cpu_count() or 1
    if found.group(1) == "*":
        return os.cpu_count() or 1
    return int(found.group(1))


def bench_spark(files: list[Path], master: str, analysis: bool, copies: bool) -> dict:
    from marsad.scale.spark import run, session

    start = time.perf_counter()
    spark = session(master, app_name="marsad-bench")
    started = time.perf_counter() - start
    out = Path(tempfile.mkdtemp(prefix="marsad-spark-bench-")) / "out"
    try:
        counts = run([str(f) for f in files], out, spark=spark, analysis=analysis, copies=copies)
    finally:
        spark.stop()
        shutil.rmtree(out.parent, ignore_errors=True)
    row = {"runner": f"spark {master}", "session_s": round(started, 1), **counts.to_dict()}
    seconds = counts.seconds - (counts.copies or {}).get("seconds", 0)   # read -> clean -> analyze -> write
    row["per_second"] = round(counts.articles / seconds, 1) if seconds else None
    return row


def bench_local(files: list[Path], workers: int, analysis: bool) -> dict:
    from marsad.ingest import read_paths
    from marsad.model import Skip
    from marsad.runner import process_items

    start = time.perf_counter()
    articles = skipped = 0
    for result in process_items(read_paths(files), workers, with_analysis=analysis):
        if isinstance(result, Skip):
            skipped += 1
        else:
            articles += 1
    seconds = time.perf_counter() - start
    return {"runner": f"local pool x{workers}", "articles": articles, "skipped": skipped,
            "seconds": round(seconds, 2), "per_second": round(articles / seconds, 1) if seconds else None}


def _inputs_in(folder: Path) -> list[Path]:
    """A folder's zips (SaudiNewsNet), or else its JSON lines parts (a `benchmarks/synth.py` corpus)."""
    return sorted(folder.glob("*.zip")) or sorted(folder.glob("*.jsonl"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help=f"zips or folders (default {CORPUS})")
    parser.add_argument("--files", type=int, default=None, help="only the first N files (name order)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--no-analysis", action="store_true", help="read + clean only")
    parser.add_argument("--copies", action="store_true", help="also time copy groups (exact + MinHash)")
    parser.add_argument("--no-local", action="store_true", help="skip the local-pool baseline")
    args = parser.parse_args(argv)

    paths = args.paths or [CORPUS]
    files = sorted(f for p in paths for f in ([p] if p.is_file() else _inputs_in(p)) if f.exists())
    if not files:
        print(f"skipped: no input found at {', '.join(map(str, paths))} (SaudiNewsNet zips expected)")
        return 0
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("skipped: pyspark is not installed (pip install 'marsad[spark]')")
        return 0
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        print("skipped: Java is not installed (Spark needs JDK 17+)")
        return 0
    files = files[:args.files] if args.files else files
    analysis = not args.no_analysis
    rows = [bench_spark(files, args.master, analysis, args.copies)]
    if not args.no_local:
        rows.append(bench_local(files, _cores(args.master), analysis))
    print(f"{len(files)} files, analysis={'on' if analysis else 'off'}, {os.cpu_count()} CPUs on this machine")
    print(f"{'runner':<22}{'articles':>10}{'skipped':>9}{'seconds':>9}{'articles/s':>12}{'session s':>11}")
    for row in rows:
        print(f"{row['runner']:<22}{row['articles']:>10}{row['skipped']:>9}{row['seconds']:>9}"
              f"{row['per_second'] or '-':>12}{row.get('session_s', '-'):>11}")
    print(json.dumps(rows, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
