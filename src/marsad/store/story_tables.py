"""Queries shared by the SQLite and PostgreSQL stores: stories, their members, paged headlines.

The SQL is written once with '?' placeholders; each store sets `_placeholder` and the mixin
rewrites them. JSON columns are TEXT in both databases so that one statement serves both.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

from marsad.model import Article
from marsad.store.base import now_iso, pack, row_to_article, unpack

__all__ = ["LINKS_MIGRATION", "STORY_MIGRATION", "StoryTables"]

STORY_MIGRATION = [
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT,
        n_articles INTEGER NOT NULL, outlets TEXT NOT NULL, origin TEXT,
        disagreements TEXT NOT NULL, report TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX stories_last_seen ON stories(last_seen)",
    """CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, original_id TEXT, position INTEGER NOT NULL)""",
    "CREATE INDEX story_articles_story ON story_articles(story_id, position)",
]
# a story's links to earlier stories it is not but relates to (marsad.stories.cluster: FOLLOW_UP,
# SAME_TOPIC), the strongest cosine kept for each pair
LINKS_MIGRATION = [
    """CREATE TABLE story_links (
        story_id TEXT NOT NULL, other_id TEXT NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL,
        PRIMARY KEY (story_id, other_id))""",
    "CREATE INDEX story_links_other ON story_links(other_id)",
]
_JSON_COLUMNS = ("outlets", "disagreements", "report")
_CHUNK = 500


class StoryTables:
    """Mixin: persistence for marsad.stories.service. Needs `conn`, `_placeholder`, `_story_tx()`."""

    conn: Any
    _placeholder = "?"
    _article_columns: str = "*"
    _pack_report = False          # the report column holds packed JSON (SQLite schema 3) or JSON text

    def _story_tx(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _q(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        if self._placeholder != "?":
            sql = sql.replace("?", self._placeholder)
        return [dict(row) for row in self.conn.execute(sql, tuple(params)).fetchall()]

    def _x(self, sql: str, params: tuple | list = ()) -> None:
        if self._placeholder != "?":
            sql = sql.replace("?", self._placeholder)
        self.conn.execute(sql, tuple(params))

    @staticmethod
    def _story(row: dict[str, Any]) -> dict[str, Any]:
        for column in _JSON_COLUMNS:
            if isinstance(row.get(column), (str, bytes)):
                row[column] = unpack(row[column])
        return row

    # --- writing -------------------------------------------------------------------------------
    def save_stories(self, rows: list[dict[str, Any]], members: list[tuple[str, str, str]]) -> None:
        """Replace the given stories and their member lists in one transaction."""
        stamp = now_iso()
        with self._story_tx():
            for row in rows:
                self._x("DELETE FROM stories WHERE id = ?", (row["id"],))
                self._x("DELETE FROM story_articles WHERE story_id = ?", (row["id"],))
                self._x("INSERT INTO stories (id, title, first_seen, last_seen, n_articles, outlets, origin, "
                        "disagreements, report, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (row["id"], row["title"], row["first_seen"], row["last_seen"], row["n_articles"],
                         *(json.dumps(row[c], ensure_ascii=False) for c in ("outlets",)), row["origin"],
                         json.dumps(row["disagreements"], ensure_ascii=False),
                         pack(row["report"]) if self._pack_report else json.dumps(row["report"], ensure_ascii=False),
                         stamp))
            position: dict[str, int] = {}
            for story_id, article_id, original_id in members:
                position[story_id] = position.get(story_id, -1) + 1
                self._x("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
                self._x("INSERT INTO story_articles (article_id, story_id, original_id, position) "
                        "VALUES (?, ?, ?, ?)", (article_id, story_id, original_id, position[story_id]))

    def save_story_links(self, links: list[tuple[str, str, str, float]]) -> None:
        """Add (story, earlier story, kind, score) links; a pair already linked keeps its stronger
        score (a later run may find the same pair through other articles)."""
        with self._story_tx():
            for story_id, other_id, kind, score in links:
                self._x("INSERT INTO story_links (story_id, other_id, kind, score) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (story_id, other_id) DO UPDATE SET kind = excluded.kind, score = excluded.score "
                        "WHERE excluded.score > story_links.score", (story_id, other_id, kind, score))

    # --- reading -------------------------------------------------------------------------------
    def story_links(self, story_id: str, limit: int = 8) -> list[dict[str, Any]]:
        """The stories linked to this one either way, strongest first: {id, title, n_articles,
        first_seen, last_seen, kind, score, later} (`later`: the other story is the later one)."""
        rows = self._q(
            "SELECT s.id, s.title, s.n_articles, s.first_seen, s.last_seen, l.kind, l.score, 0 AS later "
            "FROM story_links l JOIN stories s ON s.id = l.other_id WHERE l.story_id = ? "
            "UNION ALL "
            "SELECT s.id, s.title, s.n_articles, s.first_seen, s.last_seen, l.kind, l.score, 1 AS later "
            "FROM story_links l JOIN stories s ON s.id = l.story_id WHERE l.other_id = ? "
            "ORDER BY score DESC, id LIMIT ?", (story_id, story_id, limit))
        seen: set[str] = set()
        out = []
        for row in rows:                 # a pair linked both ways is shown once, at its stronger link
            if row["id"] not in seen and row["id"] != story_id:
                seen.add(row["id"])
                out.append({**row, "later": bool(row["later"])})
        return out

    def story_assignments(self) -> dict[str, str]:
        return {r["article_id"]: r["story_id"] for r in self._q("SELECT article_id, story_id FROM story_articles")}

    def story_count(self) -> int:
        return int(self._q("SELECT COUNT(*) AS n FROM stories")[0]["n"])

    def stories_active_since(self, since: str | None) -> list[str]:
        """Stories whose latest article is not older than `since` (all stories when None)."""
        if since is None:
            return [r["id"] for r in self._q("SELECT id FROM stories ORDER BY id")]
        return [r["id"] for r in self._q(
            "SELECT id FROM stories WHERE last_seen IS NULL OR last_seen >= ? ORDER BY id", (since,))]

    def _chunks(self, ids: list[str]) -> Iterator[tuple[str, list[str]]]:
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            yield ", ".join("?" * len(part)), part

    def story_members(self, story_ids: list[str]) -> dict[str, list[tuple[str, str]]]:
        """story id -> [(article id, original id)] in story order."""
        out: dict[str, list[tuple[str, str]]] = {}
        for marks, part in self._chunks(list(story_ids)):
            for r in self._q(f"SELECT story_id, article_id, original_id FROM story_articles "
                             f"WHERE story_id IN ({marks}) ORDER BY story_id, position", part):
                out.setdefault(r["story_id"], []).append((r["article_id"], r["original_id"] or r["article_id"]))
        return out

    def iter_rows_without_story(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        """The stored rows of the articles no story holds yet, in id order, in batches: what a
        story update groups (a day's articles, not the whole collection read to find them)."""
        last = ""
        while True:
            rows = self._q(f"SELECT {self._article_columns} FROM articles a WHERE a.id > ? AND NOT EXISTS "
                           "(SELECT 1 FROM story_articles s WHERE s.article_id = a.id) ORDER BY a.id LIMIT ?",
                           (last, batch))
            if not rows:
                return
            yield from rows
            last = rows[-1]["id"]

    def get_articles(self, ids: list[str]) -> list[Article]:
        return [row_to_article(r) for r in self.get_rows(ids)]

    def get_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        """The stored rows of these articles, undecoded (`row_to_article` makes Articles): cheap to
        hand to worker processes."""
        rows: list[dict[str, Any]] = []
        for marks, part in self._chunks(list(dict.fromkeys(ids))):
            rows += self._q(f"SELECT {self._article_columns} FROM articles WHERE id IN ({marks})", part)
        return rows

    def list_story_rows(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
                        query: str | None = None, min_articles: int = 1) -> list[dict[str, Any]]:
        where, params = ["n_articles >= ?"], [int(min_articles)]
        if outlet:
            where.append("outlets LIKE ?")
            params.append("%" + json.dumps(outlet, ensure_ascii=False) + "%")
        if query:
            where.append("title LIKE ?")
            params.append(f"%{query}%")
        rows = self._q(
            f"SELECT * FROM stories WHERE {' AND '.join(where)} "
            "ORDER BY CASE WHEN last_seen IS NULL THEN 1 ELSE 0 END, last_seen DESC, n_articles DESC, id "
            "LIMIT ? OFFSET ?", [*params, max(0, int(limit)), max(0, int(offset))])
        return [self._story(r) for r in rows]

    def get_story_row(self, story_id: str) -> dict[str, Any] | None:
        rows = self._q("SELECT * FROM stories WHERE id = ?", (story_id,))
        return self._story(rows[0]) if rows else None

    def headlines(self, limit: int | None = None, offset: int = 0, outlet: str | None = None
                  ) -> list[dict[str, Any]]:
        """id, outlet, title, published of stored articles, newest first, paged in SQL."""
        where, params = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
        page = " LIMIT ? OFFSET ?" if limit is not None else ""
        if limit is not None:
            params += [max(0, int(limit)), max(0, int(offset))]
        return self._q(f"SELECT id, outlet, title, published FROM articles {where} "
                       f"ORDER BY CASE WHEN published IS NULL THEN 1 ELSE 0 END, published DESC, id DESC{page}",
                       params)

    def count_articles(self, outlet: str | None = None) -> int:
        where, params = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
        return int(self._q(f"SELECT COUNT(*) AS n FROM articles {where}", params)[0]["n"])

    def story_of(self, article_id: str) -> str | None:
        rows = self._q("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
        return rows[0]["story_id"] if rows else None
