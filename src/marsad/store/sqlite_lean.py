"""SQLite schema 3: the text kept once, the bulky JSON packed, entity mentions as a small index.

Schema 2 held every article's text twice (the row and the FTS5 content), its analysis as JSON
text, and one wide mentions row per entity mention (id, key, names and their normalised forms,
offsets) with four indexes: 5.2x the raw input on SaudiNewsNet. Schema 3 keeps:
- `articles_fts` contentless (`content=''`): the index alone; search ranks on it and reads the
  text from `articles`. Rewriting an article deletes its old terms with FTS5's 'delete' command,
  fed from the stored row (`index_text` of what is being replaced).
- `articles.analysis`, `articles.lines` and `stories.report` packed (zlib JSON, `base.pack`).
- `names`: each distinct (key, canonical, type, surface) once, with the normalised forms entity
  lookups need, and `mentions(name_id, rid, n)`: which article names it how often.
The migration converts a schema-2 database in place, outlet names included.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from marsad.store.base import index_fields, pack
from marsad.store.outlet_names import rename_outlets

__all__ = ["FTS_TABLE", "LEAN_MIGRATION", "NAMES_TABLES", "fts_delete"]

FTS_TABLE = """CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content = '', tokenize = 'unicode61 remove_diacritics 2')"""

NAMES_TABLES = [
    """CREATE TABLE names (
        id INTEGER PRIMARY KEY, key TEXT NOT NULL, canonical TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL DEFAULT '', surface TEXT NOT NULL DEFAULT '',
        norm_canonical TEXT NOT NULL DEFAULT '', norm_surface TEXT NOT NULL DEFAULT '')""",
    # one row per (key, canonical, type, surface), kept so by the one writer (see SqliteStore);
    # the key alone is indexed, a third of the size of an index over all four
    "CREATE INDEX names_key ON names(key)",
    "CREATE INDEX names_canonical ON names(norm_canonical)",
    "CREATE INDEX names_surface ON names(norm_surface)",
    """CREATE TABLE name_mentions (
        name_id INTEGER NOT NULL, rid INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (name_id, rid)) WITHOUT ROWID""",
    "CREATE INDEX name_mentions_rid ON name_mentions(rid)",
]


def fts_delete(conn: sqlite3.Connection, rid: int, title: str | None, text: str) -> None:
    """Take an article's terms out of the contentless index (they must be the ones indexed)."""
    conn.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                 (rid, *index_fields(title, text)))


def _sql(conn: sqlite3.Connection) -> Callable[[str, tuple], list[tuple]]:
    return lambda sql, params: [tuple(r) for r in conn.execute(sql, params).fetchall()]


def _pack_columns(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT rid, lines, analysis FROM articles "
                        "WHERE typeof(lines) = 'text' OR typeof(analysis) = 'text'").fetchall()
    conn.executemany("UPDATE articles SET lines = ?, analysis = ? WHERE rid = ?",
                     [(pack(json.loads(lines)) if isinstance(lines, str) else lines,
                       pack(json.loads(analysis)) if isinstance(analysis, str) else analysis, rid)
                      for rid, lines, analysis in rows])
    conn.executemany("UPDATE stories SET report = ? WHERE id = ?",
                     [(pack(json.loads(report)), sid) for sid, report in conn.execute(
                         "SELECT id, report FROM stories WHERE typeof(report) = 'text'").fetchall()])


def _index_names(conn: sqlite3.Connection) -> None:
    for statement in NAMES_TABLES:
        conn.execute(statement)
    conn.execute("""INSERT INTO names (key, canonical, type, surface, norm_canonical, norm_surface)
        SELECT key, COALESCE(canonical, ''), COALESCE(type, ''), COALESCE(surface, ''),
               MIN(COALESCE(norm_canonical, '')), MIN(COALESCE(norm_surface, ''))
        FROM mentions GROUP BY key, COALESCE(canonical, ''), COALESCE(type, ''), COALESCE(surface, '')""")
    conn.execute("""INSERT INTO name_mentions (name_id, rid, n)
        SELECT n.id, a.rid, COUNT(*) FROM mentions m
        JOIN articles a ON a.id = m.article_id
        JOIN names n ON n.key = m.key AND n.canonical = COALESCE(m.canonical, '')
             AND n.type = COALESCE(m.type, '') AND n.surface = COALESCE(m.surface, '')
        GROUP BY n.id, a.rid""")
    conn.execute("DROP TABLE mentions")


def _contentless_index(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE articles_fts")
    conn.execute(FTS_TABLE)
    last = -1
    while True:
        rows = conn.execute("SELECT rid, title, text FROM articles WHERE rid > ? ORDER BY rid LIMIT 1000",
                            (last,)).fetchall()
        if not rows:
            return
        conn.executemany("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                         [(rid, *index_fields(title, text)) for rid, title, text in rows])
        last = rows[-1][0]


def to_lean(conn: sqlite3.Connection) -> None:
    """Schema 2 → 3, inside the caller's transaction (the file shrinks at the next VACUUM, which
    the store runs once after this migration)."""
    rename_outlets(_sql(conn), "?")
    _pack_columns(conn)
    _index_names(conn)
    _contentless_index(conn)


LEAN_MIGRATION = [to_lean]
