"""Articles waiting for a grouping run: handed out in time order, from memory or from disk alike."""
from pathlib import Path

import pytest

from marsad.stories.cluster import StoryDoc
from marsad.stories.features import PackedCounts, terms
from marsad.stories.waiting import WaitingDocs

TIMES = ["2025-03-02T10:00:00", None, "2025-03-01T08:00:00", "2025-03-02T10:00:00", "2025-03-01T23:59:00", None]


def _docs():
    return [StoryDoc(f"a{n % 3}", "", published=when, outlet=f"منبر {n}",
                     counts=PackedCounts.pack(terms(f"حريق في مستودع رقم {n} بجدة")))
            for n, when in enumerate(TIMES)]


@pytest.mark.parametrize("spill_after", [100, 2])
def test_waiting_articles_come_out_by_time_then_id_undated_last_ties_in_adding_order(tmp_path, spill_after):
    waiting = WaitingDocs(spill_after, folder=tmp_path)
    for doc in _docs():
        waiting.add(doc)
    assert len(waiting) == len(TIMES)
    out = list(waiting.drain())
    assert [(d.published, d.id, d.outlet) for d in out] == [
        ("2025-03-01T08:00:00", "a2", "منبر 2"), ("2025-03-01T23:59:00", "a1", "منبر 4"),
        ("2025-03-02T10:00:00", "a0", "منبر 0"), ("2025-03-02T10:00:00", "a0", "منبر 3"),
        (None, "a1", "منبر 1"), (None, "a2", "منبر 5")]
    assert out[0].counts.counter() == terms("حريق في مستودع رقم 2 بجدة")
    assert len(waiting) == 0 and list(Path(tmp_path).iterdir()) == []


def test_the_waiting_file_has_no_name_while_open_and_is_gone_when_a_run_stops_early(tmp_path):
    waiting = WaitingDocs(1, folder=tmp_path)
    for doc in _docs():
        waiting.add(doc)
    assert waiting.on_disk and list(Path(tmp_path).iterdir()) == []
    drained = waiting.drain()
    next(drained)
    drained.close()
    assert not waiting.on_disk and len(waiting) == 0
