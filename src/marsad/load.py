"""Put a Spark run's output (`python -m marsad.scale.spark … --out DIR`) into a store, without
re-reading the raw files: the articles were cleaned and analysed on the cluster already, and with
`--stories` grouped into stories there too.

Like `marsad ingest`, loading is idempotent (an article already stored with the same content is
counted unchanged and not rewritten) and commits in batches, so an interrupted load is simply
run again. A line that is not Article JSON is skipped with its file and line number.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from marsad.ingest.reasons import reason
from marsad.model import Article, Skip
from marsad.runner import IngestCounts, store_results
from marsad.store.base import BATCH_SIZE, Store, content_hash, prepare

__all__ = ["OutputError", "load_output", "load_stories", "read_output"]

Progress = Callable[[int, IngestCounts], None]


class OutputError(ValueError):
    """The folder is not the output of a Spark run."""


def _parts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("part-*") if p.is_file()) if folder.is_dir() else []


def read_output(out_dir: str | Path) -> Iterator[Article | Skip]:
    """The articles and skips a Spark run wrote under `out_dir`, part file by part file."""
    out = Path(out_dir)
    if not (out / "articles").is_dir():
        raise OutputError(reason("not_spark_output", path=out))
    for part in _parts(out / "articles"):
        with part.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    yield Article.from_json(json.loads(line))
                except (ValueError, TypeError, KeyError, AttributeError) as exc:
                    yield Skip(f"{part}:{number}", reason("bad_output_line", error=f"{type(exc).__name__}: {exc}"))
    for part in _parts(out / "skips"):
        with part.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    item = json.loads(line)
                    yield Skip(item["source"], item["reason"])


def load_output(out_dir: str | Path, store: Store, progress: Progress | None = None,
                batch_size: int = BATCH_SIZE) -> IngestCounts:
    """Store every article and skip of a Spark run; returns what happened to each, as ingest does."""
    known = store.known_hashes()

    def result(item: Article | Skip) -> Article | Skip | tuple[str, str]:
        if isinstance(item, Skip):
            return item
        return ("unchanged", item.id) if known.get(item.id) == content_hash(item) else prepare(item)

    return store_results(map(result, read_output(out_dir)), store, [str(out_dir)], progress, batch_size)


def load_stories(out_dir: str | Path, store: Store) -> int | None:
    """Store the stories a Spark run grouped (`--stories`), after its articles; None when the run
    made none (then `update_stories` groups the loaded articles here, as after an ingest)."""
    if not (Path(out_dir) / "stories").is_dir():
        return None
    from marsad.scale.stories import save_story_output

    return save_story_output(out_dir, store)
