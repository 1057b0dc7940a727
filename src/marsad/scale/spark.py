"""The Spark runner: read -> clean -> analyze over Apache Spark, with the local stage functions.

    python -m marsad.scale.spark PATH... --out DIR [--master local[*]] [--no-analysis] [--copies]

The driver lists the files (plan.py), Spark runs `marsad.ingest.read_paths` and
`marsad.pipeline.process` on the workers (worker.py), and writes under DIR:

    articles/part-*    Article JSON, one per line (what `marsad extract --jsonl` prints)
    skips/part-*       {"source", "reason"}, one per line, for every input that was not read
    counts.json        files, read tasks, articles, skipped, seconds
    copies/            with --copies: groups.jsonl, near_pairs.jsonl, counts.json (copies.py)

The same code runs on a laptop (local[*]) or a cluster (--master yarn / spark://...): only the
master changes. docs/scale.md says how to ship the package to workers and what does not scale yet.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from marsad.scale.plan import DEFAULT_SPLIT_BYTES, plan_inputs
from marsad.scale.worker import ARTICLE, SKIP, encode, run_tasks

__all__ = ["SparkCounts", "main", "run", "session"]

_INSTALL = "the Spark runner needs pyspark and Java 17+: pip install 'marsad[spark]'"


@dataclass
class SparkCounts:
    files: int = 0
    tasks: int = 0
    articles: int = 0
    skipped: int = 0
    seconds: float = 0.0
    copies: dict[str, Any] | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def session(master: str | None = "local[*]", app_name: str = "marsad", conf: dict[str, str] | None = None) -> Any:
    """A SparkSession; with a local master, sized for a small machine and bound to localhost only.

    `master=None` takes the master spark-submit was given (local[*] when run with plain python),
    and then leaves spark-submit's settings alone. Settings in `conf` always win. The driver
    memory only applies when this call starts the JVM.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise RuntimeError(_INSTALL) from exc
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:   # not launched by spark-submit
        master = "local[*]"
    local = master is not None and master.startswith("local")
    settings: dict[str, str] = {}
    if local:
        # the Python workers must import the same marsad (and its dependencies) as this process
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        settings = {
            "spark.driver.memory": "2g",
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": "8",
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.pyspark.python": sys.executable,
        }
    settings.update(conf or {})
    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run(paths: Iterable[str | Path], out_dir: str | Path, master: str | None = "local[*]",
        analysis: bool = True, *, spark: Any = None, copies: bool = False, overwrite: bool = False,
        split_bytes: int = DEFAULT_SPLIT_BYTES) -> SparkCounts:
    """Read, clean and (unless `analysis` is false) analyse everything under `paths` into `out_dir`.

    `spark`: an existing SparkSession (then `master` is ignored and the session is left running);
    `master=None`: the one spark-submit was given.
    `out_dir`: a local path, or on a cluster a shared filesystem that the driver and every
    executor mount at the same path (the driver writes counts.json, executors the part files).
    `copies`: also compute copy groups (exact + MinHash) over the articles written.
    `out_dir` must not exist yet unless `overwrite`; every input ends up in articles/ or skips/.
    """
    from pyspark import StorageLevel

    start = time.perf_counter()
    out = Path(out_dir).absolute()
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{out} is not empty: choose a new --out or pass overwrite=True (--overwrite)")
        shutil.rmtree(out)
    plan = plan_inputs(paths, split_bytes)
    own = spark is None
    spark = spark or session(master)
    try:
        sc = spark.sparkContext
        counts = SparkCounts(files=plan.files, tasks=len(plan.tasks))
        slices = max(1, min(len(plan.tasks), max(sc.defaultParallelism * 4, math.ceil(len(plan.tasks) / 200))))
        cwd, with_analysis = os.getcwd(), analysis
        results = sc.parallelize(plan.tasks, slices).mapPartitions(
            lambda tasks: run_tasks(tasks, cwd, with_analysis))
        if plan.skips:
            results = results.union(sc.parallelize([encode(s) for s in plan.skips], 1))
        results = results.persist(StorageLevel.MEMORY_AND_DISK)   # analysed once, written twice
        try:
            results.filter(lambda r: r[0] == ARTICLE).values().saveAsTextFile(_uri(out / "articles"))
            results.filter(lambda r: r[0] == SKIP).values().coalesce(1).saveAsTextFile(_uri(out / "skips"))
            kinds = results.keys().countByValue()
        finally:
            results.unpersist()
        counts.articles, counts.skipped = kinds.get(ARTICLE, 0), kinds.get(SKIP, 0)
        if copies:
            from marsad.scale.copies import group_copies

            counts.copies = group_copies(spark, _uri(out / "articles"), str(out / "copies")).to_dict()
    finally:
        if own:
            spark.stop()
    counts.seconds = round(time.perf_counter() - start, 2)
    (out / "counts.json").write_text(json.dumps(counts.to_dict(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return counts


def _uri(path: Path) -> str:
    """A file: URI as Hadoop reads it (not percent-encoded), so a cluster's default HDFS is not assumed."""
    return "file://" + str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.scale.spark",
                                     description="read -> clean -> analyze on Apache Spark, to JSON lines")
    parser.add_argument("paths", nargs="+", help="files or directories (on a filesystem every worker mounts)")
    parser.add_argument("--out", required=True, help="output directory (must not exist, unless --overwrite)")
    parser.add_argument("--master", default=None,
                        help="Spark master (default: spark-submit's, or local[*] under plain python)")
    parser.add_argument("--no-analysis", action="store_true", help="read and clean only")
    parser.add_argument("--copies", action="store_true", help="also compute copy groups (exact + MinHash)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing output directory")
    parser.add_argument("--split-mb", type=float, default=DEFAULT_SPLIT_BYTES / 2**20,
                        help="spread a file over one task per this many MiB of input (0: one task per file)")
    args = parser.parse_args(argv)
    try:
        counts = run(args.paths, args.out, master=args.master, analysis=not args.no_analysis,
                     copies=args.copies, overwrite=args.overwrite, split_bytes=int(args.split_mb * 2**20))
    except (FileExistsError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(counts.to_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
