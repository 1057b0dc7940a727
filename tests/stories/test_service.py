"""Grouping over a store: the pooled path gives what grouping the articles in one process gives."""
import pytest

from marsad.runner import ingest
from marsad.store import open_store
from marsad.stories.service import group, group_store, update_stories


@pytest.fixture(scope="module")
def demo_store(examples_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("stories") / "demo.db"
    with open_store(str(db)) as store:
        ingest([examples_dir], store, workers=1)
    return str(db)


def test_grouping_rows_in_worker_processes_matches_grouping_articles_in_one(demo_store):
    with open_store(demo_store) as store:
        alone = group(list(store.iter_articles()))
        pooled = group_store(store, workers=2)
    assert pooled == alone
    assert len(set(alone[0].values())) < len(alone[0])      # some stories have several articles


def test_update_stories_with_workers_assigns_every_article_once(demo_store):
    with open_store(demo_store) as store:
        counts = update_stories(store, workers=2)
        assert counts["new_articles"] == store.count() - sum(1 for a in store.iter_articles() if not a.text.strip())
        assert update_stories(store, workers=2)["new_articles"] == 0
