"""Which reader a file needs: by its extension first, by its first bytes when that says nothing.

Sniffing is what makes extensionless files (crawler dumps, `curl -o page`) and mislabelled ones
(.txt that is really a page) work; it looks only at a short head of the bytes.
"""
from __future__ import annotations

import gzip
import io
import re

__all__ = ["FORMATS", "format_by_name", "sniff_format"]

# format -> lower-case name endings, longest first where one ends another (".warc.gz" before ".gz")
FORMATS: dict[str, tuple[str, ...]] = {
    "warc": (".warc.gz", ".warc", ".arc.gz"),
    "zip": (".zip",),
    "json": (".jsonl", ".ndjson", ".json", ".jsonlines"),
    "feed": (".rss", ".atom", ".xml"),
    "html": (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"),
    "text": (".txt", ".text"),
}
_ENDINGS = sorted(((end, fmt) for fmt, ends in FORMATS.items() for end in ends), key=lambda e: -len(e[0]))

_BOM = re.compile(rb"^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)")
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML = re.compile(rb"<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b|<title\b|<div\b|<p\b|<article\b", re.IGNORECASE)


def format_by_name(name: str) -> str | None:
    """The format an extension names, or None (no extension, or one we do not know)."""
    lower = name.lower()
    for end, fmt in _ENDINGS:
        if lower.endswith(end):
            return fmt
    return None


def sniff_format(head: bytes) -> str | None:
    """The format the first bytes of a file look like, or None when they look like nothing known."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "warc" if _gunzip_head(head).startswith(b"WARC/") else None
    if head.startswith(b"WARC/"):
        return "warc"
    text = _ascii_view(head)
    stripped = text.lstrip()
    if stripped[:1] in (b"{", b"["):
        return "json"
    if stripped.startswith(b"<?xml") or _FEED.search(text[:2048]):
        if _FEED.search(text):
            return "feed"
        return "html" if _HTML.search(text) else None
    if _HTML.search(text[:4096]):
        return "html"
    return None


def _gunzip_head(head: bytes) -> bytes:
    try:
        return gzip.GzipFile(fileobj=io.BytesIO(head)).read(16)
    except (OSError, EOFError, gzip.BadGzipFile):
        return b""


def _ascii_view(head: bytes) -> bytes:
    """The head with any BOM dropped and UTF-16 NULs removed, enough to spot markup and brackets."""
    head = _BOM.sub(b"", head)
    if head.count(0) > len(head) // 4:
        head = head.replace(b"\x00", b"")
    return head
