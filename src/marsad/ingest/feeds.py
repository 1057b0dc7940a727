"""RSS 2.0 and Atom feeds: each item or entry is one article (lxml with recover=True).

Feeds from news sites are often not well-formed (bare '&', cut downloads); lxml's recovering parser
keeps every item it can and we say so only when nothing at all could be read.
"""
from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from marsad.ingest.encoding import DecodeError, decode
from marsad.ingest.htmltext import html_to_paragraphs, looks_like_html
from marsad.ingest.locator import Locator, make_article
from marsad.ingest.reasons import reason
from marsad.model import RawArticle, Skip

__all__ = ["read_feed"]

# (field, local tag names in order of preference); namespaces are ignored
_ITEM_FIELDS = {
    "title": ("title",),
    "url": ("link", "guid", "id"),
    "published": ("pubDate", "published", "date", "issued", "updated", "modified"),
    "authors": ("creator", "author"),
    "content": ("encoded", "content", "description", "summary"),
}


def read_feed(data: bytes, loc: Locator) -> Iterator[RawArticle | Skip]:
    """Every item of an RSS/Atom feed as RawArticle(kind="record"), numbered path#N."""
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        yield loc.skip(str(exc))
        return
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        # the XML declaration's encoding no longer applies to decoded text; lxml refuses str with one
        root = etree.fromstring(_drop_declaration(text).encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        yield loc.skip(reason("feed_unreadable", error=exc))
        return
    if root is None:
        yield loc.skip(reason("feed_no_elements"))
        return
    channel = _channel_title(root)
    items = [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ("item", "entry")]
    if not items:
        yield loc.skip(reason("feed_no_items"))
        return
    for n, item in enumerate(items, 1):
        yield _item_article(item, loc.record(n), n, encoding, channel)


def _drop_declaration(text: str) -> str:
    text = text.lstrip("\ufeff")
    if text.startswith("<?xml"):
        end = text.find("?>")
        if end != -1:
            return text[end + 2:]
    return text


def _channel_title(root: etree._Element) -> str | None:
    for el in root:
        if isinstance(el.tag, str) and etree.QName(el).localname == "channel":
            root = el
            break
    for el in root:
        if isinstance(el.tag, str) and etree.QName(el).localname == "title":
            return " ".join("".join(el.itertext()).split()) or None
    return None


def _item_article(item: etree._Element, loc: Locator, n: int, encoding: str, channel: str | None,
                  ) -> RawArticle | Skip:
    children: dict[str, list[etree._Element]] = {}
    for el in item:
        if isinstance(el.tag, str):
            children.setdefault(etree.QName(el).localname, []).append(el)

    def first(field: str) -> str | None:
        for name in _ITEM_FIELDS[field]:
            for el in children.get(name, []):
                value = _value(el, name)
                if value:
                    return value
        return None

    body = first("content")
    if not body:
        return loc.skip(reason("feed_item_no_text", n=n))
    if looks_like_html(body):
        body = html_to_paragraphs(body)
    if not body.strip():
        return loc.skip(reason("feed_item_empty", n=n))
    title = first("title")
    authors = [_value(el, name) for name in _ITEM_FIELDS["authors"] for el in children.get(name, [])]
    return make_article(
        loc, "record", body.strip(),
        url=first("url"), title=" ".join(html_to_paragraphs(title).split()) if title else None,
        outlet=channel, published=first("published"),
        authors=list(dict.fromkeys(a for a in authors if a)), encoding=encoding,
    )


def _value(el: etree._Element, name: str) -> str:
    if name == "link" and el.get("href") is not None:     # Atom: <link rel="alternate" href="..."/>
        return el.get("href", "") if el.get("rel", "alternate") == "alternate" else ""
    if name == "author":                                   # Atom: <author><name>..</name></author>
        for sub in el:
            if isinstance(sub.tag, str) and etree.QName(sub).localname == "name":
                return (sub.text or "").strip()
    return "".join(el.itertext()).strip()
