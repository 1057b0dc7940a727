"""A headline and its rewrite by another outlet: they group, a changed number is reported, and a
paraphrase that keeps the numbers raises nothing."""
import pytest

from marsad import analyze
from marsad.model import Article
from marsad.stories.compare import disagreements
from marsad.stories.service import group


def _pair(a: str, b: str) -> list[Article]:
    out = []
    for n, text in enumerate((a, b)):
        article = Article(id=f"a{n}", source=f"{n}.txt", text=text, title=text, outlet=f"منبر {n}",
                          published="2015-08-01")
        article.analysis = analyze(text, published="2015-08-01")
        out.append(article)
    return out


@pytest.mark.parametrize("a,b,values", [
    ("مقتل 5 أشخاص في حريق بمستودع في جدة", "مصرع 7 أشخاص إثر حريق في مستودع بجدة", (5, 7)),
    ("وفاة الفنان نور الشريف عن عمر يناهز 69 عاما", "رحيل الفنان نور الشريف عن 71 عاما بعد صراع مع المرض", (69, 71)),
    ("الحكومة تخصص 2 مليار ريال لدعم مشاريع الإسكان", "المملكة ترصد 3 مليارات ريال لمشروعات الإسكان",
     (2_000_000_000, 3_000_000_000)),
    ("الهلال يتعاقد مع المهاجم البرازيلي رودريغو سيلفا لمدة 3 مواسم",
     "الهلال يضم البرازيلي رودريغو سيلفا بعقد يمتد 4 مواسم", (3, 4)),
])
def test_a_rewrite_that_changes_one_number_groups_and_reports_it(a, b, values):
    articles = _pair(a, b)
    assignment, _ = group(articles)
    assert assignment["a0"] == assignment["a1"]
    [row] = disagreements(articles)
    assert tuple(row["values"].values()) == values


@pytest.mark.parametrize("a,b", [
    ("اعتقال 12 مشتبها بهم في عملية أمنية بالقطيف", "القبض على 12 مشتبها في حملة أمنية بالقطيف"),
    ("نحو 500 زائر في افتتاح معرض الكتاب", "500 زائر يحضرون افتتاح معرض الكتاب"),
    ("أكثر من 100 قتيل في زلزال بالنيبال", "زلزال النيبال يخلف 150 قتيلا"),
])
def test_a_paraphrase_that_keeps_the_numbers_raises_no_disagreement(a, b):
    assert disagreements(_pair(a, b)) == []


@pytest.mark.parametrize("a,b", [
    ("أعلنت وزارة الصحة تسجيل 20 إصابة جديدة بكورونا", "أعلنت وزارة التعليم بدء العام الدراسي الأسبوع المقبل"),
    ("أغلقت السلطات الطريق السريع بسبب الأمطار الغزيرة", "أعيد فتح الطريق السريع بعد انتهاء أعمال الصيانة"),
])
def test_two_headlines_sharing_only_common_words_are_two_stories(a, b):
    articles = _pair(a, b)
    assignment, _ = group(articles)
    assert assignment["a0"] != assignment["a1"]
