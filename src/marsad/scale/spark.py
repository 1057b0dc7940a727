"""The Spark runner: read -> clean -> analyze over Apache Spark, with the local stage functions.

    python -m marsad.scale.spark INPUT... --out DIR [--format json|parquet] [--master local[*]]
                                 [--no-analysis] [--copies] [--stories [--slice-days N] [--passes N]]

An INPUT is a local file or directory, or a URI Spark can read (hdfs://…, s3a://…, file://…).
The driver lists the local files (plan.py) and Spark lists the URIs (uris.py); the workers run
`marsad.ingest` and `marsad.pipeline.process` on them (worker.py) and write under DIR:

    articles/part-*    Article JSON, one per line (what `marsad extract --jsonl` prints)
    skips/part-*       {"source", "reason"}, one per line, for every input that was not read
    counts.json        files, read tasks, articles, skipped, seconds
    copies/            with --copies: groups.jsonl, near_pairs.jsonl, counts.json (copies.py)
    stories/part-*     with --stories: one stored story row per line (stories.py)
    story_articles/part-*   {story_id, article_id, original_id, position} per grouped article
    story_links/part-*      {story_id, other_id, kind, score}: a story's related stories

With `--format parquet`, the same results as Parquet tables instead (tables.py): articles/,
lines/, entities/, quotes/, quantities/, dates/, attributions/, skips/, and with --copies the
copies/ (original, member) and near_pairs/ tables, with --stories the stories/,
story_articles/ and story_links/ tables; counts.json as above.

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
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.model import Article, Skip
from marsad.scale.plan import DEFAULT_SPLIT_BYTES, Plan, plan_inputs
from marsad.scale.stories import SliceSettings
from marsad.scale.tables import table_rows, write_copy_tables, write_tables
from marsad.scale.uris import read_uris
from marsad.scale.worker import ARTICLE, FILES, SKIP, Encoder, encode, json_records, run_tasks

if TYPE_CHECKING:
    from marsad.scale.copies import CopyCounts
    from marsad.scale.stories import StoryCounts

__all__ = ["FORMATS", "SparkCounts", "main", "run", "session"]

FORMATS = ("json", "parquet")
STORY_INPUT = "story_input"     # Article JSON kept beside the Parquet rows when stories are grouped

_INSTALL = "the Spark runner needs pyspark and Java 17+: pip install 'marsad[spark]'"


@dataclass
class SparkCounts:
    files: int = 0
    tasks: int = 0
    articles: int = 0
    skipped: int = 0
    seconds: float = 0.0
    copies: dict[str, Any] | None = field(default=None)
    stories: dict[str, Any] | None = field(default=None)

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
        split_bytes: int = DEFAULT_SPLIT_BYTES, fmt: str = "json", stories: bool = False,
        slices: SliceSettings | None = None) -> SparkCounts:
    """Read, clean and (unless `analysis` is false) analyse everything under `paths` into `out_dir`.

    `paths`: local files and directories, or URIs Spark reads itself (hdfs://, s3a://, file://).
    `spark`: an existing SparkSession (then `master` is ignored and the session is left running);
    `master=None`: the one spark-submit was given.
    `out_dir`: a local path, or on a cluster a shared filesystem that the driver and every
    executor mount at the same path (the driver writes counts.json, executors the part files).
    `copies`: also compute copy groups (exact + MinHash) over the articles written.
    `stories`: also group the articles into stories (stories.py; copies are found for it even
    without `copies`, but only written with it); `slices` says how time is cut for that.
    `fmt`: "json" (Article JSON lines) or "parquet" (one table per record type, tables.py).
    `out_dir` must not exist yet unless `overwrite`; every input ends up in articles/ or skips/.
    """
    from pyspark import StorageLevel

    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}")
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
        encoder: Encoder = json_records
        if fmt == "parquet":
            encoder = tables_and_json if stories else table_rows
        results = _results(spark.sparkContext, plan, analysis, encoder)
        results = results.persist(StorageLevel.MEMORY_AND_DISK)   # analysed once, written several times
        try:
            if fmt == "parquet":
                write_tables(spark, results, _uri(out))
            else:
                _write_json(results, out)
            kinds = results.keys().countByValue()
            from_uris = kinds.get(FILES, 0)     # a file read from a URI is one read task
            counts = SparkCounts(files=plan.files + from_uris, tasks=len(plan.tasks) + from_uris,
                                 articles=kinds.get(ARTICLE, 0), skipped=kinds.get(SKIP, 0))
            found = _copies(spark, out, fmt, write=copies) if copies or stories else None
            if copies and found is not None:
                counts.copies = found.to_dict()
            if stories and found is not None:
                counts.stories = _stories(spark, results, found, out, fmt, slices).to_dict()
        finally:
            results.unpersist()
    finally:
        if own:
            spark.stop()
    counts.seconds = round(time.perf_counter() - start, 2)
    (out / "counts.json").write_text(json.dumps(counts.to_dict(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return counts


def _results(sc: Any, plan: Plan, with_analysis: bool, encoder: Encoder) -> Any:
    """One RDD of the encoded results of every input: local read tasks, URI files, and the skips
    found while listing."""
    slices = max(1, min(len(plan.tasks), max(sc.defaultParallelism * 4, math.ceil(len(plan.tasks) / 200))))
    cwd = os.getcwd()
    results = sc.parallelize(plan.tasks, slices).mapPartitions(
        lambda tasks: run_tasks(tasks, cwd, with_analysis, encoder))
    skips: list[Skip] = list(plan.skips)
    if plan.uris:
        from_uris, unreadable = read_uris(sc, plan.uris, with_analysis, encoder)
        skips.extend(unreadable)
        if from_uris is not None:
            results = results.union(from_uris)
    if skips:
        results = results.union(sc.parallelize([record for skip in skips for record in encoder(skip)], 1))
    return results


def _write_json(results: Any, out: Path) -> None:
    """articles/ and skips/ as JSON lines, from the (kind, line) pairs of `results`."""
    results.filter(lambda r: r[0] == ARTICLE).values().saveAsTextFile(_uri(out / "articles"))
    results.filter(lambda r: r[0] == SKIP).values().coalesce(1).saveAsTextFile(_uri(out / "skips"))


def tables_and_json(result: Article | Skip) -> Iterator[tuple[str, Any]]:
    """The Parquet encoder plus each article's JSON line, which story grouping reads."""
    yield from table_rows(result)
    if isinstance(result, Article):
        yield STORY_INPUT, encode(result)[1]


def _copies(spark: Any, out: Path, fmt: str, write: bool = True) -> CopyCounts:
    """Copy groups of the articles just written, saved in the run's format when `write`; returns them."""
    from marsad.scale.copies import group_copies

    if fmt == "parquet":
        found = group_copies(spark, _uri(out / ARTICLE), fmt="parquet")
        if write:
            write_copy_tables(spark, found, _uri(out))
        return found
    return group_copies(spark, _uri(out / ARTICLE), str(out / "copies") if write else None)


def _stories(spark: Any, results: Any, found: CopyCounts, out: Path, fmt: str,
             slices: SliceSettings | None) -> StoryCounts:
    """Stories of the articles of `results` (still cached), written in the run's format."""
    from marsad.scale.stories import group_stories

    kind = STORY_INPUT if fmt == "parquet" else ARTICLE
    lines = results.filter(lambda r: r[0] == kind).values()
    originals = {member: group.original for group in found.groups for member in group.members}
    return group_stories(spark, lines, originals, _uri(out), slices, fmt)


def _uri(path: Path) -> str:
    """A file: URI as Hadoop reads it (not percent-encoded), so a cluster's default HDFS is not assumed."""
    return "file://" + str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.scale.spark",
                                     description="read -> clean -> analyze on Apache Spark, "
                                                 "to JSON lines or Parquet tables")
    parser.add_argument("paths", nargs="+", metavar="INPUT",
                        help="files or directories (on a filesystem every worker mounts), or URIs "
                             "Spark reads itself: hdfs://…, s3a://…, file://… (a directory or a glob)")
    parser.add_argument("--out", required=True, help="output directory (must not exist, unless --overwrite)")
    parser.add_argument("--master", default=None,
                        help="Spark master (default: spark-submit's, or local[*] under plain python)")
    parser.add_argument("--format", choices=FORMATS, default="json", dest="fmt",
                        help="json: Article JSON lines (default); parquet: one table per record type")
    parser.add_argument("--no-analysis", action="store_true", help="read and clean only")
    parser.add_argument("--copies", action="store_true", help="also compute copy groups (exact + MinHash)")
    parser.add_argument("--stories", action="store_true",
                        help="also group the articles into stories (the local grouping, over slices of time)")
    parser.add_argument("--slice-days", type=int, default=SliceSettings.slice_days,
                        help="days of publication each story task keeps (default %(default)s)")
    parser.add_argument("--warmup-days", type=int, default=None,
                        help="days before its slice a story task re-reads to rebuild open stories "
                             "(default: max_span_days + window_days of the grouping, 10)")
    parser.add_argument("--passes", type=int, default=SliceSettings.passes,
                        help="story replays; each one after the first starts every slice from the stories "
                             "the one before found, and the k-th settles the k-th slice (default %(default)s)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing output directory")
    parser.add_argument("--split-mb", type=float, default=DEFAULT_SPLIT_BYTES / 2**20,
                        help="spread a local file over one task per this many MiB of input (0: one task "
                             "per file; a file read from a URI is always one task)")
    args = parser.parse_args(argv)
    try:
        counts = run(args.paths, args.out, master=args.master, analysis=not args.no_analysis,
                     copies=args.copies, overwrite=args.overwrite, split_bytes=int(args.split_mb * 2**20),
                     fmt=args.fmt, stories=args.stories,
                     slices=SliceSettings(slice_days=args.slice_days, warmup_days=args.warmup_days,
                                         passes=args.passes))
    except (FileExistsError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(counts.to_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
