"""Web pages: main article text plus the metadata the page declares.

The body comes from `mainblock.extract_body` (chosen over trafilatura and resiliparse on our
annotated pages, see docs/ingest.md); when it finds no prose (a truncated or odd page) the whole
visible text is used rather than losing the page, and only a page with no text at all is skipped.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser

from marsad.ingest.encoding import DecodeError, decode
from marsad.ingest.htmlmeta import page_meta
from marsad.ingest.htmltext import html_to_paragraphs
from marsad.ingest.locator import Locator, make_article
from marsad.ingest.mainblock import extract_body
from marsad.ingest.reasons import reason
from marsad.model import RawArticle, Skip

__all__ = ["declared_charset", "page_article", "read_html"]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def declared_charset(head: bytes) -> str | None:
    """The charset a page's own <meta> declares in its first bytes, if any."""
    match = _CHARSET.search(head[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def read_html(data: bytes, loc: Locator) -> Iterator[RawArticle | Skip]:
    """One RawArticle(kind="html") for a page file, or a Skip saying why not."""
    try:
        markup, encoding = decode(data, hint=declared_charset(data))
    except DecodeError as exc:
        yield loc.skip(str(exc))
        return
    yield page_article(markup, loc, encoding)


def page_article(markup: str, loc: Locator, encoding: str | None,
                 url: str | None = None, published: str | None = None) -> RawArticle | Skip:
    """Extract one page; `url`/`published` (e.g. from a WARC header) fill in what the page lacks."""
    tree = LexborHTMLParser(markup)
    meta = page_meta(tree)
    body = extract_body(tree, headline=meta.headline or meta.title)
    extractor = "mainblock"
    if not body.strip():
        body = html_to_paragraphs(markup)
        extractor = "all-text"
    if not body.strip():
        return loc.skip(reason("page_no_text"))
    return make_article(
        loc, "html", body,
        url=meta.url or url, title=meta.title, outlet=meta.outlet,
        published=meta.published or published, authors=meta.authors, encoding=encoding,
        meta={"extractor": extractor},
    )
