"""PostgreSQL databases of earlier releases open in this one migrated in place, and their searches
answer as before: schema 3 (before articles had a storing order), schema 4 (before the search
index had a table of its own) and schema 5 (before that index knew each row's storing bucket)."""
from __future__ import annotations

import uuid

import pytest
from store_fixtures import make_article

from marsad.store.postgres import MIGRATIONS, SCHEMA_VERSION, PostgresStore


def _database_at(pg_server: str, version: int) -> str:
    """A fresh database migrated to `version` only, as the release of that schema left it."""
    import psycopg

    name = "m_" + uuid.uuid4().hex[:12]
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = f"{pg_server}/{name}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for done, steps in enumerate(MIGRATIONS[:version]):
            for step in steps:
                if callable(step):
                    step(conn)
                else:
                    conn.execute(step)
            conn.execute("INSERT INTO schema_version VALUES (%s)", (done + 1,))
    return url


def _write_as_before(url: str, articles: list) -> None:
    """Rows as schemas 3 and 4 wrote them: the tsvector in `articles`."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for a in articles:
            conn.execute("INSERT INTO articles (id, source, text, content_hash, ingested_at, updated_at, fts) "
                         "VALUES (%s, %s, %s, %s, '2026-01-01', '2026-01-01', to_tsvector('simple', %s))",
                         (a.id, a.source, a.text, "h" + a.id, a.text))


@pytest.fixture()
def schema3_url(pg_server: str) -> str:
    return _database_at(pg_server, 3)


def test_a_schema_3_database_gets_a_storing_order_and_keeps_its_answers(schema3_url: str) -> None:
    _write_as_before(schema3_url, [make_article(f"a{k}", "مطر " * (6 - k) + "على المدينة اليوم.") for k in range(6)])
    with PostgresStore(schema3_url) as store:
        version = store.conn.execute("SELECT MAX(version) AS v FROM schema_version").fetchone()["v"]
        assert version == SCHEMA_VERSION
        rids = [r["rid"] for r in store.conn.execute("SELECT rid FROM articles ORDER BY rid")]
        assert len(set(rids)) == 6 and None not in rids
        assert [h.id for h in store.search("مطر", limit=3)] == ["a0", "a1", "a2"]
        store.upsert([make_article("a9", "مطر غزير على المدينة.")])
        newest = store.conn.execute("SELECT id FROM articles ORDER BY rid DESC LIMIT 1").fetchone()["id"]
        assert newest == "a9"


def test_a_schema_4_database_moves_its_search_index_to_a_narrow_table_and_keeps_its_answers(pg_server: str) -> None:
    import psycopg

    url = _database_at(pg_server, 4)
    _write_as_before(url, [make_article(f"b{k}", "سيول " * (5 - k) + "في الوادي بعد المطر.") for k in range(5)])
    with psycopg.connect(url, autocommit=True) as conn:
        before = [r[0] for r in conn.execute(
            "SELECT id FROM articles WHERE fts @@ to_tsquery('simple', 'سيول') "
            "ORDER BY ts_rank(fts, to_tsquery('simple', 'سيول')) DESC, id LIMIT 3")]
    with PostgresStore(url) as store:
        columns = {r["column_name"] for r in store.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles'")}
        assert "fts" not in columns and "rid" in columns
        assert store.conn.execute("SELECT COUNT(*) AS n FROM search_docs").fetchone()["n"] == 5
        assert [h.id for h in store.search("سيول", limit=3)] == before == ["b0", "b1", "b2"]
        store.upsert([make_article("b1", "جفاف في الوادي هذا العام.")])     # new words replace the old
        assert [h.id for h in store.search("جفاف")] == ["b1"]
        assert "b1" not in [h.id for h in store.search("سيول")]
        assert store.conn.execute("SELECT COUNT(*) AS n FROM search_docs").fetchone()["n"] == 5


def test_a_schema_5_database_indexes_its_words_with_their_storing_bucket_and_keeps_its_answers(pg_server: str) -> None:
    import psycopg

    url = _database_at(pg_server, 5)
    with psycopg.connect(url, autocommit=True) as conn:
        for k in range(5):
            text = "سيول " * (5 - k) + "في الوادي بعد المطر."
            rid = conn.execute("INSERT INTO articles (id, source, text, content_hash, ingested_at, updated_at) "
                               "VALUES (%s, 'x', %s, %s, '2026-01-01', '2026-01-01') RETURNING rid",
                               (f"c{k}", text, f"h{k}")).fetchone()[0]
            conn.execute("INSERT INTO search_docs (rid, id, fts) VALUES (%s, %s, to_tsvector('simple', %s))",
                         (rid, f"c{k}", text))
    with PostgresStore(url) as store:
        indexes = {r["indexname"] for r in store.conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_docs'")}
        assert "search_docs_words" in indexes and "search_docs_fts" not in indexes
        assert [h.id for h in store.search("سيول", limit=3)] == ["c0", "c1", "c2"]
        added = make_article("c9", "سيول جارفة في الوادي.")
        store.upsert([added])
        assert [h.id for h in store.search("جارفة")] == ["c9"]
        assert [h.id for h in store.search("سيول", outlet=added.outlet)] == ["c9"]     # a filtered search
