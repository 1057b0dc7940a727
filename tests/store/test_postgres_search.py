"""PostgreSQL ranks many matches in two halves at once, on two connections; the pages are those of
one statement."""
from __future__ import annotations

from store_fixtures import make_article

from marsad.store.postgres import PostgresStore


def _pages(store: PostgresStore, query: str, split_at: int) -> list[list[str]]:
    store.split_ranking_at = split_at
    return [[h.id for h in store.search(query, limit=7, offset=offset)] for offset in (0, 7, 21, 84)]


def test_ranking_in_two_halves_gives_the_pages_of_one_statement(pg_url: str) -> None:
    # scores repeat (ties are ordered by id) and the best articles sit in both halves of the storing order
    bodies = [("مطر " * (1 + k % 5)) + f"على المدينة في اليوم {k}." for k in range(90)]
    with PostgresStore(pg_url) as store:
        store.upsert([make_article(f"r{(k * 37) % 90:02d}", body) for k, body in enumerate(bodies)])
        for query in ("مطر", "مطر المدينة", '"على المدينة"'):
            whole = _pages(store, query, 10**9)
            assert [len(page) for page in whole] == [7, 7, 7, 6]
            assert _pages(store, query, 2) == whole
        assert store._helper is not None          # the second half ran on a connection of its own
    assert store._helper is None                  # closed with the store


def test_the_newest_matches_are_found_bucket_by_bucket_and_older_ones_at_once(pg_url: str) -> None:
    from marsad.store.postgres import BUCKET_SHIFT

    def stored_from(store: PostgresStore, rid: int, articles: list) -> None:
        store.conn.execute("SELECT setval('articles_rid_seq', %s)", (rid,))
        store.upsert(articles)

    size = 1 << BUCKET_SHIFT
    with PostgresStore(pg_url) as store:
        # storing-order buckets 0, 3 and 5; the phrase in all three, the place name in 0 and 5 only
        store.upsert([make_article(f"old{k}", "انقطاع الكهرباء في حي النزهة.") for k in range(5)])
        stored_from(store, 3 * size, [make_article(f"mid{k}", "انقطاع الكهرباء عن الأحياء.") for k in range(3)])
        stored_from(store, 5 * size, [make_article("new0", "انقطاع الكهرباء في حي النزهة مجددا."),
                                      make_article("new1", "انقطاع الكهرباء عن المصانع.")])
        rid = {r["id"]: r["rid"] for r in store.conn.execute("SELECT id, rid FROM articles")}
        assert {rid[a] >> BUCKET_SHIFT for a in rid} == {0, 3, 5}
        store.search_depth = 4
        # bucket 5, empty bucket 4, then bucket 3 holds the rest
        assert {h.id for h in store.search("انقطاع الكهرباء", limit=10)} == {"new0", "new1", "mid1", "mid2"}
        # one match in bucket 5, none in the bucket after it: the older matches are asked for at once
        asked, execute = [], store.conn.execute
        store.conn.execute = lambda sql, *args, **kw: (asked.append(sql), execute(sql, *args, **kw))[1]
        assert {h.id for h in store.search("النزهة", limit=10)} == {"new0", "old2", "old3", "old4"}
        store.conn.execute = execute
        assert sum("s.rid DESC" in sql for sql in asked) == 3      # buckets 5 and 4, then the rest
        store.search_depth = 100
        assert len(store.search("انقطاع الكهرباء", limit=20)) == 10
