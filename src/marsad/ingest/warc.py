"""Web archives (WARC, WARC.gz): every HTML response record becomes a page article.

Records are numbered in file order (path#N, N counting every record, so it matches tools like
`warcio index`). Requests, metadata and non-HTML responses are passed over silently; a corrupt or
cut record ends the file with a Skip naming that record, after everything before it was yielded.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from marsad.ingest.encoding import DecodeError, decode
from marsad.ingest.html import declared_charset, page_article
from marsad.ingest.locator import Locator
from marsad.ingest.reasons import reason
from marsad.model import RawArticle, Skip

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO, loc: Locator) -> Iterator[RawArticle | Skip]:
    """Articles from a WARC stream (gzip or not); never raises for a damaged archive."""
    n = 0
    records = iter(ArchiveIterator(stream, arc2warc=True))
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio raises zlib, EOF, ArchiveLoadFailed, Attribute...
            yield _damaged(loc, n + 1, exc)
            return
        n += 1
        try:
            result = _record_article(record, loc.record(n), n)
        except Exception as exc:  # noqa: BLE001 - same: a damaged record must not end the batch
            yield _damaged(loc, n, exc)
            return
        if result is not None:
            yield result
    if n == 0:
        yield loc.skip(reason("warc_no_records"))


def _record_article(record: ArcWarcRecord, here: Locator, n: int) -> RawArticle | Skip | None:
    """The page in one record, a Skip if it cannot be decoded, None if it is not an HTML page."""
    http = record.http_headers
    if record.rec_type != "response" or http is None:
        return None
    ctype = (http.get_header("Content-Type") or "").lower()
    status = http.get_statuscode() or "200"
    if not ctype.startswith(_HTML_TYPES) or not status.startswith("2"):
        return None
    body = record.content_stream().read()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:     # the archive ended inside this record: what we have is a fragment, not the page
        raise EOFError(reason("warc_cut_record", missing=missing))
    hint = ctype.split("charset=", 1)[1].split(";")[0].strip() if "charset=" in ctype else None
    try:
        markup, encoding = decode(body, hint=hint or declared_charset(body))
    except DecodeError as exc:
        return here.skip(reason("warc_record", n=n, reason=exc))
    return page_article(
        markup, here, encoding,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        published=record.rec_headers.get_header("WARC-Date"),
    )


def _damaged(loc: Locator, bad: int, exc: Exception) -> Skip:
    text = " ".join(str(exc).split())
    text = text[:160] + "…" if len(text) > 160 else text
    return loc.record(bad).skip(reason("warc_damaged", n=bad, error=f"{type(exc).__name__}: {text}", before=bad - 1))
