"""SQLite specifics: file settings, schema versioning, and what the FTS index holds."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_fixtures import BODY_UAE, make_article

from marsad.store import open_store
from marsad.store.sqlite import SCHEMA_VERSION, SqliteStore


def test_database_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "m.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_open_store_accepts_paths_and_sqlite_urls(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/u.db") as store:
        assert isinstance(store, SqliteStore)
    assert (tmp_path / "u.db").exists()


def test_schema_version_is_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    SqliteStore(path).close()
    with SqliteStore(path) as store:   # reopening runs no migration twice
        rows = store.conn.execute("SELECT version FROM schema_version").fetchall()
    assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def test_a_database_from_a_newer_marsad_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    SqliteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    with pytest.raises(RuntimeError, match="newer marsad"):
        SqliteStore(path)


def _index_terms(store: SqliteStore) -> set[str]:
    store.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, articles_fts, 'row')")
    return {r[0] for r in store.conn.execute("SELECT term FROM temp.terms")}


def test_fts_index_holds_normalised_text_and_no_copy_of_it(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "m.db") as store:
        store.upsert([make_article("a1", BODY_UAE, title="الإمارات")])
        terms = _index_terms(store)
        title, body = store.conn.execute("SELECT title, body FROM articles_fts").fetchone()
    assert "الامارات" in terms and "الإمارات" not in terms
    assert "2017" in terms and "٢٠١٧" not in terms
    assert title is None and body is None          # contentless: the text lives in articles only


def test_analysis_and_lines_are_stored_packed(tmp_path: Path) -> None:
    from store_fixtures import entity

    article = make_article("a1", BODY_UAE, entities=[entity("الإمارات", BODY_UAE, "LOC", "الإمارات", "loc:ae")])
    with SqliteStore(tmp_path / "m.db") as store:
        store.upsert([article])
        kind = store.conn.execute("SELECT typeof(analysis) FROM articles").fetchone()[0]
        back = store.get("a1")
    assert kind == "blob"
    assert back.analysis == article.analysis


def test_rewriting_an_article_replaces_its_index_terms_and_names(tmp_path: Path) -> None:
    from store_fixtures import entity

    first = make_article("a1", "زار الوفد مدينة طرطوس أمس.", entities=[
        entity("طرطوس", "زار الوفد مدينة طرطوس أمس.", "LOC", "طرطوس", "loc:tartus")])
    second = make_article("a1", "زار الوفد مدينة حمص أمس.", entities=[
        entity("حمص", "زار الوفد مدينة حمص أمس.", "LOC", "حمص", "loc:homs")])
    with SqliteStore(tmp_path / "m.db") as store:
        store.upsert([first])
        assert store.upsert([second]).updated == 1
        terms = _index_terms(store)
        assert "حمص" in terms and "طرطوس" not in terms
        assert [h.id for h in store.search("حمص")] == ["a1"] and store.search("طرطوس") == []
        assert store.articles_by_entity("loc:homs") == ["a1"] and store.articles_by_entity("loc:tartus") == []
        assert [e["key"] for e in store.entities()] == ["loc:homs"]


def test_a_failed_batch_leaves_no_partial_write(tmp_path: Path) -> None:
    good = make_article("ok", BODY_UAE)
    broken = make_article("broken", BODY_UAE)
    broken.text = None  # type: ignore[assignment]  # violates NOT NULL mid-batch
    with SqliteStore(tmp_path / "m.db") as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.upsert([good, broken])
        assert store.count() == 0
        assert store.upsert([good]).ingested == 1


def test_one_batch_may_carry_two_versions_of_an_article(tmp_path: Path) -> None:
    from store_fixtures import entity

    body = "زار الوفد مدينة حمص أمس."
    first = make_article("a1", body, entities=[entity("حمص", body, "LOC", "حمص", "loc:homs")])
    second = make_article("a1", body + " ثم عاد.", entities=[entity("حمص", body, "LOC", "حمص", "loc:homs")])
    with SqliteStore(tmp_path / "m.db") as store:
        counts = store.upsert([first, second])
        assert (counts.ingested, counts.updated) == (1, 1)
        assert store.get("a1").text.endswith("ثم عاد.")
        assert store.entities() == [{"key": "loc:homs", "canonical": "حمص", "type": "LOC", "mentions": 1,
                                     "articles": 1}]


def _full_query_ids(store: SqliteStore, query: str, limit: int, offset: int) -> list[str]:
    """The page as the join of every match to its article ranks it (the path filters take)."""
    depth, store.search_depth = store.search_depth, 10**9
    try:
        store._rank_on_index = lambda *args: None          # type: ignore[method-assign]
        return [h.id for h in store.search(query, limit=limit, offset=offset)]
    finally:
        del store._rank_on_index
        store.search_depth = depth


def test_search_ranked_on_the_index_alone_gives_the_pages_of_the_full_query(tmp_path: Path) -> None:
    # copies score alike, so ties cross page ends; varied lengths give varied scores
    bodies = [f"حريق في مستودع بمدينة جدة {'وصلت فرق الدفاع المدني ' * (k % 4)}رقم {k}." for k in range(60)]
    bodies += ["حريق في مستودع بمدينة جدة." for _ in range(30)]
    with SqliteStore(tmp_path / "m.db") as store:
        # ids out of storing order: ties are broken by id, not by the index's row order
        store.upsert([make_article(f"a{(37 * k) % 90:03d}", body) for k, body in enumerate(bodies)])
        for query in ("حريق", "مستودع جدة", "الدفاع المدني"):
            for limit, offset in ((10, 0), (20, 20), (7, 50), (20, 85), (5, 200), (10, 40_000)):
                fast = [h.id for h in store.search(query, limit=limit, offset=offset)]
                assert fast == _full_query_ids(store, query, limit, offset), (query, limit, offset)
