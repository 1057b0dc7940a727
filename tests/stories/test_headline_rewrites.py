"""A headline and its rewrite by another outlet: a changed number is reported, and a paraphrase
that keeps the numbers raises nothing. The pairs (tests/stories/data/headline_rewrites.json) were
written for these tests; the rates are measured over all of them, as the issue states its target
(a changed number reported in at least 60% of pairs, false alarms on at most 5% of paraphrases)."""
import json
from pathlib import Path

import pytest

from marsad import analyze
from marsad.model import Article
from marsad.stories.compare import disagreements
from marsad.stories.service import group

PAIRS = json.loads((Path(__file__).parent / "data" / "headline_rewrites.json").read_text("utf-8"))


def _pair(a: str, b: str) -> list[Article]:
    out = []
    for n, text in enumerate((a, b)):
        article = Article(id=f"a{n}", source=f"{n}.txt", text=text, title=text, outlet=f"منبر {n}",
                          published="2015-08-01")
        article.analysis = analyze(text, published="2015-08-01")
        out.append(article)
    return out


def _reported(a: str, b: str, values: list[float]) -> bool:
    return any(sorted(v for v in row["values"].values() if v is not None) == sorted(values)
               for row in disagreements(_pair(a, b)))


def test_a_rewrite_that_changes_one_number_is_reported_in_most_pairs():
    found = [_reported(a, b, values) for a, b, values in PAIRS["changed"]]
    assert len(found) >= 20
    assert sum(found) / len(found) >= 0.6, f"{sum(found)}/{len(found)} changed numbers reported"


def test_a_paraphrase_that_keeps_the_numbers_rarely_raises_a_disagreement():
    alarms = [bool(disagreements(_pair(a, b))) for a, b in PAIRS["kept"]]
    assert len(alarms) >= 20
    assert sum(alarms) / len(alarms) <= 0.05, f"{sum(alarms)}/{len(alarms)} paraphrases raised a disagreement"


@pytest.mark.parametrize("a,b,values", [
    ("مقتل 5 أشخاص في حريق بمستودع في جدة", "مصرع 7 أشخاص إثر حريق في مستودع بجدة", (5, 7)),
])
def test_a_rewrite_that_changes_one_number_groups_and_reports_it(a, b, values):
    articles = _pair(a, b)
    assignment, _ = group(articles)
    assert assignment["a0"] == assignment["a1"]
    [row] = disagreements(articles)
    assert tuple(row["values"].values()) == values


@pytest.mark.parametrize("a,b", [
    ("أعلنت وزارة الصحة تسجيل 20 إصابة جديدة بكورونا", "أعلنت وزارة التعليم بدء العام الدراسي الأسبوع المقبل"),
    ("أغلقت السلطات الطريق السريع بسبب الأمطار الغزيرة", "أعيد فتح الطريق السريع بعد انتهاء أعمال الصيانة"),
])
def test_two_headlines_sharing_only_common_words_are_two_stories(a, b):
    articles = _pair(a, b)
    assignment, _ = group(articles)
    assert assignment["a0"] != assignment["a1"]
