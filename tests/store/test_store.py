"""Store behaviour, run against SQLite and a real PostgreSQL server alike."""
from __future__ import annotations

import dataclasses

import pytest
from store_fixtures import BODY_UAE, make_article

from marsad.model import Analysis, Skip
from marsad.store import QueryError, Store


def test_upsert_counts_new_articles_as_ingested(store: Store, corpus) -> None:
    assert store.upsert(corpus).to_dict() == {"ingested": 3, "updated": 0, "unchanged": 0}
    assert store.count() == 3


def test_upserting_the_same_articles_twice_changes_nothing(store: Store, corpus) -> None:
    store.upsert(corpus)
    assert store.upsert(corpus).to_dict() == {"ingested": 0, "updated": 0, "unchanged": 3}
    assert store.count() == 3


def test_changed_content_is_updated_in_place_and_reindexed(store: Store, corpus) -> None:
    store.upsert(corpus)
    edited = dataclasses.replace(corpus[0], text="خبر معدل عن الكويت", content_hash="", analysis=Analysis())
    assert store.upsert([edited]).to_dict() == {"ingested": 0, "updated": 1, "unchanged": 0}
    assert store.count() == 3
    assert store.get("a1").text == "خبر معدل عن الكويت"
    assert [h.id for h in store.search("الكويت")] == ["a1"]
    assert store.search("جديدة") == []
    assert store.articles_by_entity("loc:ae") == []


def test_analysis_arriving_later_updates_an_unanalysed_article(store: Store) -> None:
    bare = make_article("b1", BODY_UAE, analysed=False)
    store.upsert([bare])
    analysed = make_article("b1", BODY_UAE)
    assert store.upsert([analysed]).updated == 1
    assert store.get("b1").analysis is not None
    assert store.upsert([bare]).unchanged == 1   # a re-run without analysis keeps the analysis
    assert store.get("b1").analysis is not None


def test_duplicate_ids_within_one_batch_are_stored_once(store: Store, corpus) -> None:
    counts = store.upsert([corpus[0], corpus[0]])
    assert (counts.ingested, counts.unchanged) == (1, 1)
    assert store.count() == 1


def test_get_round_trips_the_article(store: Store, corpus) -> None:
    store.upsert(corpus)
    got = store.get("a2")
    assert got.to_json() == {**corpus[1].to_json(), "content_hash": got.content_hash}
    assert store.get("missing") is None


def test_search_folds_hamza_forms(store: Store, corpus) -> None:
    store.upsert(corpus)
    assert [h.id for h in store.search("الامارات")] == ["a1"]
    assert [h.id for h in store.search("الإمارات")] == ["a1"]


def test_search_matches_western_digits_to_arabic_indic(store: Store, corpus) -> None:
    store.upsert(corpus)
    assert [h.id for h in store.search("2017")] == ["a1"]
    assert [h.id for h in store.search("٢٠١٧")] == ["a1"]


def test_search_ignores_diacritics_and_tatweel_in_queries(store: Store, corpus) -> None:
    store.upsert(corpus)
    assert [h.id for h in store.search("أمْطـار")] == ["a3"]


def test_snippet_highlights_the_original_spelling(store: Store, corpus) -> None:
    store.upsert(corpus)
    hit = store.search("الامارات")[0]
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "الإمارات"
    assert "[الإمارات]" in hit.marked()


def test_search_requires_all_words_and_supports_phrases_and_prefixes(store: Store, corpus) -> None:
    store.upsert(corpus)
    assert [h.id for h in store.search("أمطار جدة")] == ["a3"]
    assert store.search("أمطار الإمارات") == []
    assert [h.id for h in store.search('"مدينة جدة"')] == ["a3"]
    assert store.search('"جدة مدينة"') == []
    assert [h.id for h in store.search("انسح*")] == ["a2"]


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "a OR", "AND", "(((", "title:x", "-", "^", "'", "x\x00y",
                                   '"unterminated', "الامارات OR NOT", "ا" * 10_000, "؟ ، ؛"])
def test_hostile_queries_never_raise(store: Store, corpus, query: str) -> None:
    store.upsert(corpus)
    try:
        hits = store.search(query)
    except QueryError:
        return   # a clear "nothing to search for" is an acceptable answer
    assert isinstance(hits, list)


@pytest.mark.parametrize("query", ["", "   ", "!!!", "*"])
def test_empty_queries_say_so(store: Store, corpus, query: str) -> None:
    store.upsert(corpus)
    with pytest.raises(QueryError):
        store.search(query)


def test_search_filters_by_outlet_and_dates(store: Store, corpus) -> None:
    store.upsert(corpus)
    everything = 'صحيفة'   # matches no body: use entity-free, query-free listing instead
    assert everything
    assert {h.id for h in store.search(entity="loc:jeddah", outlet="صحيفة المرصد")} == {"a3"}
    assert {h.id for h in store.search("إن", outlet="صحيفة المرصد")} == {"a2"}
    assert store.search("إن", outlet="وكالة الأنباء") == []
    assert [h.id for h in store.search(entity="org:isis", date_from="2017-10-29", date_to="2017-10-29")] == ["a2"]
    assert store.search(entity="org:isis", date_to="2017-10-28") == []


def test_entity_search_accepts_keys_canonical_names_and_surface_forms(store: Store, corpus) -> None:
    store.upsert(corpus)
    assert store.articles_by_entity("org:isis") == ["a2"]
    assert store.articles_by_entity("تنظيم الدولة الاسلامية") == ["a2"]   # canonical, folded
    assert store.articles_by_entity("داعش") == ["a2"]                    # surface
    assert [h.id for h in store.search("انسحب", entity="داعش")] == ["a2"]
    assert store.search("انسحب", entity="loc:jeddah") == []


def test_entities_and_outlets_are_counted(store: Store, corpus) -> None:
    store.upsert(corpus)
    assert {e["key"]: e["articles"] for e in store.entities()} == {"loc:ae": 1, "org:isis": 1, "loc:jeddah": 1}
    assert store.outlets() == [("صحيفة المرصد", 2), ("وكالة الأنباء", 1)]


def test_iter_articles_returns_every_article_in_id_order(store: Store, corpus) -> None:
    store.upsert(corpus)
    assert [a.id for a in store.iter_articles(batch=2)] == ["a1", "a2", "a3"]


def test_skips_keep_the_latest_reason_per_source(store: Store) -> None:
    store.record_skip("bad.bin", "not text")
    store.record_skips([Skip("bad.bin", "still not text"), Skip("empty.txt", "empty file")])
    assert store.skips() == [Skip("bad.bin", "still not text"), Skip("empty.txt", "empty file")]


def test_runs_are_recorded(store: Store) -> None:
    run = store.start_run(["examples"])
    store.finish_run(run, {"ingested": 1})
    assert store.start_run(["examples"]) == run + 1


def test_known_hashes_lists_only_analysed_articles_when_asked(store: Store, corpus) -> None:
    store.upsert(corpus + [make_article("raw", "نص بلا تحليل", analysed=False)])
    assert set(store.known_hashes()) == {"a1", "a2", "a3"}
    assert set(store.known_hashes(with_analysis=False)) == {"a1", "a2", "a3", "raw"}


def test_overview_groups_articles_by_day_and_outlet(store: Store, corpus) -> None:
    store.upsert(corpus)
    groups = [(g["date"], g["outlet"], g["count"]) for g in store.overview()]
    assert groups == [("2017-10-26", "وكالة الأنباء", 1), ("2017-10-29", "صحيفة المرصد", 1),
                      ("2017-11-02", "صحيفة المرصد", 1)]


def test_a_prepared_article_is_stored_exactly_like_a_plain_one(store: Store, corpus) -> None:
    from marsad.store.base import prepare

    store.upsert([prepare(dataclasses.replace(corpus[1], id="p2")), corpus[1]])
    assert store.get("p2").to_json() == {**store.get("a2").to_json(), "id": "p2"}
    assert store.articles_by_entity("org:isis") == ["a2", "p2"]
    assert [h.id for h in store.search("انسحب")] in (["a2", "p2"], ["p2", "a2"])


def test_rows_without_story_are_the_articles_no_story_holds_yet(store: Store, corpus) -> None:
    from marsad.stories.service import story_row

    store.upsert(corpus)
    first = store.get(corpus[0].id)
    store.save_stories([story_row("s_one", [first])], [("s_one", first.id, first.id)])
    waiting = [row["id"] for row in store.iter_rows_without_story(batch=1)]   # paged one by one
    assert waiting == sorted(a.id for a in corpus[1:])


def test_story_links_read_both_ways_keep_the_stronger_score_and_name_the_later_side(store: Store, corpus) -> None:
    from marsad.stories.service import get_story, story_row

    store.upsert(corpus)
    arts = [store.get(a.id) for a in corpus[:3]]
    store.save_stories([story_row(f"s_{n}", [a]) for n, a in enumerate(arts)],
                       [(f"s_{n}", a.id, a.id) for n, a in enumerate(arts)])
    store.save_story_links([("s_1", "s_0", "follow_up", 0.4), ("s_2", "s_0", "same_topic", 0.3),
                            ("s_1", "s_gone", "same_topic", 0.9)])
    store.save_story_links([("s_1", "s_0", "same_topic", 0.2), ("s_2", "s_0", "same_topic", 0.5)])
    links = store.story_links("s_0")
    assert [(r["id"], r["kind"], r["score"], r["later"]) for r in links] == [
        ("s_2", "same_topic", 0.5, True), ("s_1", "follow_up", 0.4, True)]
    assert [(r["id"], r["later"]) for r in store.story_links("s_1")] == [("s_0", False)]   # s_gone: no such story
    related = {r["id"]: r["relation"] for r in get_story(store, "s_0")["related"]}
    assert related == {"s_1": "followed_up_by", "s_2": "same_topic"}
    assert get_story(store, "s_1")["related"][0]["relation"] == "follow_up_of"


def test_a_word_in_more_articles_than_the_search_depth_ranks_the_newest_stored(store: Store) -> None:
    # the first stored mention the word most, so on the whole table they would rank first
    store.upsert([make_article(f"a{k}", "مطر " * (8 - k) + "على المدينة اليوم.") for k in range(8)])
    store.search_depth = 3
    assert {h.id for h in store.search("مطر", limit=10)} == {"a5", "a6", "a7"}
    store.search_depth = 100
    assert [h.id for h in store.search("مطر", limit=3)] == ["a0", "a1", "a2"]


def test_the_search_depth_is_set_by_the_environment(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.store import open_store

    store.upsert([make_article(f"a{k}", "مطر " * (8 - k) + "على المدينة اليوم.") for k in range(8)])
    monkeypatch.setenv("MARSAD_SEARCH_DEPTH", "2")
    with open_store(store.url) as again:
        assert again.search_depth == 2
        assert {h.id for h in again.search("مطر", limit=10)} == {"a6", "a7"}
    monkeypatch.setenv("MARSAD_SEARCH_DEPTH", "كثير")
    with pytest.raises(ValueError, match="MARSAD_SEARCH_DEPTH"):
        open_store(store.url)


def test_the_newest_matches_are_found_however_far_apart_they_were_stored(store: Store) -> None:
    # one article in twenty holds the phrase, so the newest rows hold too few matches at first
    bodies = ["سيول في وادي الدواسر " * (1 + k % 3) if k % 20 == 0 else f"خبر رياضي رقم {k}." for k in range(400)]
    store.upsert([make_article(f"b{k:03d}", body) for k, body in enumerate(bodies)])
    store.search_depth = 4
    newest = {f"b{k:03d}" for k in (320, 340, 360, 380)}
    assert {h.id for h in store.search("وادي الدواسر", limit=10)} == newest
    assert {h.id for h in store.search('"سيول في وادي"', limit=10)} == newest
    assert {h.id for h in store.search("سيول", outlet="صحيفة المرصد", limit=30)} == {f"b{k:03d}" for k in range(0, 400, 20)}


def test_outlet_names_are_every_outlet_once_in_alphabetical_order(store: Store) -> None:
    store.upsert([make_article(f"o{k}", "خبر عن المطر.", outlet=outlet)
                  for k, outlet in enumerate(["واس", "الرياض", None, "واس", "عكاظ", "الرياض", "واس"])])
    assert store.outlet_names() == sorted({"واس", "الرياض", "عكاظ"})
    assert [name for name, _ in store.outlets() if name] == ["واس", "الرياض", "عكاظ"]


def test_the_data_version_holds_while_only_reading_and_moves_with_a_write(store: Store) -> None:
    store.upsert([make_article("v1", "هطلت أمطار غزيرة على المدينة.")])

    def holds_while_reading() -> bool:
        before = store.data_version()
        store.search("أمطار")
        store.count()
        store.get("v1")
        store.outlet_names()
        return before is not None and store.data_version() == before

    # PostgreSQL's version is the server's: a background writer (autovacuum) may move it once
    assert any(holds_while_reading() for _ in range(3))
    before = store.data_version()
    store.upsert([make_article("v2", "عادت الأمطار إلى المدينة.")])
    assert store.data_version() != before
