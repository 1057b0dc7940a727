"""A database written by release 0.1.0 (schema 2: FTS with a copy of the text, analysis as JSON
text, wide mention rows, outlets as each article wrote them) opens in this release, migrated in
place: the same search and entity answers, one name per publisher, stories kept, and smaller.

tests/store/data/release-0.1.0.db is `marsad ingest examples/` made by 0.1.0; its answers file
holds what 0.1.0 returned for the queries below.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from marsad.clean.outlets import outlet_name
from marsad.store.sqlite import SCHEMA_VERSION, SqliteStore
from marsad.stories.service import get_story, list_stories

DATA = Path(__file__).parent / "data"


@pytest.fixture()
def migrated(tmp_path: Path) -> tuple[SqliteStore, int]:
    path = tmp_path / "old.db"
    shutil.copy(DATA / "release-0.1.0.db", path)
    size_before = path.stat().st_size
    store = SqliteStore(path)
    yield store, size_before
    store.close()


def test_the_release_database_is_at_schema_2_before_opening() -> None:
    with sqlite3.connect(DATA / "release-0.1.0.db") as conn:
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 2


def test_search_and_entity_answers_are_unchanged_after_migration(migrated) -> None:
    store, _ = migrated
    answers = json.loads((DATA / "release-0.1.0.answers.json").read_text("utf-8"))
    assert store.schema_version() == SCHEMA_VERSION
    for query, ids in answers["queries"].items():
        assert [h.id for h in store.search(query, limit=100)] == ids, query
    for entity, ids in answers["entity"].items():
        assert store.articles_by_entity(entity) == ids, entity


def test_every_article_keeps_its_text_and_analysis(migrated, tmp_path: Path) -> None:
    store, _ = migrated
    with sqlite3.connect(DATA / "release-0.1.0.db") as old:
        before = {r[0]: (r[1], json.loads(r[2]) if r[2] else None)
                  for r in old.execute("SELECT id, text, analysis FROM articles")}
    after = {a.id: a for a in store.iter_articles()}
    assert set(after) == set(before)
    for article_id, (text, analysis) in before.items():
        assert after[article_id].text == text
        assert (after[article_id].analysis.to_dict() if after[article_id].analysis else None) == analysis


def test_outlets_are_unified_in_articles_and_stories(migrated) -> None:
    store, _ = migrated
    names = [name for name, _ in store.outlets() if name]
    assert all(outlet_name(n) == n for n in names)
    assert len({outlet_name(n) for n in names}) == len(names)
    assert "صحيفة النهار المغاربية" not in names and "النهار المغاربية" in names
    stories = list_stories(store, limit=100)
    assert stories
    old_forms = {"صحيفة النهار المغاربية", "موقع عين الفرات", "موقع بوابة النيل", "صحيفة الأفق"}
    for item in stories:
        named = _names_in(get_story(store, item["id"]))
        assert not named & old_forms, item["id"]


def _names_in(value: object) -> set[str]:
    """Every string that is a whole value or key (sentences quoting an outlet are not names)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return set().union(*map(_names_in, value)) if value else set()
    if isinstance(value, dict):
        return set(value).union(*map(_names_in, value.values()))
    return set()


def test_the_migrated_file_is_smaller_and_opens_again_without_work(migrated) -> None:
    store, size_before = migrated
    path = store.path
    assert path.stat().st_size < size_before
    store.close()
    with SqliteStore(path) as again:
        assert [r[0] for r in again.conn.execute("SELECT version FROM schema_version")] == \
            list(range(1, SCHEMA_VERSION + 1))
