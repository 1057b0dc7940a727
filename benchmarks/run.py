"""`make bench`: every benchmark in turn, each printing articles/s (or requests/s) and peak memory.

    python benchmarks/run.py            # all of them; SaudiNewsNet parts skip when ../shared is absent
    python benchmarks/run.py ingest stories

Parts: ingest (read+clean, full ingest, re-run; keeps benchmarks/results/*.db), analyze (per
extractor), stories (dedup + grouping on the SaudiNewsNet database the ingest part kept),
stories-day (on a copy of it: its last day added to the stories of the others), entities (the
entity stage alone, cold and warm, with hashes of its output), web (loopback load while an ingest
runs), spark (the Spark runner, local[2]).
"""
from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def _load(name: str):
    path = HERE / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # so that worker processes can unpickle its functions
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


PARTS = {
    "ingest": ("ingest_bench", ["--keep", str(RESULTS)]),
    "analyze": ("analyze_bench", []),
    "stories": ("stories_bench", ["--db", str(RESULTS / "saudinewsnet.db")]),
    "stories-day": ("stories_bench", ["--db", str(RESULTS / "saudinewsnet.db"), "--last-day"]),
    "entities": ("entity_speed", []),
    "web": ("web_load", []),
    "spark": ("spark_bench", []),
}


def main(argv: list[str]) -> None:
    chosen = argv or list(PARTS)
    for part in chosen:
        module_name, args = PARTS[part]
        module = _load(module_name)
        print(f"\n=== {part} ({module_name}.py) ===", flush=True)
        if module is None or not hasattr(module, "main"):
            print(f"{module_name}.py not found: skipped")
            continue
        started = time.perf_counter()
        module.main(args)
        print(f"--- {part} took {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
