"""Where an article came from, and how to build its RawArticle from that.

Every reader gets a `Locator` instead of a path so that the same code names a file on disk
("day1.json#3"), a zip member ("a.zip!day1.json#3") or a WARC record ("crawl.warc.gz#12"), both
as the user wrote it (`shown`, for messages and `source`) and resolved (`absolute`, for `identity`).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.model import RawArticle, Skip

__all__ = ["Locator", "make_article"]


@dataclass(frozen=True, slots=True)
class Locator:
    shown: str
    absolute: str
    name: str = ""      # the file or member name, for choosing a reader by extension

    @classmethod
    def for_path(cls, path: Path) -> Locator:
        return cls(str(path), str(path.resolve()), path.name)

    def member(self, name: str) -> Locator:
        """A member of this archive: 'a.zip!dir/b.json'."""
        return Locator(f"{self.shown}!{name}", f"{self.absolute}!{name}", name.rsplit("/", 1)[-1])

    def record(self, n: int) -> Locator:
        """The n-th (1-based) record of this file: 'b.jsonl#17'."""
        return Locator(f"{self.shown}#{n}", f"{self.absolute}#{n}", self.name)

    def skip(self, reason: str) -> Skip:
        return Skip(self.shown, reason)


def make_article(
    loc: Locator,
    kind: str,
    content: str,
    *,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    authors: list[str] | None = None,
    encoding: str | None = None,
    meta: dict[str, Any] | None = None,
) -> RawArticle:
    """A RawArticle whose identity and content hash are derived the same way by every reader.

    The hash covers the body and the metadata a user would notice changing (title, url, outlet,
    date, authors), so an edited file re-ingests while an untouched one stays identical.
    """
    url = url.strip() if url and url.strip() else None
    authors = authors or []
    signed = "\x1e".join((kind, content, url or "", title or "", outlet or "", published or "", "\x1f".join(authors)))
    digest = hashlib.sha256(signed.encode("utf-8", "surrogatepass"))
    return RawArticle(
        source=loc.shown,
        kind=kind,
        content=content,
        identity=url or loc.absolute,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        authors=authors,
        encoding=encoding,
        content_hash=digest.hexdigest(),
        meta=meta or {},
    )
