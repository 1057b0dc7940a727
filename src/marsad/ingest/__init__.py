"""Readers: files, directories and archives -> RawArticle records (or Skip with a reason).

Public entry point: `read_paths(paths)`. One module per format; `detect.py` picks the reader and
`encoding.py` decodes bytes. Readers only read and decode: cleaning is marsad.clean's job.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.ingest.archives import open_bytes, read_zip
from marsad.ingest.detect import format_by_name, sniff_format
from marsad.ingest.encoding import looks_binary
from marsad.ingest.feeds import read_feed
from marsad.ingest.html import read_html
from marsad.ingest.locator import Locator
from marsad.ingest.reasons import os_error, reason
from marsad.ingest.records import read_json
from marsad.ingest.text import read_text
from marsad.ingest.warc import read_warc
from marsad.model import RawArticle, Skip

__all__ = ["iter_files", "read_bytes", "read_paths"]

_SNIFF_BYTES = 4096
_BYTE_READERS = {"text": read_text, "html": read_html, "json": read_json, "feed": read_feed}


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawArticle | Skip]:
    """Yield every article found under `paths` (files, directories walked recursively, zips).

    Never raises for a bad input file: yields Skip(source, reason) instead and goes on. Directories
    are walked in name order, hidden files and folders are left out; "-" reads standard input.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for given in paths:
        if str(given) == "-":
            yield from read_bytes(sys.stdin.buffer.read(), Locator("-", "<stdin>", ""))
            continue
        path = Path(given)
        if path.is_dir():
            for file in iter_files(path):
                yield from _read_file(file)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield Skip(str(given), reason("missing_path"))


def read_bytes(data: bytes, loc: Locator, depth: int = 0) -> Iterator[RawArticle | Skip]:
    """Read one file's bytes (a file, a zip member, stdin) with the reader its name or content calls for."""
    fmt = _choose(loc.name, data[:_SNIFF_BYTES])
    if isinstance(fmt, Skip):
        yield Skip(loc.shown, fmt.reason)
    elif fmt == "zip":
        yield from read_zip(open_bytes(data), loc, read_bytes, depth)
    elif fmt == "warc":
        yield from read_warc(open_bytes(data), loc)
    else:
        yield from _BYTE_READERS[fmt](data, loc)


def _read_file(path: Path) -> Iterator[RawArticle | Skip]:
    loc = Locator.for_path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
        fmt = _choose(path.name, head)
        if isinstance(fmt, Skip):
            yield Skip(loc.shown, fmt.reason)
        elif fmt == "zip":
            yield from read_zip(str(path), loc, read_bytes)
        elif fmt == "warc":
            with path.open("rb") as stream:          # streamed: WARCs are often gigabytes
                yield from read_warc(stream, loc)
        else:
            yield from _BYTE_READERS[fmt](path.read_bytes(), loc)
    except OSError as exc:
        yield loc.skip(reason("unreadable_file", error=os_error(exc)))


def _choose(name: str, head: bytes) -> str | Skip:
    """The reader for a file: its extension if it has a known one, else what its first bytes look like."""
    if not head.strip(b" \t\r\n"):
        return Skip(name, reason("empty_file"))
    fmt = format_by_name(name)
    if fmt is not None:
        return fmt
    suffix = Path(name).suffix
    if suffix and not suffix[1:].isdigit():
        return Skip(name, reason("unsupported_type", suffix=suffix))
    sniffed = sniff_format(head)
    if sniffed is not None:
        return sniffed
    if looks_binary(head):
        return Skip(name, reason("binary_file"))
    return "text"


def iter_files(root: Path) -> Iterator[Path]:
    """Files under `root` in name order, depth first, without hidden entries or symlinked folders."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from iter_files(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)
