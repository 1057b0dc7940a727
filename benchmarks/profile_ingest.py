"""Where ingest time goes: cProfile over read → clean → analyse → store → stories, in one process.

    python benchmarks/profile_ingest.py                  # 1,500 SaudiNewsNet articles (../shared)
    python benchmarks/profile_ingest.py --limit 500 PATH --top 40

One process, so every stage is in the profile (worker processes would hide the analysis). The
profiler roughly doubles the time; read the shares, not the seconds. docs/performance.md keeps
the last run's top entries.
"""
from __future__ import annotations

import argparse
import cProfile
import itertools
import os
import pstats
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
DEFAULT = SHARED / "corpora" / "saudinewsnet" / "2015-07-21.zip"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    if not Path(args.path).exists():
        print(f"{args.path} not found: skipped")
        return
    from marsad.ingest import read_paths
    from marsad.runner import ingest_items
    from marsad.store import open_store
    from marsad.stories.service import update_stories

    items = list(itertools.islice(read_paths([args.path]), args.limit))
    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="marsad-profile-") as tmp:
        started = time.perf_counter()
        profile.enable()
        with open_store(Path(tmp) / "profile.db") as store:
            done = ingest_items(iter(items), store, workers=1, label=[args.path])
            update_stories(store, workers=1)
        profile.disable()
        seconds = time.perf_counter() - started
    print(f"{done.read} articles in {seconds:.1f} s under the profiler ({done.read / seconds:.0f} articles/s)")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
