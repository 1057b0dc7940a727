from marsad.model import Analysis, Article, Attribution, Entity, Quantity, Quote
from marsad.stories.compare import compare, disagreements, outlet_of


def _article(aid, outlet, published, text="", entities=(), quantities=(), attributions=(), quotes=()):
    a = Article(id=aid, source=f"{aid}.txt", text=text, outlet=outlet, published=published)
    a.analysis = Analysis(entities=list(entities), quantities=list(quantities),
                          attributions=list(attributions), quotes=list(quotes))
    return a


def _q(text, value, unit, qualifier="exact", low=None, high=None):
    return Quantity(text, value, low, high, qualifier, unit, 0, len(text))


def test_numbers_that_disagree_are_reported_with_each_outlets_wording_and_hedge():
    arts = [_article("1", "الأفق", "2025-03-01", quantities=[_q("نحو 500 قتيل", 500, "قتيل", "approx")]),
            _article("2", "المشرق", "2025-03-02", quantities=[_q("أكثر من ألف قتيل", 1000, "قتيل", "more_than")]),
            _article("3", "الساحل", "2025-03-02", quantities=[_q("بين 600 و700 قتيل", None, "قتيل", "range",
                                                                 600, 700)])]
    [d] = disagreements(arts)
    assert d["what"] == "قتيل"
    assert d["values"] == {"الأفق": 500, "المشرق": 1000, "الساحل": [600, 700]}
    assert d["qualifiers"]["المشرق"] == "more_than"
    assert d["wording"]["الأفق"] == "نحو 500 قتيل"


def test_outlets_that_agree_make_no_disagreement():
    arts = [_article("1", "أ", None, quantities=[_q("12 قتيلا", 12, "قتيل")]),
            _article("2", "ب", None, quantities=[_q("اثني عشر قتيلا", 12, "قتيل")])]
    assert disagreements(arts) == []


def test_origin_is_the_source_most_outlets_rely_on():
    arts = [_article("1", "الحل", None, attributions=[Attribution(["سكاي نيوز عربية", "الصن"], 0, 1, "")]),
            _article("2", "هاوار", None, attributions=[Attribution(["الصن", "معهد دراسة الحرب"], 0, 1, "")])]
    report = compare(arts)
    assert report.origin == "الصن"
    assert {"from": "الحل", "to": "سكاي نيوز عربية", "count": 1} in report.edges
    assert {"from": "سكاي نيوز عربية", "to": "الصن", "count": 1} in report.edges


def test_naming_shows_each_outlets_name_for_the_same_actor_and_loaded_terms():
    isis_a = Entity(0, 4, "داعش", "ORG", "تنظيم الدولة الإسلامية", "org:isis")
    isis_b = Entity(0, 14, "تنظيم الدولة", "ORG", "تنظيم الدولة الإسلامية", "org:isis")
    arts = [_article("1", "أ", None, "داعش يهاجم السجن ومرتزقة التنظيم يفرون، والمرتزقة كثر", [isis_a]),
            _article("2", "ب", None, "تنظيم الدولة يهاجم السجن", [isis_b])]
    report = compare(arts)
    [row] = report.naming
    assert row["forms"] == {"أ": ["داعش"], "ب": ["تنظيم الدولة"]}
    assert "delegitimising" in report.framing["أ"]
    assert "ب" not in report.framing


def test_shared_quotes_across_outlets_flag_changed_wording():
    q1 = Quote("لن نسمح بتكرار هذه الكارثة مرة أخرى في المحافظة", "المحافظ", 0, 10)
    q2 = Quote("لن نسمح بتكرار هذه الكارثة في المحافظة", "المحافظ", 0, 10)
    arts = [_article("1", "أ", None, quotes=[q1]), _article("2", "ب", None, quotes=[q2])]
    [shared] = compare(arts).shared_quotes
    assert shared["changed"] is True and shared["speaker"] == "المحافظ"


def test_timeline_orders_reports_and_lists_what_each_added():
    first = _article("1", "أ", "2025-03-01T08:00", quantities=[_q("10 قتلى", 10, "قتيل")])
    later = _article("2", "ب", "2025-03-01T12:00", quantities=[_q("10 قتلى", 10, "قتيل"),
                                                              _q("30 جريحا", 30, "جريح")])
    timeline = compare([later, first]).timeline
    assert [row["article"] for row in timeline] == ["1", "2"]
    assert timeline[1]["added"]["quantities"] == ["30 جريحا"]


def test_outlet_falls_back_to_the_web_domain():
    a = Article(id="x", source="dump/x.html", text="", url="https://www.alofoq-news.example/a/1")
    assert outlet_of(a) == "alofoq-news.example"
