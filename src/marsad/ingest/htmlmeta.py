"""Article metadata a page declares about itself: Open Graph, <meta>, JSON-LD, <time>, <link>.

Each field is looked up in a fixed order of trust (the page's structured data before its visible
markup) so that the same page always yields the same metadata.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

__all__ = ["PageMeta", "page_meta"]

_TITLE_META = ("og:title", "twitter:title", "dc.title")
_URL_META = ("og:url",)
_OUTLET_META = ("og:site_name", "application-name", "twitter:site")
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publishdate", "dc.date", "dcterms.date", "dc.date.issued", "sailthru.date", "parsely-pub-date")
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "byl")
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                  "opinionnewsarticle", "webpage"}


@dataclass
class PageMeta:
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    headline: str | None = None     # the visible <h1>, to keep it out of the body
    charset: str | None = None


def page_meta(tree: LexborHTMLParser) -> PageMeta:
    """Read metadata from a parsed page; call before the body extractor strips <head>."""
    metas: dict[str, list[str]] = {}
    charset = None
    for node in tree.css("meta"):
        attrs = node.attributes
        if attrs.get("charset"):
            charset = attrs["charset"]
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
        value = (attrs.get("content") or "").strip()
        if key and value:
            metas.setdefault(key, []).append(value)
        if (attrs.get("http-equiv") or "").lower() == "content-type" and "charset=" in value.lower():
            charset = value.lower().split("charset=", 1)[1].split(";")[0].strip()
    ld = _json_ld(tree)

    def first(keys: tuple[str, ...]) -> str | None:
        for key in keys:
            if metas.get(key):
                return metas[key][0]
        return None

    h1 = tree.css_first("h1")
    headline = _clean(h1.text(separator=" ")) if h1 else None
    title_tag = tree.css_first("title")
    title = first(_TITLE_META) or _str(ld.get("headline")) or headline or (
        _clean(title_tag.text()) if title_tag else None)

    canonical = tree.css_first('link[rel="canonical"]')
    url = (canonical.attributes.get("href") if canonical else None) or first(_URL_META) or _ld_url(ld)

    publisher = ld.get("publisher")
    outlet = first(_OUTLET_META) or (_str(publisher.get("name")) if isinstance(publisher, dict) else None)

    time_node = tree.css_first("time[datetime]")
    published = first(_DATE_META) or _str(ld.get("datePublished")) or (
        time_node.attributes.get("datetime") if time_node else None)

    authors = [a for a in (metas.get("author", []) + metas.get("article:author", [])) if not a.startswith("http")]
    if not authors:
        authors = _ld_authors(ld.get("author")) or [a for k in _AUTHOR_META[2:] for a in metas.get(k, [])]
    return PageMeta(title=_clean(title) or None, url=(url or "").strip() or None, outlet=outlet,
                    published=(published or "").strip() or None, authors=_dedupe(authors),
                    headline=headline, charset=charset)


def _json_ld(tree: LexborHTMLParser) -> dict[str, Any]:
    """The first JSON-LD object of an article type (searching @graph and lists); {} if none."""
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds) and (
                        "headline" in item or "datePublished" in item):
                    return item
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
    return {}


def _ld_url(ld: dict[str, Any]) -> str | None:
    page = ld.get("mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    return _str(ld.get("url")) or _str(page)


def _ld_authors(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(a.strip() for a in items if a.strip()))
