"""Worker side of the Spark runner: the local stage functions over one partition of read tasks.

Nothing here re-implements a stage: reading is `marsad.ingest.read_paths`, cleaning and analysis
are `marsad.pipeline.process`. Records leave the worker as ("article" | "skip", JSON line), the
same Article JSON that `marsad extract --jsonl` prints.
"""
from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator

from marsad.model import Article, RawArticle, Skip
from marsad.pipeline import process_item
from marsad.scale.plan import ReadTask

__all__ = ["ARTICLE", "SKIP", "encode", "process_item", "read_task", "run_tasks"]

ARTICLE, SKIP = "article", "skip"


def run_tasks(tasks: Iterable[ReadTask], cwd: str, with_analysis: bool) -> Iterator[tuple[str, str]]:
    """mapPartitions body: read, clean and (optionally) analyse every task of the partition."""
    with _working_dir(cwd):
        for task in tasks:
            for item in read_task(task):
                yield encode(process_item(item, with_analysis))


def read_task(task: ReadTask) -> Iterator[RawArticle | Skip]:
    """This task's share of what `read_paths` yields for its file (every item when shares == 1)."""
    from marsad.ingest import read_paths

    position = 0
    try:
        for item in read_paths([task.path]):
            if position % task.shares == task.share:
                yield item
            position += 1
    except Exception as exc:  # noqa: BLE001 - a reader bug must not lose the rest of the batch
        if task.share == 0:   # every share hits it; report it once
            yield Skip(task.path, f"reading stopped: {type(exc).__name__}: {exc}")


def encode(result: Article | Skip) -> tuple[str, str]:
    if isinstance(result, Skip):
        return SKIP, json.dumps({"source": result.source, "reason": result.reason}, ensure_ascii=False)
    return ARTICLE, json.dumps(result.to_json(), ensure_ascii=False)


@contextlib.contextmanager
def _working_dir(cwd: str) -> Iterator[None]:
    """Run in the driver's working directory, so relative paths (and `source`) mean what they did there.

    On a cluster that only works when every worker mounts the inputs at the same path; if the
    directory is missing the tasks still run and each unreadable file is skipped with its reason.
    """
    before = os.getcwd()
    moved = False
    if cwd and cwd != before and os.path.isdir(cwd):
        os.chdir(cwd)
        moved = True
    try:
        yield
    finally:
        if moved:
            os.chdir(before)
