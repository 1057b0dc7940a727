"""PostgreSQL store (psycopg 3): the SQLite store's behaviour for larger, shared deployments.

Search uses a `tsvector` built with the 'simple' configuration over the same normalised text
the SQLite FTS index sees (no stemming: normalisation does the Arabic folding), in a narrow table
of its own (`search_docs`, schema 5) behind a GIN index that also holds each row's storing-order
bucket (schema 6), so that the newest matches of a common word are found bucket by bucket.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from marsad.model import Article, Skip
from marsad.store.base import (
    OUTLET_NAMES_SQL,
    Store,
    Term,
    UpsertCounts,
    chunked,
    content_hash,
    now_iso,
    resolve_entity,
    row_to_article,
    stored_form,
    unpack,
)
from marsad.store.outlet_names import rename_outlets
from marsad.store.story_tables import LINKS_MIGRATION, STORY_MIGRATION, StoryTables

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "PostgresStore"]

def _tuples(cursor: Any) -> list[tuple]:
    return [tuple(r.values()) for r in cursor.fetchall()] if cursor.description else []


def _search_docs(conn: Any) -> None:
    """Move each article's tsvector out of `articles` into `search_docs` (rid, id, fts). In
    `articles` a row holds the text and the analysis, about one row a page at a million articles,
    so finding the newest of 36,000 matches of an institution's name read 30,000 pages; here the
    tsvector is stored out of line, uncompressed (it compresses little, and it is read whole for
    each match ranked), a row is a few dozen bytes, and the matches lie on a few hundred pages.
    The id is kept beside it so that ranking needs no join. A large database keeps the old
    column's space until `VACUUM FULL articles` (docs/scale.md)."""
    conn.execute("CREATE TABLE search_docs (rid BIGINT PRIMARY KEY REFERENCES articles(rid) ON DELETE CASCADE, "
                 "id TEXT NOT NULL, fts TSVECTOR NOT NULL)")
    conn.execute("ALTER TABLE search_docs ALTER COLUMN fts SET STORAGE EXTERNAL")
    conn.execute("SET LOCAL maintenance_work_mem = '256MB'")     # the GIN index of a large database
    conn.execute("INSERT INTO search_docs (rid, id, fts) SELECT rid, id, fts FROM articles ORDER BY rid")
    conn.execute("CREATE INDEX search_docs_fts ON search_docs USING GIN (fts)")
    conn.execute("DROP INDEX articles_fts")
    conn.execute("ALTER TABLE articles DROP COLUMN fts")
    conn.execute("ANALYZE search_docs")


# Storing-order buckets: rows with rid // 65,536 equal share a bucket, and the search index holds
# each article's bucket as a lexeme of its own, "~N" (no text makes a lexeme with "~" in it, and
# no query asks for one), so the newest matches of a word are found bucket by bucket, newest first
# (`PostgresStore._newest_matches`).
BUCKET_SHIFT = 16
_SEARCH_DOC = "marsad_search_doc(s.fts, s.rid)"       # what the search index holds; ranking reads s.fts


def _bucket_index(conn: Any) -> None:
    """Index each article's words together with its storing-order bucket. A condition on `rid`
    beside the words was applied by reading every match's row (the planner, which cannot tell
    how many rows a phrase matches, does not combine the GIN index with the `rid` index), so
    finding the newest 2,000 of 36,000 matches read all 36,000 rows, window after window."""
    conn.execute(f"""CREATE FUNCTION marsad_search_doc(fts TSVECTOR, rid BIGINT) RETURNS TSVECTOR
                     LANGUAGE sql IMMUTABLE PARALLEL SAFE
                     AS $$ SELECT fts || array_to_tsvector(ARRAY['~' || (rid >> {BUCKET_SHIFT})::text]) $$""")
    conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
    conn.execute("CREATE INDEX search_docs_words ON search_docs USING GIN (marsad_search_doc(fts, rid))")
    conn.execute("DROP INDEX search_docs_fts")
    conn.execute("ANALYZE search_docs")


# MIGRATIONS[n] takes a database from version n to n + 1: SQL, or functions of the connection.
MIGRATIONS: list[list[str | Callable[[Any], None]]] = [
    [
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL, url TEXT, outlet TEXT, title TEXT,
            authors JSONB NOT NULL DEFAULT '[]', published TEXT, text TEXT NOT NULL,
            lines JSONB, removed JSONB NOT NULL DEFAULT '[]', content_hash TEXT NOT NULL,
            analysis JSONB, ingested_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            fts TSVECTOR NOT NULL)""",
        "CREATE INDEX articles_fts ON articles USING GIN (fts)",
        "CREATE INDEX articles_outlet ON articles(outlet, published)",
        "CREATE INDEX articles_published ON articles(published)",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            key TEXT NOT NULL, canonical TEXT, norm_canonical TEXT, type TEXT,
            surface TEXT, norm_surface TEXT, start INTEGER, "end" INTEGER)""",
        "CREATE INDEX mentions_article ON mentions(article_id)",
        "CREATE INDEX mentions_key ON mentions(key)",
        "CREATE INDEX mentions_canonical ON mentions(norm_canonical)",
        "CREATE INDEX mentions_surface ON mentions(norm_surface)",
        "CREATE TABLE skips (source TEXT PRIMARY KEY, reason TEXT NOT NULL, seen_at TEXT NOT NULL)",
        """CREATE TABLE runs (id SERIAL PRIMARY KEY, started TEXT NOT NULL, finished TEXT,
            paths JSONB NOT NULL DEFAULT '[]', counts JSONB)""",
    ],
    STORY_MIGRATION,
    [lambda conn: rename_outlets(lambda sql, params: _tuples(conn.execute(sql, params)), "%s")],
    # the order articles were stored in, which bounds the ranking of a common word (_newest_matches)
    ["ALTER TABLE articles ADD COLUMN rid BIGSERIAL", "CREATE UNIQUE INDEX articles_rid ON articles(rid)",
     "ANALYZE articles"],
    # the search index in a narrow table of its own
    [_search_docs],
    # the search index also knows each row's storing-order bucket
    [_bucket_index],
    # links from a story to related stories (follow-ups, the same topic)
    LINKS_MIGRATION,
]
SCHEMA_VERSION = len(MIGRATIONS)

_HEAD = "a.id, a.title, a.outlet, a.published, a.text"
_FTS = "setweight(to_tsvector('simple', %s), 'A') || to_tsvector('simple', %s)"
_COLUMNS = ("id", "source", "url", "outlet", "title", "authors", "published", "text", "lines", "removed",
            "content_hash", "analysis", "ingested_at", "updated_at")


def _no_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold U+0000; readers should have dropped it, this is the last guard.
    Packed JSON (bytes, as SQLite keeps it) goes in as JSON text: PostgreSQL has JSONB for it."""
    if isinstance(value, bytes):
        value = json.dumps(unpack(value), ensure_ascii=False)
    return value.replace("\x00", "") if isinstance(value, str) else value


def _tsquery(terms: list[Term]) -> tuple[str, list[str]]:
    """SQL for a tsquery ANDing every term; words are bound parameters, never spliced."""
    parts, params = [], []
    for term in terms:
        if term.prefix:
            parts.append("to_tsquery('simple', quote_literal(%s) || ':*')")
        else:
            parts.append("phraseto_tsquery('simple', %s)")
        params.append(" ".join(term.words))
    return "(" + " && ".join(parts) + ")", params


class PostgresStore(StoryTables, Store):
    _placeholder = "%s"
    split_ranking_at = 600        # matches: fewer are ranked in one statement
    _article_columns = ", ".join(_COLUMNS)

    def _story_tx(self):
        return self.conn.transaction()

    def __init__(self, url: str) -> None:
        self.url = url
        self._helper: tuple[ThreadPoolExecutor, Any] | None = None
        self.conn = self._connect()
        self.migrate()

    def _connect(self) -> Any:
        """A connection to this store's database: rows as dicts, each statement its own
        transaction unless a `transaction()` block says otherwise."""
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise RuntimeError("PostgreSQL needs psycopg: pip install 'marsad[postgres]'") from exc
        return psycopg.connect(self.url, row_factory=dict_row, autocommit=True)

    def migrate(self) -> None:
        with self.conn.transaction():
            self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            self.conn.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE")
            current = self.conn.execute("SELECT MAX(version) AS v FROM schema_version").fetchone()["v"] or 0
            if current > SCHEMA_VERSION:
                raise RuntimeError(f"database schema {current} is newer than this marsad; upgrade marsad")
            for version in range(current, SCHEMA_VERSION):
                for step in MIGRATIONS[version]:
                    if callable(step):
                        step(self.conn)
                    else:
                        self.conn.execute(step)
                self.conn.execute("INSERT INTO schema_version VALUES (%s)", (version + 1,))

    # --- writing -----------------------------------------------------------------------------
    def upsert(self, articles: Iterable[Article]) -> UpsertCounts:
        counts = UpsertCounts()
        for batch in chunked(articles):
            with self.conn.transaction():
                counts.add(self._upsert_batch(batch))
        return counts

    def _upsert_batch(self, batch: list[Article]) -> UpsertCounts:
        counts = UpsertCounts()
        ids = list({a.id for a in batch})
        known = {r["id"]: (r["content_hash"], r["analysed"]) for r in self.conn.execute(
            "SELECT id, content_hash, analysis IS NOT NULL AS analysed FROM articles WHERE id = ANY(%s) "
            "FOR UPDATE", (ids,))}
        stamp = now_iso()
        cols = ", ".join(_COLUMNS)
        insert = (f"INSERT INTO articles ({cols}) VALUES ({', '.join(['%s'] * len(_COLUMNS))}) "
                  "ON CONFLICT (id) DO UPDATE SET "
                  + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c not in ("id", "ingested_at"))
                  + " RETURNING rid")
        index = (f"INSERT INTO search_docs (rid, id, fts) VALUES (%s, %s, {_FTS}) "
                 "ON CONFLICT (rid) DO UPDATE SET fts = excluded.fts")
        with self.conn.cursor() as cur:
            for article in batch:
                digest = content_hash(article)
                previous = known.get(article.id)
                if previous and previous[0] == digest and (previous[1] or article.analysis is None):
                    counts.unchanged += 1
                    continue
                row, indexed, mention_rows = stored_form(article, stamp)
                cur.execute(insert, [_no_nul(row[c]) for c in _COLUMNS])
                rid = cur.fetchone()["rid"]
                cur.execute(index, [rid, article.id] + [_no_nul(t) for t in indexed])
                if previous is None:
                    counts.ingested += 1
                else:
                    cur.execute("DELETE FROM mentions WHERE article_id = %s", (article.id,))
                    counts.updated += 1
                mentions = [tuple(_no_nul(v) for v in m) for m in mention_rows]
                if mentions:
                    cur.executemany("INSERT INTO mentions VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)", mentions)
                known[article.id] = (digest, article.analysis is not None)
        return counts

    def record_skips(self, skips: Iterable[Skip]) -> None:
        stamp = now_iso()
        rows = [(_no_nul(s.source), _no_nul(s.reason), stamp) for s in skips]
        if not rows:
            return
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.executemany("INSERT INTO skips VALUES (%s, %s, %s) ON CONFLICT (source) DO UPDATE SET "
                            "reason = excluded.reason, seen_at = excluded.seen_at", rows)

    def known_hashes(self, with_analysis: bool = True) -> dict[str, str]:
        where = " WHERE analysis IS NOT NULL" if with_analysis else ""
        with self.conn.transaction():
            return {r["id"]: r["content_hash"]
                    for r in self.conn.execute(f"SELECT id, content_hash FROM articles{where}")}

    def start_run(self, paths: list[str]) -> int:
        with self.conn.transaction():
            row = self.conn.execute("INSERT INTO runs (started, paths) VALUES (%s, %s) RETURNING id",
                                    (now_iso(), json.dumps([str(p) for p in paths], ensure_ascii=False))
                                    ).fetchone()
        return int(row["id"])

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        with self.conn.transaction():
            self.conn.execute("UPDATE runs SET finished = %s, counts = %s WHERE id = %s",
                              (now_iso(), json.dumps(counts, ensure_ascii=False), run_id))

    # --- reading -----------------------------------------------------------------------------
    def _all(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        with self.conn.transaction():
            return self.conn.execute(sql, params).fetchall()

    def get(self, article_id: str) -> Article | None:
        rows = self._all(f"SELECT {', '.join(_COLUMNS)} FROM articles WHERE id = %s", (article_id,))
        return row_to_article(rows[0]) if rows else None

    def iter_rows(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        last = ""
        while True:
            rows = self._all(f"SELECT {', '.join(_COLUMNS)} FROM articles WHERE id > %s ORDER BY id LIMIT %s",
                             (last, batch))
            if not rows:
                return
            yield from rows
            last = rows[-1]["id"]

    def iter_headlines(self) -> Iterator[dict[str, Any]]:
        yield from self._all("SELECT id, outlet, title, published FROM articles ORDER BY published, id")

    def count(self) -> int:
        return self._all("SELECT COUNT(*) AS n FROM articles")[0]["n"]

    def outlets(self) -> list[tuple[str | None, int]]:
        return [(r["outlet"], r["n"]) for r in self._all(
            "SELECT outlet, COUNT(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet")]

    def data_version(self) -> object | None:
        """The server's write-ahead log position: every change of stored data (articles, stories,
        skips) is written to the log first, and reads write nothing, so while it holds nothing has
        changed and the web app's caches may keep their answers. It also moves with writes to
        other databases of the same server, which only makes answers expire sooner. On a standby
        the position replayed; None when neither can be read."""
        try:
            row = self.conn.execute("SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
                                    "ELSE pg_current_wal_lsn() END::text AS lsn").fetchone()
        except Exception:  # noqa: BLE001 - a server that denies the call: caches fall back on age
            return None
        return row["lsn"] if row else None

    def outlet_names(self) -> list[str]:
        return [r["outlet"] for r in self._all(OUTLET_NAMES_SQL)]

    def entities(self, type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT key, MIN(canonical) AS canonical, MIN(type) AS type, COUNT(*) AS mentions, "
               "COUNT(DISTINCT article_id) AS articles FROM mentions"
               + (" WHERE type = %s" if type else "") + " GROUP BY key ORDER BY articles DESC, key"
               + (" LIMIT %s" if limit else ""))
        return self._all(sql, [p for p in (type, limit) if p])

    def articles_by_entity(self, entity: str) -> list[str]:
        key, norm = resolve_entity(entity)
        return [r["article_id"] for r in self._all(
            "SELECT DISTINCT article_id FROM mentions WHERE key = %s OR norm_canonical = %s "
            "OR norm_surface = %s ORDER BY article_id", (key, norm, norm))]

    def skips(self) -> list[Skip]:
        return [Skip(r["source"], r["reason"]) for r in self._all("SELECT source, reason FROM skips ORDER BY source")]

    def _search_rows(self, terms: list[Term] | None, outlet: str | None, entity: str | None,
                     date_from: str | None, date_to: str | None, limit: int, offset: int
                     ) -> list[tuple[dict[str, Any], float]]:
        where: list[str] = []
        params: list[Any] = []
        if terms:
            tsquery, words = _tsquery(terms)
            where.append(f"{_SEARCH_DOC} @@ {tsquery}")
            params += words
        if outlet:
            where.append("a.outlet = %s")
            params.append(outlet)
        if entity:
            key, norm = resolve_entity(entity)
            where.append("a.id IN (SELECT article_id FROM mentions WHERE key = %s OR norm_canonical = %s "
                         "OR norm_surface = %s)")
            params += [key, norm, norm]
        if date_from:
            where.append("a.published >= %s")
            params.append(date_from)
        if date_to:
            where.append("substr(a.published, 1, length(%s)) <= %s")
            params += [date_to, date_to]
        with self.conn.transaction():
            if terms:
                # the planner does not count reading each row's tsvector from out-of-line storage, so
                # the narrow search table looks cheap to read whole: the GIN index is always cheaper
                self.conn.execute("SET LOCAL enable_seqscan = off")
            if terms and len(where) == 1:       # a plain text search: the newest matches when many
                return self._plain_search(tsquery, words, limit, offset)
            clause = " WHERE " + " AND ".join(where) if where else ""
            if terms:
                score = f"ts_rank(s.fts, {tsquery})"
                sql = (f"SELECT {_HEAD}, {score} AS score FROM search_docs s JOIN articles a ON a.rid = s.rid"
                       f"{clause} ORDER BY score DESC, a.id LIMIT %s OFFSET %s")
                params = words + params
            else:
                sql = (f"SELECT {_HEAD}, 0.0 AS score FROM articles a{clause} "
                       "ORDER BY a.published DESC NULLS LAST, a.id LIMIT %s OFFSET %s")
            rows = self.conn.execute(sql, params + [limit, offset]).fetchall()
        return [(r, r["score"]) for r in rows]

    def _plain_search(self, tsquery: str, words: list[str], limit: int, offset: int
                      ) -> list[tuple[dict[str, Any], float]]:
        """A search by words alone, within the search's transaction: the matches ranked from the
        narrow table (id and tsvector, no join), the newest `search_depth` of them when more
        match, as in SQLite; then the page's articles read by their `rid`."""
        ranked = self._ranked(tsquery, words, self._newest_matches(tsquery, words), limit, offset)
        if not ranked:
            return []
        heads = {r.pop("rid"): r for r in self.conn.execute(
            f"SELECT a.rid, {_HEAD} FROM articles a WHERE a.rid = ANY(%s)", ([r["rid"] for r in ranked],))}
        return [({**heads[r["rid"]], "score": r["score"]}, r["score"]) for r in ranked]

    def _ranked(self, tsquery: str, words: list[str], rids: list[int], limit: int, offset: int
                ) -> list[dict[str, Any]]:
        """The page of `rids` by rank (ties by id). Ranking reads every match's tsvector, about 10 µs
        a match; many matches are ranked in two halves at once, the second on a connection of its
        own, so that one search uses two cores of the server; the halves' best rows are then put in
        order by the server (its collation orders the ids)."""
        sql = (f"SELECT d.rid, d.id, ts_rank(d.fts, {tsquery}) AS score FROM search_docs d "
               "WHERE d.rid = ANY(%s) ORDER BY score DESC, d.id LIMIT %s")
        if len(rids) < self.split_ranking_at:
            return self.conn.execute(sql + " OFFSET %s", words + [rids, limit, offset]).fetchall()
        half = len(rids) // 2
        other = self._ranking_helper().submit(self._rank_apart, sql, words + [rids[half:], limit + offset])
        rows = self.conn.execute(sql, words + [rids[:half], limit + offset]).fetchall() + other.result()
        return self.conn.execute(
            "SELECT rid, id, score FROM unnest(%s::bigint[], %s::text[], %s::real[]) AS t(rid, id, score) "
            "ORDER BY score DESC, id LIMIT %s OFFSET %s",
            ([r["rid"] for r in rows], [r["id"] for r in rows], [r["score"] for r in rows], limit, offset)).fetchall()

    def _ranking_helper(self) -> Any:
        """One thread and one connection of this store's own, for the second half of a ranking."""
        if self._helper is None:
            conn = self._connect()
            conn.execute("SET enable_seqscan = off")
            self._helper = (ThreadPoolExecutor(1, thread_name_prefix="marsad-rank"), conn)
        return self._helper[0]

    def _rank_apart(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        return self._helper[1].execute(sql, params).fetchall()

    def _newest_matches(self, tsquery: str, words: list[str]) -> list[int]:
        """Within the search's transaction: the `rid`s of the `search_depth` most recently stored
        matches, which a plain search ranks, as in SQLite; all of them when fewer match.

        Ranking reads each match's row and its tsvector from out-of-line storage (about 4 KB an
        article): about 10 µs a match, so ranking the 120,000 articles that name a country at a million
        articles would take most of a second. The newest matches are found bucket by bucket of the
        storing order, newest first: the search index holds each row's bucket as a lexeme, so one
        index scan reads only that bucket's matches (BUCKET_SHIFT). Once a bucket's worth of rows
        has been read, and the density found says the rest lies more than two buckets further,
        the older matches are asked for at once (few match, or they would have been found).
        Index scans are turned off for the rest of the transaction: the planner does not count the
        tsvector's read when it weighs walking the `rid` index and testing every row."""
        top = self.conn.execute("SELECT MAX(rid) AS top FROM search_docs").fetchone()["top"] or 0
        self.conn.execute("SET LOCAL enable_indexscan = off")
        depth, size = self.search_depth, 1 << BUCKET_SHIFT
        in_bucket = (f"SELECT s.rid FROM search_docs s WHERE {_SEARCH_DOC} @@ ({tsquery} && %s::tsquery) "
                     "ORDER BY s.rid DESC LIMIT %s")
        found: list[int] = []
        bucket = top >> BUCKET_SHIFT
        while bucket >= 0 and len(found) < depth:
            rows = self.conn.execute(in_bucket, words + [f"'~{bucket}'", depth - len(found)]).fetchall()
            found += [r["rid"] for r in rows]
            floor, bucket = bucket << BUCKET_SHIFT, bucket - 1
            read = top - floor + 1
            if bucket >= 0 and len(found) < depth and read >= size \
                    and (depth - len(found)) * read > 2 * size * max(len(found), 1):
                rows = self.conn.execute(f"SELECT s.rid FROM search_docs s WHERE {_SEARCH_DOC} @@ {tsquery} "
                                         "AND s.rid < %s ORDER BY s.rid DESC LIMIT %s",
                                         words + [floor, depth - len(found)]).fetchall()
                return found + [r["rid"] for r in rows]
        return found

    def close(self) -> None:
        if self._helper is not None:
            executor, conn = self._helper
            executor.shutdown()
            conn.close()
            self._helper = None
        self.conn.close()
