"""The limits on one article: one that takes too long to process is skipped with the setting to
change, the rest of the batch goes on, and every runner applies the same policy."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from marsad.extract import analyze
from marsad.model import RawArticle, Skip
from marsad.pipeline import max_article_seconds, process_item
from marsad.runner import ingest
from marsad.store import open_store

SHORT = ("اجتماع وزاري في عمان\n\nعقد وزراء الزراعة في ثلاث دول اجتماعا في عمان يوم الأحد لبحث "
         "شح المياه، وقال وزير الزراعة الأردني إن الموسم الحالي هو الأصعب منذ عشرين عاما.\n")
# a long but legal article (under the character limit): 1,400 sentences, each with made-up names
# (seeded), so that no cache of the analysis makes a second pass cheap (~0.5 s warm, 250x SHORT)
_RNG = random.Random(17)


def _name() -> str:
    return "".join(_RNG.choice("بتثجحخدذرزسشصضطظعغفقكلمنهوي") for _ in range(5))


LONG = "تقرير مطول\n\n" + "\n\n".join(
    f"وقال {_name()} {_name()} المتحدث باسم بلدية {_name()} إن {i + 3} عمال أصيبوا في حادث وقع يوم "
    f"{1 + i % 28} مارس 2024 في حي {_name()} بمدينة {_name()}، ونقلت وكالة {_name()} عن مصدر أمني أن "
    "التحقيق ما زال جاريا."
    for i in range(1400))
LIMIT = "0.1"


@pytest.fixture(autouse=True)
def warm() -> None:
    analyze("قال وزير الخارجية إن 12 شخصا أصيبوا.")     # models loaded before any timing


def test_the_default_limit_is_generous_and_settable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert max_article_seconds() == 60
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_SECONDS", "2.5")
    assert max_article_seconds() == 2.5
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_SECONDS", "soon")
    assert max_article_seconds() == 60


def test_an_article_past_the_time_limit_is_skipped_with_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_SECONDS", LIMIT)
    slow = process_item(RawArticle(source="long.txt", content=LONG, kind="text"))
    quick = process_item(RawArticle(source="short.txt", content=SHORT, kind="text"))
    assert isinstance(slow, Skip) and "MARSAD_MAX_ARTICLE_SECONDS" in slow.reason
    assert not isinstance(quick, Skip) and quick.analysis is not None


def test_an_ingest_skips_the_slow_article_and_keeps_the_rest(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_SECONDS", LIMIT)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-long.txt").write_text(LONG, "utf-8")
    (tmp_path / "in" / "b-short.txt").write_text(SHORT, "utf-8")
    with open_store(tmp_path / "m.db") as store:
        counts = ingest([tmp_path / "in"], store, workers=1)
        assert store.count() == 1
    [(source, reason)] = counts.skipped
    assert source.endswith("a-long.txt") and "MARSAD_MAX_ARTICLE_SECONDS" in reason
