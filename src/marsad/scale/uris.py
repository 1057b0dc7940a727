"""Inputs given as URIs (`hdfs://…`, `s3a://…`, `file://…`): listed and fetched by Spark's own readers.

The driver cannot walk a bucket or an HDFS tree with `os.scandir`, and the executors need not
mount it, so `sparkContext.binaryFiles` lists the files (a directory, recursively, or a glob) and
hands each executor the bytes of its files; `worker.read_uri` runs the usual readers on them, with
the URI as the article's `source`.

Each URI is checked on the driver first: `binaryFiles` fails the whole job on a path that does not
exist or a filesystem Spark cannot reach, where the runner's rule is that such an input becomes a
skip with its reason. Two differences from local paths: Hadoop leaves out names that start with
"_" as well as "."; and a file is one record, read whole into memory and not split into shares,
so a file over 2 GB (a big WARC) cannot be read this way.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from marsad.ingest.reasons import reason
from marsad.model import Skip
from marsad.scale.plan import missing_reason
from marsad.scale.worker import Encoder, run_uri_files

__all__ = ["read_uris", "why_unreadable"]

RECURSIVE = "mapreduce.input.fileinputformat.input.dir.recursive"


def read_uris(sc: Any, uris: list[str], with_analysis: bool, encoder: Encoder) -> tuple[Any, list[Skip]]:
    """An RDD of the encoded results of every file under `uris` (None when none is readable), and
    a skip for each URI that is not."""
    skips: list[Skip] = []
    readable: list[str] = []
    for uri in uris:
        reason = why_unreadable(sc, uri)
        if reason is None:
            readable.append(uri)
        else:
            skips.append(Skip(uri, reason))
    if not readable:
        return None, skips
    with _recursive_listing(sc):
        # one RDD per URI: binaryFiles would split a single string on commas inside a name
        files = sc.union([sc.binaryFiles(uri, minPartitions=sc.defaultParallelism * 4) for uri in readable])
    return files.mapPartitions(lambda part: run_uri_files(part, with_analysis, encoder)), skips


def why_unreadable(sc: Any, uri: str) -> str | None:
    """Why `uri` gives no file to read (nothing there, only hidden names, an unknown filesystem), or None."""
    jvm = sc._jvm
    try:
        path = jvm.org.apache.hadoop.fs.Path(uri)
        found = path.getFileSystem(sc._jsc.hadoopConfiguration()).globStatus(path)
    except Exception as exc:  # noqa: BLE001 - a Java error (no FileSystem for the scheme, unknown host…)
        return reason("uri_cannot_list", error=_java_message(exc))
    if found is None:
        return missing_reason()
    if len(found) == 0:
        return reason("uri_no_match")
    if all(status.getPath().getName().startswith(("_", ".")) for status in found):
        return reason("uri_hidden")
    return None


@contextlib.contextmanager
def _recursive_listing(sc: Any) -> Iterator[None]:
    """Let `binaryFiles` walk sub-directories, as `read_paths` does. It copies the Hadoop settings
    when called, so the session's own setting is put back right after."""
    conf = sc._jsc.hadoopConfiguration()
    before = conf.get(RECURSIVE)
    conf.set(RECURSIVE, "true")
    try:
        yield
    finally:
        if before is None:
            conf.unset(RECURSIVE)
        else:
            conf.set(RECURSIVE, before)


def _java_message(exc: Exception) -> str:
    """The first line of a Java exception's message, without the py4j wrapping."""
    java = getattr(exc, "java_exception", None)
    text = java.toString() if java is not None else str(exc)
    return (text.strip().splitlines() or [type(exc).__name__])[0]
