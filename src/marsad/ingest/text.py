"""Plain-text dumps: one article per file, lines kept exactly as they are.

Cleaning needs every raw line (titles, bylines, footers) to classify them, so nothing is trimmed
or joined here; only the decoding happens.
"""
from __future__ import annotations

from collections.abc import Iterator

from marsad.ingest.encoding import DecodeError, decode
from marsad.ingest.locator import Locator, make_article
from marsad.ingest.reasons import reason
from marsad.model import RawArticle, Skip

__all__ = ["read_text"]


def read_text(data: bytes, loc: Locator) -> Iterator[RawArticle | Skip]:
    """One RawArticle(kind="text") for the whole file, or a Skip saying why it is not text."""
    try:
        content, encoding = decode(data)
    except DecodeError as exc:
        yield loc.skip(str(exc))
        return
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    if not content.strip():
        yield loc.skip(reason("empty_file"))
        return
    yield make_article(loc, "text", content, encoding=encoding)
