"""Zip archives: every member is read as if it were a file of its own ("a.zip!day1/b.json#3").

Members are visited in name order so runs are repeatable. Each is bounded in size before it is
decompressed (a zip bomb must not take the machine down), and one bad member never hides the
others.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from marsad.ingest.locator import Locator
from marsad.model import RawArticle, Skip

__all__ = ["MAX_DEPTH", "MAX_MEMBER_BYTES", "read_zip"]

MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_DEPTH = 3       # zips inside zips inside zips, and no deeper

ReadBytes = Callable[[bytes, Locator, int], Iterator[RawArticle | Skip]]


def read_zip(source: str | BinaryIO, loc: Locator, read_member: ReadBytes, depth: int = 0,
             ) -> Iterator[RawArticle | Skip]:
    """Dispatch each member's bytes to `read_member(data, member_locator, depth)`."""
    if depth >= MAX_DEPTH:
        yield loc.skip(f"zip nested more than {MAX_DEPTH} deep: not opened")
        return
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        yield loc.skip(f"corrupt zip archive ({exc})")
        return
    with archive:
        members = sorted((info for info in archive.infolist() if not info.is_dir()), key=lambda i: i.filename)
        for info in members:
            name = info.filename
            if any(part.startswith(".") or part == "__MACOSX" for part in name.split("/")):
                continue
            here = loc.member(name)
            if info.file_size > MAX_MEMBER_BYTES:
                yield here.skip(f"{info.file_size / 2**20:.0f} MB uncompressed, over the "
                                f"{MAX_MEMBER_BYTES // 2**20} MB limit for a zip member (zip-bomb guard)")
                continue
            try:
                with archive.open(info) as handle:
                    data = handle.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError,
                    ValueError) as exc:   # CRC errors, encryption, unknown compression
                yield here.skip(f"corrupt or unreadable zip member ({exc})")
                continue
            if len(data) > MAX_MEMBER_BYTES:
                yield here.skip(f"more than {MAX_MEMBER_BYTES // 2**20} MB uncompressed though the zip "
                                "says less (zip-bomb guard)")
                continue
            yield from read_member(data, here, depth + 1)


def open_bytes(data: bytes) -> BinaryIO:
    """A seekable stream over bytes, for readers (zip, WARC) that want a file object."""
    return io.BytesIO(data)
