"""Driver side of the Spark runner: list the input files and cut them into read tasks.

Directories are walked exactly as `marsad.ingest.read_paths` walks them (same helper, same order,
hidden entries left out), so the Spark runner sees the same files as the local one. A large file
(a zip of a day's news, a big JSONL) becomes several tasks: each task reads the whole file but
cleans and analyses only every `shares`-th record. Reading is cheap next to analysis, so this
spreads one big file over many cores without shuffling raw text between machines.

Inputs given as URIs (`hdfs://…`, `s3a://…`, `file://…`) are not listed here: the driver cannot
walk them with `os.scandir`, so they are set aside for Spark's own readers (uris.py).
"""
from __future__ import annotations

import math
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from marsad.ingest import iter_files as walk_files  # the very walk read_paths uses
from marsad.ingest import read_paths
from marsad.ingest.reasons import reason
from marsad.model import Skip

__all__ = ["DEFAULT_SPLIT_BYTES", "MAX_SHARES", "Plan", "ReadTask", "is_uri", "missing_reason", "plan_inputs"]

DEFAULT_SPLIT_BYTES = 4 * 2**20   # one task per 4 MiB of (uncompressed) input
MAX_SHARES = 64

# a scheme of two letters or more, so a Windows drive (C:\news) stays a path
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")


@dataclass(frozen=True)
class ReadTask:
    """Read `path` and keep the records whose 0-based position is `share` modulo `shares`."""

    path: str
    share: int = 0
    shares: int = 1


@dataclass
class Plan:
    tasks: list[ReadTask]
    skips: list[Skip]       # inputs that do not exist (read_paths would skip them the same way)
    files: int              # local files only: URI inputs are listed by Spark, as they are read
    uris: list[str] = field(default_factory=list)


def is_uri(given: str | Path) -> bool:
    """True for "hdfs://…", "s3a://…", "file://…": inputs that Spark's readers list and read."""
    return isinstance(given, str) and _URI.match(given) is not None


@cache
def missing_reason() -> str:
    """The words `read_paths` gives an input that is not there, for inputs it cannot look at (URIs):
    every runner then says it the same way, in whatever language the readers speak."""
    with tempfile.TemporaryDirectory() as empty:
        [skip] = read_paths([os.path.join(empty, "missing")])
    return skip.reason


def plan_inputs(paths: Iterable[str | Path], split_bytes: int = DEFAULT_SPLIT_BYTES) -> Plan:
    """Every local file under `paths`, as read tasks (tasks of one file spread apart), and the URIs."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    skips: list[Skip] = []
    uris: list[str] = []
    for given in paths:
        if is_uri(given):
            uris.append(str(given))
            continue
        if str(given) == "-":
            skips.append(Skip("-", reason("spark_stdin")))
            continue
        path = Path(given)
        if path.is_dir():
            files.extend(walk_files(path))
        elif path.exists():
            files.append(path)
        else:
            skips.extend(read_paths([given]))     # not there: the local runner's skip, in its words
    tasks = [ReadTask(str(file), share, shares)
             for file in files
             for shares in [_shares(file, split_bytes)]
             for share in range(shares)]
    # all first shares, then all second shares...: Spark slices the list into contiguous
    # partitions, and the shares of one big file should land in different ones
    tasks.sort(key=lambda t: t.share)
    return Plan(tasks, skips, len(files), uris)


def _shares(path: Path, split_bytes: int) -> int:
    size = _uncompressed_size(path)
    return max(1, min(MAX_SHARES, math.ceil(size / split_bytes))) if split_bytes > 0 else 1


def _uncompressed_size(path: Path) -> int:
    """Bytes the readers will see: a zip's members added up (from its directory), else the file size."""
    try:
        if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                return sum(info.file_size for info in archive.infolist())
        return os.stat(path).st_size
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError):
        return 0    # the reader will report what is wrong with it
