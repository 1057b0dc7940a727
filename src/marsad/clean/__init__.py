"""Cleaning: RawArticle -> Article (line kinds, boilerplate removed, metadata recovered).

Plain-text dumps get every raw line classified (marsad.clean.lines); pages and records, whose text
an extractor already separated into paragraphs, only lose the in-body boilerplate that extractors
keep ("اقرأ أيضاً" blocks, share prompts, credits, teasers). Metadata fields win over what the text
says; the text fills the gaps (title line, dateline, byline, footer credit).
"""
from __future__ import annotations

from marsad.clean.authors import clean_authors
from marsad.clean.ids import article_id
from marsad.clean.lines import BLANK, BODY, BOILERPLATE, TITLE, Classified, classify_lines
from marsad.clean.outlets import resolve_outlet
from marsad.clean.published import parse_published
from marsad.model import Article, Line, RawArticle

__all__ = ["article_id", "classify_lines", "clean", "parse_published"]


def clean(raw: RawArticle) -> Article:
    """Classify lines (text dumps), drop boilerplate, recover title/outlet/published/authors."""
    if raw.kind == "text":
        return _clean_dump(raw)
    return _clean_paragraphs(raw)


def _split(content: str) -> list[str]:
    lines = content.split("\n")
    if lines and lines[-1] == "" and content.endswith("\n"):
        lines.pop()
    return [line.rstrip() for line in lines]


def _clean_dump(raw: RawArticle) -> Article:
    raw_lines = _split(raw.content.replace("\r\n", "\n").replace("\r", "\n"))
    found = classify_lines(raw_lines, find_title=True, title=raw.title)
    kinds = found.kinds
    lines = [Line(n, kind, text) for n, (kind, text) in enumerate(zip(kinds, raw_lines), 1)]
    body = [text for kind, text in zip(kinds, raw_lines) if kind == BODY]
    removed = [text.strip() for kind, text in zip(kinds, raw_lines) if kind == BOILERPLATE]
    title = raw.title or next((text.strip() for kind, text in zip(kinds, raw_lines) if kind == TITLE), None)
    article = _article(raw, "\n\n".join(body), title, found, removed)
    article.lines = lines
    return article


def _clean_paragraphs(raw: RawArticle) -> Article:
    paragraphs = [p for p in _split(raw.content.replace("\r\n", "\n").replace("\r", "\n")) if p.strip()]
    found = classify_lines(paragraphs, find_title=False, title=raw.title, strict_tail=False)
    body: list[str] = []
    removed: list[str] = []
    for kind, text in zip(found.kinds, paragraphs):
        if kind == BODY:
            body.append(text.strip())
        elif kind != BLANK:
            removed.append(text.strip())
    return _article(raw, "\n\n".join(body), raw.title, found, removed)


def _article(raw: RawArticle, text: str, title: str | None, found: Classified, removed: list[str]) -> Article:
    published = parse_published(raw.published) if raw.published else None
    authors = clean_authors(raw.authors) or clean_authors(found.bylines)
    return Article(
        id=article_id(raw),
        source=raw.source,
        text=text,
        url=raw.url,
        outlet=resolve_outlet(raw.outlet, raw.url, reversed(removed), found.named),
        title=title.strip() if title else None,
        authors=authors,
        published=published or found.published,
        lines=None,
        removed=removed,
        content_hash=raw.content_hash,
    )
