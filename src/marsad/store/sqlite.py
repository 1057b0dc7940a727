"""SQLite store: one file, WAL mode, foreign keys, FTS5 over normalised title and body.

The FTS index is built from `normalize(title)` and `normalize(text)`, and queries are normalised
the same way, so "الامارات" finds "الإمارات" and "2017" finds "٢٠١٧". `unicode61 remove_diacritics 2`
then only has to split words. Articles carry an INTEGER `rid` (kept by VACUUM) that is the FTS
rowid; the public key is still `id`. Since schema 3 the index is contentless and the bulky JSON
is packed (see sqlite_lean.py): the text is kept once.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
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
)
from marsad.store.query import to_fts5
from marsad.store.sqlite_lean import LEAN_MIGRATION, fts_delete
from marsad.store.story_tables import LINKS_MIGRATION, STORY_MIGRATION, StoryTables

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SqliteStore"]

# MIGRATIONS[n] takes a database from version n to n + 1: SQL statements, or functions of the
# connection for what SQL alone cannot do. Append; never edit a shipped entry.
MIGRATIONS: list[list[str | Callable[[sqlite3.Connection], None]]] = [
    [
        """CREATE TABLE articles (
            rid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL, url TEXT, outlet TEXT, title TEXT,
            authors TEXT NOT NULL DEFAULT '[]', published TEXT, text TEXT NOT NULL,
            lines TEXT, removed TEXT NOT NULL DEFAULT '[]', content_hash TEXT NOT NULL,
            analysis TEXT, ingested_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
        "CREATE INDEX articles_outlet ON articles(outlet, published)",
        "CREATE INDEX articles_published ON articles(published)",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, tokenize = 'unicode61 remove_diacritics 2')""",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            key TEXT NOT NULL, canonical TEXT, norm_canonical TEXT, type TEXT,
            surface TEXT, norm_surface TEXT, start INTEGER, "end" INTEGER)""",
        "CREATE INDEX mentions_article ON mentions(article_id)",
        "CREATE INDEX mentions_key ON mentions(key)",
        "CREATE INDEX mentions_canonical ON mentions(norm_canonical)",
        "CREATE INDEX mentions_surface ON mentions(norm_surface)",
        "CREATE TABLE skips (source TEXT PRIMARY KEY, reason TEXT NOT NULL, seen_at TEXT NOT NULL)",
        """CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT,
            paths TEXT NOT NULL DEFAULT '[]', counts TEXT)""",
    ],
    STORY_MIGRATION,
    LEAN_MIGRATION,
    # links from a story to related stories (follow-ups, the same topic)
    LINKS_MIGRATION,
]
SCHEMA_VERSION = len(MIGRATIONS)

_HEAD = "a.id, a.title, a.outlet, a.published, a.text"
_HEAD_KEYS = ("id", "title", "outlet", "published", "text")
_TIE_MARGIN = 20       # index rows read past a search page, so that ties at its end are all seen
_INDEX_PAGE_DEPTH = 2_000   # pages ending deeper than this are cut by the full query
READ_MMAP_BYTES = 1 << 30


# what an entity lookup matches: its key, or a normalised canonical or surface name
_NAMED = ("SELECT m.rid FROM name_mentions m JOIN names n ON n.id = m.name_id "
          "WHERE n.key = ? OR n.norm_canonical = ? OR n.norm_surface = ?")


class SqliteStore(StoryTables, Store):
    _placeholder = "?"
    _pack_report = True

    def _story_tx(self):
        return self._transaction()

    def __init__(self, path: str | Path = "marsad.db") -> None:
        self.path = Path(path)
        self.url = str(self.path)
        self.conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False,
                                    timeout=30)
        self.conn.row_factory = sqlite3.Row
        self._name_ids: dict[tuple[str, str, str, str], int] = {}
        for pragma in ("journal_mode = WAL", "foreign_keys = ON", "synchronous = NORMAL",
                       "busy_timeout = 30000"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.migrate()

    # --- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return row[0] or 0

    def _current_version(self) -> int | None:
        """The schema version without taking a lock (None for a new database)."""
        try:
            row = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] or 0

    def migrate(self) -> None:
        """Bring the schema to SCHEMA_VERSION, one migration per transaction.

        Opening an up-to-date database takes no write lock (readers such as the web server open
        stores while an ingest writes); each step re-reads the version inside its transaction, so
        two processes opening an old database at once apply every migration exactly once.
        """
        current = self._current_version()
        if current is not None and current > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path} was written by a newer marsad (schema {current}); upgrade marsad")
        if current == SCHEMA_VERSION:
            return
        rewrote = False
        while True:
            with self._transaction():
                version = self.schema_version()
                if version >= SCHEMA_VERSION:
                    break
                for step in MIGRATIONS[version]:
                    if callable(step):
                        step(self.conn)
                    else:
                        self.conn.execute(step)
                rewrote = rewrote or (version > 0 and any(callable(step) for step in MIGRATIONS[version]))
                self.conn.execute("INSERT INTO schema_version VALUES (?)", (version + 1,))
        if rewrote:   # a data migration frees pages; give them back once, now
            self.conn.execute("VACUUM")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._name_ids.clear()     # ids handed out in the rolled-back transaction are gone
            raise
        self.conn.execute("COMMIT")

    # --- writing -----------------------------------------------------------------------------
    def upsert(self, articles: Iterable[Article]) -> UpsertCounts:
        counts = UpsertCounts()
        for batch in chunked(articles):
            with self._transaction():
                counts.add(self._upsert_batch(batch))
        return counts

    def _upsert_batch(self, batch: list[Article]) -> UpsertCounts:
        counts = UpsertCounts()
        ids = list({a.id for a in batch})
        marks = ",".join("?" * len(ids))
        known = {r["id"]: (r["content_hash"], r["analysed"], r["rid"]) for r in self.conn.execute(
            f"SELECT id, rid, content_hash, analysis IS NOT NULL AS analysed FROM articles WHERE id IN ({marks})",
            ids)}
        stamp = now_iso()
        for article in batch:
            digest = content_hash(article)
            previous = known.get(article.id)
            if previous and previous[0] == digest and (previous[1] or article.analysis is None):
                counts.unchanged += 1
                continue
            row, indexed, mentions = stored_form(article, stamp)
            if previous is None:
                cols = ", ".join(row)
                cur = self.conn.execute(f"INSERT INTO articles ({cols}) VALUES ({','.join('?' * len(row))})",
                                        list(row.values()))
                rid = cur.lastrowid
                counts.ingested += 1
            else:
                rid = previous[2]
                old = self.conn.execute("SELECT title, text FROM articles WHERE rid = ?", (rid,)).fetchone()
                fts_delete(self.conn, rid, old["title"], old["text"])
                row.pop("ingested_at")
                sets = ", ".join(f"{c} = ?" for c in row if c != "id")
                self.conn.execute(f"UPDATE articles SET {sets} WHERE rid = ?",
                                  [v for c, v in row.items() if c != "id"] + [rid])
                self.conn.execute("DELETE FROM name_mentions WHERE rid = ?", (rid,))
                counts.updated += 1
            self.conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                              (rid, *indexed))
            self.conn.executemany("INSERT INTO name_mentions (name_id, rid, n) VALUES (?, ?, ?)",
                                  self._name_rows(rid, mentions))
            known[article.id] = (digest, article.analysis is not None, rid)
        return counts

    def _name_rows(self, rid: int, mentions: list[tuple]) -> list[tuple[int, int, int]]:
        """(name id, rid, count) per distinct name an article's mentions use; new names are added."""
        counted = Counter((key, canonical or "", type_ or "", surface or "", norm_canonical, norm_surface)
                          for _, key, canonical, norm_canonical, type_, surface, norm_surface, _, _ in mentions)
        rows = []
        for (*name, norm_canonical, norm_surface), n in counted.items():
            name_key = tuple(name)
            name_id = self._name_ids.get(name_key)
            if name_id is None:
                found = self.conn.execute("SELECT id FROM names WHERE key = ? AND canonical = ? AND type = ? "
                                          "AND surface = ?", name).fetchone()
                name_id = found[0] if found else self.conn.execute(
                    "INSERT INTO names (key, canonical, type, surface, norm_canonical, norm_surface) "
                    "VALUES (?, ?, ?, ?, ?, ?)", (*name, norm_canonical, norm_surface)).lastrowid
                self._name_ids[name_key] = name_id
            rows.append((name_id, rid, n))
        return rows

    def record_skips(self, skips: Iterable[Skip]) -> None:
        stamp = now_iso()
        rows = [(s.source, s.reason, stamp) for s in skips]
        if not rows:
            return
        with self._transaction():
            self.conn.executemany(
                "INSERT INTO skips VALUES (?, ?, ?) ON CONFLICT(source) DO UPDATE SET "
                "reason = excluded.reason, seen_at = excluded.seen_at", rows)

    def known_hashes(self, with_analysis: bool = True) -> dict[str, str]:
        where = " WHERE analysis IS NOT NULL" if with_analysis else ""
        return dict(self.conn.execute(f"SELECT id, content_hash FROM articles{where}").fetchall())

    def start_run(self, paths: list[str]) -> int:
        with self._transaction():
            cur = self.conn.execute("INSERT INTO runs (started, paths) VALUES (?, ?)",
                                    (now_iso(), json.dumps([str(p) for p in paths], ensure_ascii=False)))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        with self._transaction():
            self.conn.execute("UPDATE runs SET finished = ?, counts = ? WHERE id = ?",
                              (now_iso(), json.dumps(counts, ensure_ascii=False), run_id))

    # --- reading -----------------------------------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row_to_article(dict(row)) if row else None

    def iter_rows(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        last = ""
        while True:
            rows = self.conn.execute("SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                                     (last, batch)).fetchall()
            if not rows:
                return
            yield from map(dict, rows)
            last = rows[-1]["id"]

    def iter_headlines(self) -> Iterator[dict[str, Any]]:
        for row in self.conn.execute("SELECT id, outlet, title, published FROM articles ORDER BY published, id"):
            yield dict(row)

    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def tune_for_reading(self) -> None:
        """Read the database file through a memory map: each server thread has its own
        connection, and with a map they share the operating system's pages instead of each
        copying them into a private cache (ranking a common word visits hundreds of rows)."""
        self.conn.execute(f"PRAGMA mmap_size = {READ_MMAP_BYTES}")

    def data_version(self) -> tuple[int, int]:
        """SQLite's data_version moves with commits of other connections (any process), and
        total_changes with this connection's own writes; together they see every change."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def outlets(self) -> list[tuple[str | None, int]]:
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT outlet, COUNT(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet")]

    def outlet_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(OUTLET_NAMES_SQL)]

    def entities(self, type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT n.key AS key, MIN(NULLIF(n.canonical, '')) AS canonical, MIN(NULLIF(n.type, '')) AS type, "
               "SUM(m.n) AS mentions, COUNT(DISTINCT m.rid) AS articles "
               "FROM name_mentions m JOIN names n ON n.id = m.name_id"
               + (" WHERE n.type = ?" if type else "") + " GROUP BY n.key ORDER BY articles DESC, key"
               + (" LIMIT ?" if limit else ""))
        params = [p for p in (type, limit) if p]
        return [dict(r) for r in self.conn.execute(sql, params)]

    def articles_by_entity(self, entity: str) -> list[str]:
        key, norm = resolve_entity(entity)
        return [r[0] for r in self.conn.execute(
            f"SELECT id FROM articles WHERE rid IN ({_NAMED}) ORDER BY id", (key, norm, norm))]

    def skips(self) -> list[Skip]:
        return [Skip(r[0], r[1]) for r in self.conn.execute("SELECT source, reason FROM skips ORDER BY source")]

    def _search_rows(self, terms: list[Term] | None, outlet: str | None, entity: str | None,
                     date_from: str | None, date_to: str | None, limit: int, offset: int
                     ) -> list[tuple[dict[str, Any], float]]:
        where, params = [], []
        if outlet:
            where.append("a.outlet = ?")
            params.append(outlet)
        if entity:
            key, norm = resolve_entity(entity)
            where.append(f"a.rid IN ({_NAMED})")
            params += [key, norm, norm]
        if date_from:
            where.append("a.published >= ?")
            params.append(date_from)
        if date_to:
            where.append("substr(a.published, 1, length(?)) <= ?")
            params += [date_to, date_to]
        if terms and not where:
            ranked = self._rank_on_index(to_fts5(terms), limit, offset)
            if ranked is not None:
                return ranked
        if terms:
            # rank and cut the page on narrow rows first, then fetch bodies for that page only:
            # sorting every match with its text attached made common words several times slower
            sql = (f"SELECT {_HEAD}, r.score FROM (SELECT a.rid AS rid, a.id AS id, "
                   "-bm25(articles_fts, 2.0, 1.0) AS score FROM articles_fts "
                   "JOIN articles a ON a.rid = articles_fts.rowid WHERE articles_fts MATCH ?"
                   + "".join(f" AND {w}" for w in where) + " ORDER BY score DESC, a.id LIMIT ? OFFSET ?) r "
                   "JOIN articles a ON a.rid = r.rid ORDER BY r.score DESC, r.id")
            params = [to_fts5(terms)] + params
        else:
            sql = (f"SELECT {_HEAD}, 0.0 AS score FROM articles a"
                   + (" WHERE " + " AND ".join(where) if where else "")
                   + " ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?")
        try:
            rows = self.conn.execute(sql, params + [limit, offset]).fetchall()
        except sqlite3.OperationalError as exc:   # a query the escaping did not foresee: no match, no crash
            if "fts5" in str(exc) or "syntax" in str(exc):
                return []
            raise
        return [(dict(r), r["score"]) for r in rows]

    def _rank_on_index(self, match: str, limit: int, offset: int) -> list[tuple[dict[str, Any], float]] | None:
        """A plain text search ranked on the full-text index alone, then the page's rows fetched.

        Joining every match to `articles` (for the id that breaks ties) read one article row per
        match: at a million articles a common word took 0.3 s. The index gives the best
        `offset + limit` scores plus a margin; when the last of them scores below the page's last,
        every article tied with the page's last is among them and sorting them by (score, id)
        gives the same page as the full query. Otherwise (a tie as long as the margin, or an
        index row with no article) None: the caller runs the full query.

        A word found in more than `search_depth` articles is ranked among the `search_depth` most
        recently stored of them: ranking half a million matches for "السعودية" costs a second and
        says little, and the newest matches are what a reader of the news is after."""
        want = offset + limit
        if limit <= 0:
            return []
        if want > _INDEX_PAGE_DEPTH:
            return None                      # deep pages: the full query (no long IN lists)
        fetch = want + _TIE_MARGIN
        try:
            # past `search_depth` matches, rank the most recently stored ones (bm25 costs 1-2 µs a match)
            beyond = self.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                                       "ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, self.search_depth)).fetchone()
            ranked = self.conn.execute(
                "SELECT rowid, -bm25(articles_fts, 2.0, 1.0) AS score FROM articles_fts "
                "WHERE articles_fts MATCH ? AND rowid > ? ORDER BY score DESC LIMIT ?",
                (match, beyond[0] if beyond else 0, fetch)).fetchall()
        except sqlite3.OperationalError:
            return None                      # the full query reports or absorbs it
        if len(ranked) == fetch and ranked[-1][1] >= ranked[want - 1][1]:
            return None
        score_of = {rid: score for rid, score in ranked}
        marks = ",".join("?" * len(score_of))
        ids = self.conn.execute(f"SELECT rid, id FROM articles WHERE rid IN ({marks})", list(score_of)).fetchall()
        if len(ids) < len(score_of):
            return None
        page = sorted(ids, key=lambda r: (-score_of[r[0]], r[1]))[offset:want]
        if not page:
            return []
        marks = ",".join("?" * len(page))
        rows = {r["rid"]: r for r in self.conn.execute(
            f"SELECT a.rid AS rid, {_HEAD} FROM articles a WHERE a.rid IN ({marks})", [r[0] for r in page])}
        return [({k: rows[rid][k] for k in _HEAD_KEYS}, score_of[rid]) for rid, _ in page]

    def close(self) -> None:
        self.conn.close()
