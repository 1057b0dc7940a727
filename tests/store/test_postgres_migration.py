"""A PostgreSQL database made before articles had a storing order (schema 3) opens in this
release with its rows numbered in place, and its searches answer as before."""
from __future__ import annotations

import uuid

import pytest
from store_fixtures import make_article

from marsad.store.postgres import MIGRATIONS, SCHEMA_VERSION, PostgresStore


@pytest.fixture()
def schema3_url(pg_server: str) -> str:
    """A fresh database migrated to schema 3 only, as the previous release left it."""
    import psycopg

    name = "m_" + uuid.uuid4().hex[:12]
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = f"{pg_server}/{name}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for version, steps in enumerate(MIGRATIONS[:3]):
            for step in steps:
                if callable(step):
                    step(conn)
                else:
                    conn.execute(step)
            conn.execute("INSERT INTO schema_version VALUES (%s)", (version + 1,))
    return url


def test_a_schema_3_database_gets_a_storing_order_and_keeps_its_answers(schema3_url: str) -> None:
    import psycopg

    articles = [make_article(f"a{k}", "مطر " * (6 - k) + "على المدينة اليوم.") for k in range(6)]
    with psycopg.connect(schema3_url, autocommit=True) as conn:   # rows written as schema 3 wrote them
        for a in articles:
            conn.execute("INSERT INTO articles (id, source, text, content_hash, ingested_at, updated_at, fts) "
                         "VALUES (%s, %s, %s, %s, '2026-01-01', '2026-01-01', to_tsvector('simple', %s))",
                         (a.id, a.source, a.text, "h" + a.id, a.text))
    with PostgresStore(schema3_url) as store:
        version = store.conn.execute("SELECT MAX(version) AS v FROM schema_version").fetchone()["v"]
        assert version == SCHEMA_VERSION
        rids = [r["rid"] for r in store.conn.execute("SELECT rid FROM articles ORDER BY rid")]
        assert len(set(rids)) == 6 and None not in rids
        assert [h.id for h in store.search("مطر", limit=3)] == ["a0", "a1", "a2"]
        store.upsert([make_article("a9", "مطر غزير على المدينة.")])
        newest = store.conn.execute("SELECT id FROM articles ORDER BY rid DESC LIMIT 1").fetchone()["id"]
        assert newest == "a9"
