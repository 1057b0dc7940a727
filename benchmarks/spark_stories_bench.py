"""Stories on Spark against the local grouping: adjusted Rand index, story counts, time and memory.

    python benchmarks/spark_stories_bench.py                        # all SaudiNewsNet zips, local[2]
    python benchmarks/spark_stories_bench.py --files 7 --slice-days 3
    python benchmarks/spark_stories_bench.py --reuse /tmp/out       # stories only, over a run's output

The Spark run (`run(..., stories=True)`: read, clean, analyse, copies, stories) writes its output;
the local grouping (`marsad.stories.service.group`, one process) then runs on the articles of
that output read back with `Article.from_json`, one record per id as the Spark run keeps them,
so both group the very same analysed articles. Figures printed as one JSON object:

  local / spark   stories, stories of 2+ articles, largest, seconds (spark: the stories step
                  alone and the whole run), peak memory
  ari             adjusted Rand index of the two partitions (sklearn's adjusted_rand_score)
  same_stories    share of local stories whose member set Spark gives exactly
  moved           articles whose story differs (by member set) between the two
  links           links between related stories: local, Spark, and those both give exactly

Peak memory: for the local grouping, the peak RSS of the process that runs it; for Spark, the
largest sum of RSS over the driver, the JVM and the Python workers, sampled every half second.
Skips cleanly (exit 0, a message) when the corpus or Spark/Java is absent.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Self

from marsad.scale.stories import SliceSettings

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpora" / "saudinewsnet"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# --- memory -----------------------------------------------------------------------------------------

def _tree_rss(root: int) -> int:
    """Bytes resident in `root` and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * PAGE
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree)


class PeakSampler:
    """The largest resident size of this process tree, sampled in a thread while it runs."""

    def __init__(self, every: float = 0.5) -> None:
        self.every, self.peak = every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            self._stop.wait(self.every)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


# --- the two groupings ------------------------------------------------------------------------------

def _article_lines(out: Path) -> Iterator[str]:
    for part in sorted((out / "articles").glob("part-*")):
        with part.open(encoding="utf-8") as handle:
            yield from (line for line in handle if line.strip())


def local_grouping(out: str) -> dict:
    """`group()` over the articles of a run's output (one per id, as the Spark grouping keeps them),
    in a fresh process: {"assignment", "links", "seconds", "peak_mib", "articles"}."""
    from marsad.model import Article
    from marsad.scale.stories import keyed_line
    from marsad.stories.service import _Grouping, grouping_input

    kept: dict[str, tuple] = {}
    for line in _article_lines(Path(out)):
        for aid, value in keyed_line(line):
            kept[aid] = min(kept.get(aid, value), value)
    articles = [Article.from_json(json.loads(line)) for _, line in kept.values()]
    del kept
    start = time.perf_counter()
    grouping = _Grouping(None)              # what `group()` runs, kept for its links between stories
    for article in articles:
        if article.text.strip():
            grouping.add(grouping_input(article))
    assignment, _ = grouping.result()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    links = sorted((sid, other, kind, score) for sid, found in grouping.index.links.items()
                   for other, (kind, score) in found.items())
    return {"assignment": assignment, "links": links, "seconds": round(seconds, 1), "peak_mib": round(peak),
            "articles": len(articles)}


def spark_grouping(files: list[Path], out: Path, master: str, settings: SliceSettings, reuse: bool) -> dict:
    """The Spark run with stories (or, with `reuse`, the stories step over an existing output)."""
    from marsad.scale.spark import _uri, run, session
    from marsad.scale.stories import group_stories

    with PeakSampler() as memory:
        spark = session(master, app_name="marsad-stories-bench")
        try:
            start = time.perf_counter()
            if reuse:
                from marsad.scale.copies import group_copies

                for table in ("stories", "story_articles", "story_links"):
                    shutil.rmtree(out / table, ignore_errors=True)
                found = group_copies(spark, _uri(out / "articles"))
                originals = {m: g.original for g in found.groups for m in g.members}
                lines = spark.sparkContext.textFile(_uri(out / "articles"))
                stories = group_stories(spark, lines, originals, _uri(out), settings).to_dict()
                counts = {"stories": stories}
            else:
                counts = run([str(f) for f in files], out, spark=spark, stories=True, slices=settings).to_dict()
            total = time.perf_counter() - start
        finally:
            spark.stop()
    def rows(table: str) -> list[dict]:
        return [json.loads(line) for part in sorted((out / table).glob("part-*"))
                for line in part.read_text("utf-8").splitlines() if line.strip()]

    links = [(r["story_id"], r["other_id"], r["kind"], r["score"]) for r in rows("story_links")]
    return {"assignment": {m["article_id"]: m["story_id"] for m in rows("story_articles")}, "links": links,
            "counts": counts, "seconds": round(total, 1), "peak_mib": round(memory.peak / 2**20)}


# --- comparison -------------------------------------------------------------------------------------

def partition_stats(assignment: dict[str, str]) -> dict:
    sizes: dict[str, int] = {}
    for sid in assignment.values():
        sizes[sid] = sizes.get(sid, 0) + 1
    return {"stories": len(sizes), "multi": sum(1 for n in sizes.values() if n > 1),
            "largest": max(sizes.values(), default=0)}


def compare(local: dict[str, str], spark: dict[str, str]) -> dict:
    """ARI and exact story agreement of two {article: story} partitions of the same articles."""
    from sklearn.metrics import adjusted_rand_score

    ids = sorted(local.keys() & spark.keys())
    ari = adjusted_rand_score([local[i] for i in ids], [spark[i] for i in ids])

    def member_sets(assignment: dict[str, str]) -> dict[str, frozenset[str]]:
        groups: dict[str, set[str]] = {}
        for aid in ids:
            groups.setdefault(assignment[aid], set()).add(aid)
        return {aid: frozenset(groups[assignment[aid]]) for aid in ids}

    mine, theirs = member_sets(local), member_sets(spark)
    stories = set(mine.values())
    return {"ari": round(ari, 4), "articles": len(ids),
            "only_local": len(local.keys() - spark.keys()), "only_spark": len(spark.keys() - local.keys()),
            "same_stories": round(len(stories & set(theirs.values())) / max(1, len(stories)), 4),
            "moved": sum(1 for aid in ids if mine[aid] != theirs[aid]),
            "same_ids": sum(1 for aid in ids if local[aid] == spark[aid])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help=f"zips or folders (default {CORPUS})")
    parser.add_argument("--files", type=int, default=None, help="only the first N files (name order)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--slice-days", type=int, default=7)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None, help="keep the Spark output here (default: a temp dir)")
    parser.add_argument("--reuse", type=Path, default=None,
                        help="the output of an earlier run: group its articles only (no reading, no analysis)")
    args = parser.parse_args(argv)
    try:
        import pyspark  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError as exc:
        print(f"spark stories bench: {exc.name} is not installed (pip install -e '.[dev]'); skipped")
        return 0
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        print("spark stories bench: Java is not installed; skipped")
        return 0
    files = sorted(args.paths or CORPUS.glob("*.zip"))[:args.files]
    if not args.reuse and not files:
        print(f"spark stories bench: no input (corpus expected at {CORPUS}); skipped")
        return 0
    temp = None
    out = args.reuse or args.out
    if out is None:
        temp = Path(tempfile.mkdtemp(prefix="marsad-stories-bench-"))
        out = temp / "out"
    try:
        settings = SliceSettings(slice_days=args.slice_days, passes=args.passes)
        spark = spark_grouping(files, out, args.master, settings, reuse=args.reuse is not None)
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            local = pool.apply(local_grouping, (str(out),))
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    row = {
        "inputs": "reused " + str(args.reuse) if args.reuse else [f.name for f in files],
        "master": args.master, "slice_days": args.slice_days, "passes": args.passes,
        "local": {**partition_stats(local["assignment"]), "seconds": local["seconds"],
                  "peak_mib": local["peak_mib"], "articles": local["articles"]},
        "spark": {**partition_stats(spark["assignment"]), "stories_seconds": spark["counts"]["stories"]["seconds"],
                  "run_seconds": spark["seconds"], "peak_mib": spark["peak_mib"], "counts": spark["counts"]},
        **compare(local["assignment"], spark["assignment"]),
        "links": {"local": len(local["links"]), "spark": len(spark["links"]),
                  "same": len(set(local["links"]) & set(spark["links"]))},
    }
    print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
