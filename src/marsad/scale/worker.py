"""Worker side of the Spark runner: the local stage functions over one partition of inputs.

Nothing here re-implements a stage: reading is `marsad.ingest.read_paths` (local files) or
`marsad.ingest.read_bytes` (the bytes of a file Spark fetched from a URI), cleaning and analysis
are `marsad.pipeline.process`. Each result leaves the worker through an `Encoder` as
(kind, record) pairs: by default ("articles" | "skips", JSON line), the same Article JSON that
`marsad extract --jsonl` prints; for Parquet, one row per table the result fills (tables.py).
"""
from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.ingest.locator import Locator
from marsad.ingest.reasons import reason
from marsad.model import Article, RawArticle, Skip
from marsad.pipeline import process_item
from marsad.scale.plan import ReadTask

__all__ = ["ARTICLE", "FILES", "SKIP", "Encoder", "encode", "json_records", "process_item", "read_task",
           "read_uri", "run_tasks", "run_uri_files", "shown_uri"]

ARTICLE, SKIP = "articles", "skips"
FILES = "files"     # one (FILES, uri) marker per file read from a URI: Spark lists those, not the driver

Encoder = Callable[[Article | Skip], Iterable[tuple[str, Any]]]


def encode(result: Article | Skip) -> tuple[str, str]:
    if isinstance(result, Skip):
        return SKIP, json.dumps({"source": result.source, "reason": result.reason}, ensure_ascii=False)
    return ARTICLE, json.dumps(result.to_json(), ensure_ascii=False)


def json_records(result: Article | Skip) -> Iterator[tuple[str, str]]:
    """The JSON-lines encoder: one (kind, line) per result."""
    yield encode(result)


def run_tasks(tasks: Iterable[ReadTask], cwd: str, with_analysis: bool,
              encoder: Encoder = json_records) -> Iterator[tuple[str, Any]]:
    """mapPartitions body: read, clean and (optionally) analyse every task of the partition."""
    with _working_dir(cwd):
        for task in tasks:
            for item in read_task(task):
                yield from encoder(process_item(item, with_analysis))


def run_uri_files(files: Iterable[tuple[str, bytes]], with_analysis: bool,
                  encoder: Encoder = json_records) -> Iterator[tuple[str, Any]]:
    """mapPartitions body for URI inputs: the (path, bytes) pairs of `binaryFiles`, each read as a file."""
    for path, data in files:
        uri = shown_uri(path)
        yield FILES, uri
        for item in read_uri(uri, data):
            yield from encoder(process_item(item, with_analysis))


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
            yield Skip(task.path, reason("reading_stopped", error=f"{type(exc).__name__}: {exc}"))


def read_uri(uri: str, data: bytes) -> Iterator[RawArticle | Skip]:
    """What `read_paths` yields for the file at `uri`, read from its bytes; sources name the URI."""
    from marsad.ingest import read_bytes

    loc = Locator(uri, _identity(uri), uri.rsplit("/", 1)[-1])
    try:
        yield from read_bytes(data, loc)
    except Exception as exc:  # noqa: BLE001 - a reader bug must not lose the rest of the batch
        yield Skip(uri, reason("reading_stopped", error=f"{type(exc).__name__}: {exc}"))


def shown_uri(path: str) -> str:
    """Hadoop writes local files as "file:/x/y"; show them as the "file:///x/y" a user types."""
    if path.startswith("file:/") and not path.startswith("file://"):
        return "file://" + path[len("file:"):]
    return path


def _identity(uri: str) -> str:
    """Where the file is, for article ids: a file: URI is the local file (the same ids as its plain
    path gives), any other URI is its own location."""
    if uri.startswith("file://"):
        return str(Path(uri[len("file://"):]).resolve())
    return uri


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
