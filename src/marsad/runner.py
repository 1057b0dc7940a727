"""The local runner: read -> clean -> analyze in a process pool, store in batches.

The parent reads (a generator), the workers run the same stage functions the Spark runner maps,
and only the parent writes. Articles whose content hash is already stored are not analysed again,
so re-ingesting a tree is quick and reports everything unchanged. Input is fed to the pool through
a semaphore, so memory stays flat however large the tree.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.model import Article, RawArticle, Skip
from marsad.pool import pooled_map
from marsad.store.base import BATCH_SIZE, Store

__all__ = ["IngestCounts", "ingest", "ingest_items", "process_items", "process_one", "store_results"]

Progress = Callable[[int, "IngestCounts"], None]   # (inputs processed, counts so far)


@dataclass
class IngestCounts:
    ingested: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def read(self) -> int:
        """Articles read and processed (skips excluded)."""
        return self.ingested + self.updated + self.unchanged

    @property
    def seen(self) -> int:
        return self.read + len(self.skipped)

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "updated": self.updated, "unchanged": self.unchanged,
                "skipped": [list(s) for s in self.skipped]}


# --- worker side ---------------------------------------------------------------------------------
_known: dict[str, str] = {}
_with_analysis = True


def _init_worker(known: dict[str, str], with_analysis: bool, pooled: bool = False) -> None:
    global _known, _with_analysis
    _known, _with_analysis = known, with_analysis
    if pooled:   # Ctrl-C is the parent's to handle: it stops the pool and keeps committed batches
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_one(item: RawArticle | Skip) -> Article | Skip | tuple[str, str]:
    """Clean and (unless already stored with this content) analyse one input.

    Returns the Article, the Skip (passed through, or made from an exception: one bad article
    never stops a batch), or ("unchanged", id) when the stored copy is identical.
    """
    if isinstance(item, Skip):
        return item
    from marsad.extract import analyze
    from marsad.ingest.reasons import reason
    from marsad.pipeline import OverLimit, article_deadline, process
    from marsad.store.base import content_hash, prepare

    try:
        with article_deadline():     # cleaning and analysis together, as in pipeline.process
            article = process(item, with_analysis=False)
            if _known.get(article.id) == content_hash(article):
                return ("unchanged", article.id)
            if _with_analysis:
                article.analysis = analyze(article.text, published=article.published, outlet=article.outlet)
        return prepare(article)
    except OverLimit as exc:
        return Skip(item.source, str(exc))
    except Exception as exc:  # noqa: BLE001 - every failure becomes a visible Skip
        return Skip(item.source, reason("failed", error=f"{type(exc).__name__}: {exc}"))


# --- parent side ---------------------------------------------------------------------------------
def _read(paths: Iterable[str | Path]) -> Iterator[RawArticle | Skip]:
    from marsad.ingest import read_paths
    from marsad.ingest.reasons import reason

    try:
        yield from read_paths(paths)
    except Exception as exc:  # noqa: BLE001 - a reader bug must not lose what was read so far
        yield Skip(", ".join(str(p) for p in paths),
                   reason("reading_stopped", error=f"{type(exc).__name__}: {exc}"))


def process_items(items: Iterable[RawArticle | Skip], workers: int, known: dict[str, str] | None = None,
                  with_analysis: bool = True, chunksize: int = 8) -> Iterator[Article | Skip | tuple[str, str]]:
    """`process_one` over `items` in `workers` processes (in this one when workers <= 1), any order."""
    known = known or {}
    yield from pooled_map(process_one, items, workers if workers > 1 else 0, chunksize, initializer=_init_worker,
                          initargs=(known, with_analysis, workers > 1))


def ingest(paths: Iterable[str | Path], store: Store, workers: int | None = None, with_analysis: bool = True,
           progress: Progress | None = None, chunksize: int = 8, batch_size: int = BATCH_SIZE) -> IngestCounts:
    """Read, clean, analyse and store everything under `paths`; returns what happened to each input.

    Idempotent: a second run over the same tree writes nothing and counts every article unchanged.
    Writes are committed every `batch_size` articles, so an interrupted run can simply be re-run.
    """
    paths = [str(p) for p in paths]
    return ingest_items(_read(paths), store, workers=workers, with_analysis=with_analysis, progress=progress,
                        chunksize=chunksize, batch_size=batch_size, label=paths)


def ingest_items(items: Iterable[RawArticle | Skip], store: Store, workers: int | None = None,
                 with_analysis: bool = True, progress: Progress | None = None, chunksize: int = 8,
                 batch_size: int = BATCH_SIZE, label: list[str] | None = None) -> IngestCounts:
    """`ingest` over records already read (a reader's output, stdin, a slice for benchmarks)."""
    known = store.known_hashes(with_analysis=with_analysis)
    results = process_items(items, workers or os.cpu_count() or 1, known, with_analysis, chunksize)
    return store_results(results, store, label or [], progress, batch_size)


def store_results(results: Iterable[Article | Skip | tuple[str, str]], store: Store, label: list[str],
                  progress: Progress | None = None, batch_size: int = BATCH_SIZE) -> IngestCounts:
    """Write processed articles and skips in batches of `batch_size` (("unchanged", id) counts only),
    as one run of the store's run log; what any way in (ingest, a Spark run's output) ends with."""
    counts = IngestCounts()
    run_id = store.start_run(label)
    articles: list[Article] = []
    skips: list[Skip] = []

    def flush() -> None:
        if articles:
            result = store.upsert(articles)
            counts.ingested += result.ingested
            counts.updated += result.updated
            counts.unchanged += result.unchanged
            articles.clear()
        if skips:
            store.record_skips(skips)
            skips.clear()

    processed = 0
    for result in results:
        processed += 1
        if isinstance(result, Article):
            articles.append(result)
        elif isinstance(result, Skip):
            skips.append(result)
            counts.skipped.append((result.source, result.reason))
        else:
            counts.unchanged += 1
        if len(articles) >= batch_size or len(skips) >= batch_size:
            flush()
        if progress is not None:
            progress(processed, counts)
    flush()
    if progress is not None:
        progress(processed, counts)
    store.finish_run(run_id, counts.to_dict())
    return counts
