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


@pytest.mark.parametrize("spill_after", [20_000, 3])
def test_a_grouping_run_gives_the_same_stories_with_its_waiting_articles_in_memory_or_on_disk(demo_store, spill_after):
    from marsad.stories.service import _Grouping, _grouping_inputs

    with open_store(demo_store) as store:
        grouping = _Grouping(None, spill_after=spill_after)
        for item in _grouping_inputs(store.iter_rows(), 1):
            grouping.add(item)
        waiting = len(grouping.waiting)
        assert grouping.waiting.on_disk is (spill_after < waiting)
        assignment = grouping.run()
        assert len(grouping.waiting) == 0 and grouping.taken == waiting == len(assignment)
        assert assignment == group(list(store.iter_articles()))[0]
