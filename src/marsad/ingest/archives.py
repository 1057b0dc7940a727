"""Zip archives: every member is read as if it were a file of its own ("a.zip!day1/b.json#3").

Members are visited in name order so runs are repeatable. Each is bounded in size before it is
decompressed (a zip bomb must not take the machine down), and one bad member never hides the
others.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from marsad.ingest.locator import Locator
from marsad.ingest.reasons import library_error, reason
from marsad.model import RawArticle, Skip

__all__ = ["MAX_DEPTH", "MAX_MEMBER_BYTES", "read_zip"]

MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_DEPTH = 3       # zips inside zips inside zips, and no deeper

ReadBytes = Callable[[bytes, Locator, int], Iterator[RawArticle | Skip]]


def read_zip(source: str | BinaryIO, loc: Locator, read_member: ReadBytes, depth: int = 0,
             ) -> Iterator[RawArticle | Skip]:
    """Dispatch each member's bytes to `read_member(data, member_locator, depth)`."""
    if depth >= MAX_DEPTH:
        yield loc.skip(reason("zip_too_deep", depth=MAX_DEPTH))
        return
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, struct.error) as exc:
        # NotImplementedError: a directory entry that asks for a zip version Python does not know
        yield loc.skip(reason("corrupt_zip", error=library_error(exc)))
        return
    with archive:
        members = sorted((info for info in archive.infolist() if not info.is_dir()), key=lambda i: i.filename)
        for info in members:
            name = info.filename
            if any(part.startswith(".") or part == "__MACOSX" for part in name.split("/")):
                continue
            here = loc.member(name)
            if info.file_size > MAX_MEMBER_BYTES:
                yield here.skip(reason("zip_member_too_large", size=info.file_size / 2**20,
                                       limit=MAX_MEMBER_BYTES // 2**20))
                continue
            try:
                with archive.open(info) as handle:
                    data = handle.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError,
                    ValueError) as exc:   # CRC errors, encryption, unknown compression
                yield here.skip(reason("zip_member_unreadable", error=library_error(exc)))
                continue
            if len(data) > MAX_MEMBER_BYTES:
                yield here.skip(reason("zip_member_lied", limit=MAX_MEMBER_BYTES // 2**20))
                continue
            yield from read_member(data, here, depth + 1)


def open_bytes(data: bytes) -> BinaryIO:
    """A seekable stream over bytes, for readers (zip, WARC) that want a file object."""
    return io.BytesIO(data)
