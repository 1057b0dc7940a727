"""The one small store interface that SQLite and PostgreSQL both implement.

The runner, CLI, export and web app talk only to `Store`; backends differ in SQL, not in
behaviour, and the same test suite runs against both.
"""
from __future__ import annotations

import abc
import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from marsad.model import Analysis, Article, Line, Skip
from marsad.store.query import Term, parse_query
from marsad.store.snippet import make_snippet
from marsad.text import normalize

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "BATCH_SIZE",
    "Hit",
    "Store",
    "Term",
    "UpsertCounts",
    "article_row",
    "content_hash",
    "entity_rows",
    "index_fields",
    "index_text",
    "now_iso",
    "pack",
    "parse_query",
    "prepare",
    "resolve_entity",
    "row_to_article",
    "stored_form",
    "unpack",
]

BATCH_SIZE = 200   # articles per transaction: a crash loses at most one uncommitted batch


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(article: Article) -> str:
    """The article's own hash, or one over what cleaning produced when a reader left it empty."""
    if article.content_hash:
        return article.content_hash
    basis = json.dumps([article.title, article.outlet, article.published, article.authors, article.text],
                       ensure_ascii=False)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def index_fields(title: str | None, text: str | None) -> tuple[str, str]:
    """What the full-text index sees: normalised title and body (queries are normalised the same way)."""
    return normalize(title or ""), normalize(text or "")


def index_text(article: Article) -> tuple[str, str]:
    return index_fields(article.title, article.text)


@dataclass
class UpsertCounts:
    ingested: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: UpsertCounts) -> None:
        self.ingested += other.ingested
        self.updated += other.updated
        self.unchanged += other.unchanged

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class Hit:
    """One search result; `highlights` are (start, end) spans inside `snippet`."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    score: float = 0.0

    def marked(self, open_mark: str = "[", close_mark: str = "]") -> str:
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.snippet[last:start], open_mark, self.snippet[start:end], close_mark]
            last = end
        out.append(self.snippet[last:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "published": self.published,
                "snippet": self.snippet, "highlights": [list(span) for span in self.highlights],
                "score": self.score}


_PACK_LEVEL = 8                 # zlib level: ~0.4 ms per article's analysis, 3% smaller than level 6
_PACK_MEMORY = 9                 # zlib memLevel (the most): a little smaller again, at no cost in time
_PACKED_WITH_DICTIONARY = b"\x01"  # format byte: zlib over the preset dictionary data/pack-1.bin


@lru_cache(maxsize=1)
def _dictionary() -> bytes:
    """The preset dictionary (tools/build_pack_dictionary.py): the keys and values every analysis
    spells out, so a 4 kB document compresses ~6x instead of ~4.4x. Never changes once shipped."""
    return resources.files("marsad.store").joinpath("data/pack-1.bin").read_bytes()


def pack(value: Any) -> bytes | None:
    """JSON compressed with zlib: how the bulky columns (analysis, lines, a story's report) are kept.
    They are read whole or not at all, so nothing is lost by not being able to query inside them."""
    if value is None:
        return None
    packer = zlib.compressobj(_PACK_LEVEL, zlib.DEFLATED, 15, _PACK_MEMORY, zdict=_dictionary())
    data = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return _PACKED_WITH_DICTIONARY + packer.compress(data) + packer.flush()


def unpack(value: Any) -> Any:
    """The value of a JSON column: packed (bytes), JSON text (databases of earlier releases and
    PostgreSQL) or already decoded (PostgreSQL JSONB)."""
    if isinstance(value, (bytes, memoryview)):
        data = bytes(value)
        if data[:1] == _PACKED_WITH_DICTIONARY:
            unpacker = zlib.decompressobj(zdict=_dictionary())
            return json.loads(unpacker.decompress(data[1:]) + unpacker.flush())
        return json.loads(zlib.decompress(data))
    return json.loads(value) if isinstance(value, str) else value


def article_row(article: Article, ingested_at: str) -> dict[str, Any]:
    """Column values for the articles table: short lists as JSON text, lines and analysis packed."""
    data = article.to_dict()
    dump = lambda value: None if value is None else json.dumps(value, ensure_ascii=False)
    return {
        "id": article.id, "source": article.source, "url": article.url, "outlet": article.outlet,
        "title": article.title, "authors": dump(data["authors"] or []), "published": article.published,
        "text": article.text, "lines": pack(data["lines"]), "removed": dump(data["removed"] or []),
        "content_hash": content_hash(article), "analysis": pack(data["analysis"]),
        "ingested_at": ingested_at, "updated_at": ingested_at,
    }


def row_to_article(row: dict[str, Any]) -> Article:
    lines = unpack(row["lines"])
    analysis = unpack(row["analysis"])
    return Article(
        id=row["id"], source=row["source"], text=row["text"], url=row["url"], outlet=row["outlet"],
        title=row["title"], authors=unpack(row["authors"]) or [], published=row["published"],
        lines=[Line.from_dict(x) for x in lines] if lines is not None else None,
        removed=unpack(row["removed"]) or [], content_hash=row["content_hash"],
        analysis=Analysis.from_dict(analysis) if analysis is not None else None,
    )


@lru_cache(maxsize=65536)
def _norm_name(name: str) -> str:
    return normalize(name)


def entity_rows(article: Article) -> list[tuple]:
    """(article_id, key, canonical, norm_canonical, type, surface, norm_surface, start, end) per mention."""
    if article.analysis is None:
        return []
    return [(article.id, e.key, e.canonical, _norm_name(e.canonical or ""), e.type, e.text,
             _norm_name(e.text or ""), e.start, e.end) for e in article.analysis.entities]


_PREPARED = "_stored_form"


def prepare(article: Article) -> Article:
    """Compute what the store will write (row JSON, normalised index text, mentions) right now.

    The runner calls this in its workers, so the single writing process only executes SQL
    instead of serialising and normalising every article itself. Call it after the last change.
    """
    article.__dict__[_PREPARED] = (article_row(article, ""), index_text(article), entity_rows(article))
    return article


def stored_form(article: Article, stamp: str) -> tuple[dict[str, Any], tuple[str, str], list[tuple]]:
    """(article row, (index title, index body), mention rows), reusing `prepare`'s work when done."""
    row, indexed, mentions = article.__dict__.get(_PREPARED) or (
        article_row(article, ""), index_text(article), entity_rows(article))
    return {**row, "ingested_at": stamp, "updated_at": stamp}, indexed, mentions


def resolve_entity(entity: str) -> tuple[str, str]:
    """An --entity argument is a key ("org:isis") or a name; names match canonical or surface forms."""
    return entity.strip(), normalize(entity.strip())


# each next name is the least one above the last: one index probe per outlet, however many articles
OUTLET_NAMES_SQL = (
    "WITH RECURSIVE names(outlet) AS (SELECT MIN(outlet) FROM articles UNION ALL "
    "SELECT (SELECT MIN(a.outlet) FROM articles a WHERE a.outlet > names.outlet) FROM names "
    "WHERE names.outlet IS NOT NULL) SELECT outlet FROM names WHERE outlet IS NOT NULL")


class Store(abc.ABC):
    """Articles, their entity mentions, skipped inputs and runs, with normalised full-text search."""

    url: str
    # a plain text search that matches more articles than this ranks the most recently stored this
    # many of them (docs/scale.md): what keeps a common word fast at a million articles, and 50
    # readers of the web app served by 2 cores (p95 under 300 ms at 1M on SQLite; 20,000 gave 700)
    search_depth: int = 2_000

    # --- writing -------------------------------------------------------------------------------
    @abc.abstractmethod
    def upsert(self, articles: Iterable[Article]) -> UpsertCounts:
        """Insert new articles, rewrite changed ones (content_hash differs), leave the rest alone.

        Writes in transactions of BATCH_SIZE, so an interrupted run leaves whole batches only.
        An article stored without analysis is rewritten when it comes back with one.
        """

    @abc.abstractmethod
    def record_skips(self, skips: Iterable[Skip]) -> None:
        """Remember inputs that could not be read (latest reason per source)."""

    def record_skip(self, source: str, reason: str) -> None:
        self.record_skips([Skip(source, reason)])

    @abc.abstractmethod
    def known_hashes(self, with_analysis: bool = True) -> dict[str, str]:
        """id -> content_hash of stored articles (only those analysed, when `with_analysis`)."""

    @abc.abstractmethod
    def start_run(self, paths: list[str]) -> int: ...

    @abc.abstractmethod
    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None: ...

    # --- reading -------------------------------------------------------------------------------
    @abc.abstractmethod
    def get(self, article_id: str) -> Article | None: ...

    @abc.abstractmethod
    def iter_rows(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every stored article as its raw row (`row_to_article` makes the Article), in id order,
        fetched in batches: rows are cheap to send to worker processes, Articles are not."""

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """Every stored article, in id order, fetched in batches (memory stays flat)."""
        return map(row_to_article, self.iter_rows(batch))

    @abc.abstractmethod
    def iter_headlines(self) -> Iterator[dict[str, Any]]:
        """id, outlet, title, published of every article, without bodies (for overviews)."""

    @abc.abstractmethod
    def count(self) -> int: ...

    def tune_for_reading(self) -> None:
        """Set this connection up for many concurrent reads (a server); nothing by default."""

    def data_version(self) -> object | None:
        """A token that changes whenever the stored data may have changed, or None when the store
        cannot tell cheaply (then caches of what it served must expire by age alone)."""
        return None

    @abc.abstractmethod
    def outlets(self) -> list[tuple[str | None, int]]:
        """(outlet, article count), most articles first."""

    @abc.abstractmethod
    def outlet_names(self) -> list[str]:
        """The outlets' names in alphabetical order, read from the outlet index one name at a time
        (`OUTLET_NAMES_SQL`): what a search form lists, without counting a million rows."""

    @abc.abstractmethod
    def entities(self, type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """{key, canonical, type, mentions, articles} per entity key, most articles first."""

    @abc.abstractmethod
    def articles_by_entity(self, entity: str) -> list[str]:
        """Ids of articles mentioning `entity` (a key or a name), in id order."""

    @abc.abstractmethod
    def skips(self) -> list[Skip]: ...

    @abc.abstractmethod
    def _search_rows(self, terms: list[Term] | None, outlet: str | None, entity: str | None,
                     date_from: str | None, date_to: str | None, limit: int, offset: int
                     ) -> list[tuple[dict[str, Any], float]]:
        """(id/title/outlet/published/text row, score) for matching articles, best first."""

    def search(self, query: str | None = None, outlet: str | None = None, entity: str | None = None,
               date_from: str | None = None, date_to: str | None = None, limit: int = 20,
               offset: int = 0) -> list[Hit]:
        """Full-text search over normalised title+body, filtered by outlet, entity and date.

        `query` may be empty only when `entity` is given. Raises QueryError for an empty search.
        """
        terms = parse_query(query) if (query and query.strip()) or not entity else None
        hits = []
        for row, score in self._search_rows(terms, outlet, entity, date_from, date_to,
                                            max(0, int(limit)), max(0, int(offset))):
            snippet, highlights = make_snippet(row["text"] or "", terms or [])
            hits.append(Hit(row["id"], row["title"], row["outlet"], row["published"], snippet,
                            highlights, float(score)))
        return hits

    def overview(self) -> list[dict[str, Any]]:
        """Articles grouped by outlet and day: {outlet, date, count, articles: [{id, title}]}."""
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in self.iter_headlines():
            key = (row["outlet"] or "", (row["published"] or "")[:10])
            groups.setdefault(key, []).append({"id": row["id"], "title": row["title"]})
        return [{"outlet": outlet or None, "date": date or None, "count": len(items), "articles": items}
                for (outlet, date), items in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0]))]

    # --- lifecycle -----------------------------------------------------------------------------
    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def chunked(items: Iterable[Any], size: int = BATCH_SIZE) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
