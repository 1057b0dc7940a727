"""The local runner: counts, idempotent re-runs, skips, and a bounded feed into the pool."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad.model import Skip
from marsad.runner import ingest, process_one
from marsad.store import open_store
from news_tree import require_stages, write_tree


def test_a_skip_from_the_reader_passes_through_a_worker() -> None:
    skip = Skip("bad.bin", "not text")
    assert process_one(skip) is skip


@pytest.mark.parametrize("workers", [1, 2])
def test_ingesting_a_tree_twice_stores_each_article_once(tmp_path: Path, workers: int) -> None:
    require_stages()
    write_tree(tmp_path / "news", 40)
    with open_store(tmp_path / "m.db") as store:
        first = ingest([tmp_path / "news"], store, workers=workers)
        assert (first.ingested, first.updated, first.unchanged, first.skipped) == (40, 0, 0, [])
        second = ingest([tmp_path / "news"], store, workers=workers)
        assert (second.ingested, second.updated, second.unchanged) == (0, 0, 40)
        assert store.count() == 40
        assert all(a.analysis is not None for a in store.iter_articles())


def test_a_changed_file_is_updated_on_the_next_run(tmp_path: Path) -> None:
    require_stages()
    paths = write_tree(tmp_path / "news", 5)
    with open_store(tmp_path / "m.db") as store:
        ingest([tmp_path / "news"], store, workers=1)
        paths[0].write_text(paths[0].read_text("utf-8") + "\nوأكد أن المرحلة الثانية تبدأ العام المقبل.\n",
                            encoding="utf-8")
        again = ingest([tmp_path / "news"], store, workers=1)
    assert (again.ingested, again.updated, again.unchanged) == (0, 1, 4)


def test_unreadable_inputs_are_skipped_recorded_and_do_not_stop_the_run(tmp_path: Path) -> None:
    require_stages()
    write_tree(tmp_path / "news", 3)
    (tmp_path / "news" / "empty.txt").write_bytes(b"")
    with open_store(tmp_path / "m.db") as store:
        counts = ingest([tmp_path / "news"], store, workers=2)
        assert counts.ingested == 3
        assert [Path(s).name for s, _ in counts.skipped] == ["empty.txt"]
        assert [(Path(s.source).name, s.reason) for s in store.skips()] == [("empty.txt", "ملف فارغ")]


def test_analysis_can_be_left_out_and_added_by_a_later_run(tmp_path: Path) -> None:
    require_stages()
    write_tree(tmp_path / "news", 4)
    with open_store(tmp_path / "m.db") as store:
        ingest([tmp_path / "news"], store, workers=1, with_analysis=False)
        assert all(a.analysis is None for a in store.iter_articles())
        later = ingest([tmp_path / "news"], store, workers=1)
        assert later.updated == 4
        assert all(a.analysis is not None for a in store.iter_articles())


def test_progress_reports_every_input(tmp_path: Path) -> None:
    require_stages(analysis=False)
    write_tree(tmp_path / "news", 6)
    seen: list[int] = []
    with open_store(tmp_path / "m.db") as store:
        ingest([tmp_path / "news"], store, workers=1, with_analysis=False,
               progress=lambda done, counts: seen.append(done))
    assert seen[-1] == 6


def test_an_input_longer_than_any_article_is_skipped_with_the_setting_to_raise(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    require_stages()
    write_tree(tmp_path / "news", 3)
    (tmp_path / "news" / "one-line.txt").write_text("خبر " * 5_000, encoding="utf-8")
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_CHARS", "4000")
    with open_store(tmp_path / "m.db") as store:
        counts = ingest([tmp_path / "news"], store, workers=1)
    assert counts.ingested == 3
    [(source, reason)] = counts.skipped
    assert source.endswith("one-line.txt") and "MARSAD_MAX_ARTICLE_CHARS" in reason
    assert "فوق حد 16,000 حرف" in reason        # the input may be 4x the text limit (markup)
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_CHARS", "100000")
    with open_store(tmp_path / "m.db") as store:
        assert ingest([tmp_path / "news"], store, workers=1).skipped == []
