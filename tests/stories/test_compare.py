from said import quantity_at as _at
from said import said as _said

from marsad.model import Analysis, Article, Attribution, Entity, Quantity, Quote
from marsad.stories.compare import compare, disagreements, outlet_of, role_of


def _article(aid, outlet, published, text="", entities=(), quantities=(), attributions=(), quotes=()):
    a = Article(id=aid, source=f"{aid}.txt", text=text, outlet=outlet, published=published)
    a.analysis = Analysis(entities=list(entities), quantities=list(quantities),
                          attributions=list(attributions), quotes=list(quotes))
    return a


def _q(text, value, unit, qualifier="exact", low=None, high=None):
    return Quantity(text, value, low, high, qualifier, unit, 0, len(text))


QUAKE = "وقالت السلطات إن زلزال الحوز أودى بحياة {} في القرى الجبلية المحيطة بمراكش."


def test_numbers_that_disagree_are_reported_with_each_outlets_wording_and_hedge():
    arts = [_said("1", "الأفق", QUAKE.format("نحو 500 قتيل"), ("نحو 500 قتيل", 500, "قتيل", "approx")),
            _said("2", "المشرق", QUAKE.format("أكثر من ألف قتيل"), ("أكثر من ألف قتيل", 1000, "قتيل", "more_than")),
            _said("3", "الساحل", QUAKE.format("بين 600 و700 قتيل"), ("بين 600 و700 قتيل", None, "قتيل", "range"))]
    ranged = arts[2].analysis.quantities[0]
    ranged.low, ranged.high = 600, 700
    [d] = disagreements(arts)
    assert d["what"] == "قتلى"
    assert d["values"] == {"الأفق": 500, "المشرق": 1000, "الساحل": [600, 700]}
    assert d["qualifiers"]["المشرق"] == "more_than"
    assert d["wording"]["الأفق"] == "نحو 500 قتيل"
    assert d["basis"] == "sentences" and d["confidence"] >= 0.7


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


def test_loaded_terms_are_listed_in_the_order_the_text_uses_them_on_every_run():
    text = "وصف المزعوم مجزرة ارتكبتها عصابات بحق الشهداء، ثم عادت المجزرة والمرتزقة إلى القرية"
    framing = compare([_article("1", "أ", None, text), _article("2", "ب", None, "خبر بلا ألفاظ")]).framing["أ"]
    assert list(framing) == ["hedging", "emotive", "delegitimising", "legitimising"]
    assert framing["emotive"] == ["مجزره"] and framing["delegitimising"] == ["عصابات", "مرتزقه"]


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


def _told(aid, outlet, text, *quantities):
    return _said(aid, outlet, text, *quantities, day=f"2025-04-0{aid}")


def _by_what(arts):
    return {d["what"]: d["values"] for d in disagreements(arts)}


def test_attackers_killed_are_compared_across_names_plurals_and_of_them():
    a = "أعلنت قسد أن الهجوم على سجن غويران في الحسكة انتهى بمقتل 9 من المهاجمين واعتقال ثلاثة آخرين."
    b = "وقالت قسد إن نحو 25 إرهابياً اقتحموا سجن غويران في الحسكة، قتل منهم 7 وفر الباقون."
    c = "وذكرت قسد أن 30 مسلحاً هاجموا سجن غويران في الحسكة، وأن قواتها قتلت تسعة مهاجمين."
    places = ("غويران", "الحسكة")
    arts = [_said("1", "أ", a, ("9", 9, "مهاجمين"), ("ثلاثة", 3, None), places=places),
            _said("2", "ب", b, ("نحو 25", 25, "إرهابي", "approx"), ("7", 7, None), places=places),
            _said("3", "ج", c, ("30", 30, "مسلح"), ("تسعة", 9, "مهاجمين"), places=places)]
    found = _by_what(arts)
    # "مهاجمين" is the plural of a listed synonym; "قتل منهم 7" counts the 25 of its sentence
    assert found["مسلح (قتلى)"] == {"أ": 9, "ب": 7, "ج": 9}
    # the 25 took part in the attack: "قتل" after the comma is about the next number
    assert found["مسلح (مهاجمون)"] == {"ب": 25, "ج": 30}


def test_some_of_the_wounded_is_a_part_and_not_set_against_the_whole():
    a = "أصيب 24 شخصا في انفجار صهريج غاز بحي الفيصلية في الدمام، بينهم أطفال."
    b = "وأكد الدفاع المدني في الدمام أن أربعة من المصابين في انفجار صهريج الغاز بحي الفيصلية في حالة حرجة."
    c = "وأصيب 31 شخصا في انفجار صهريج غاز بحي الفيصلية في الدمام."
    places = ("الفيصلية", "الدمام")
    arts = [_said("1", "أ", a, ("24", 24, "شخص"), places=places),
            _said("2", "ب", b, ("أربعة", 4, "مصاب"), places=places),
            _said("3", "ج", c, ("31", 31, "شخص"), places=places)]
    assert [sorted(d["values"].values()) for d in disagreements(arts)] == [[24, 31]]


def test_a_number_without_unit_and_without_of_them_counts_nothing():
    a = "قتل 8 مسلحين في الاشتباكات، وأعلن الجيش لاحقاً مقتل 5."
    b = "قتل 8 مسلحين في الاشتباكات."
    arts = [_told("1", "أ", a, ("8", 8, "مسلح"), ("5", 5, None)), _told("2", "ب", b, ("8", 8, "مسلح"))]
    assert disagreements(arts) == []


def test_percent_increase_of_a_price_is_one_quantity_however_it_is_phrased():
    a = "ورفعت وزارة التموين المصرية سعر ربطة الخبز المدعم إلى 3 جنيهات بزيادة 20 في المئة."
    b = "وارتفع سعر ربطة الخبز المدعم 25% بحسب قرار وزارة التموين المصرية."
    c = "وقالت وزارة التموين المصرية إن زيادة سعر ربطة الخبز المدعم بلغت 20%."
    d = "وارتفعت نسبة التضخم السنوي في المدن المصرية إلى 30 في المئة بحسب جهاز الإحصاء."
    e = "وبلغ معدل التضخم السنوي في المدن المصرية 28% بحسب جهاز الإحصاء."
    arts = [_said("1", "أ", a, ("3", 3, "جنيه"), ("20 في المئة", 20, "%")),
            _said("2", "ب", b, ("25%", 25, "%")),
            _said("3", "ج", c, ("20%", 20, "%")),
            _said("4", "د", d, ("30 في المئة", 30, "%")),
            _said("5", "هـ", e, ("28%", 28, "%"))]
    found = _by_what(arts)
    assert found["% (تغير)"] == {"أ": 20, "ب": 25, "ج": 20}
    # "rose to 30%" gives a level, not a change: compared with the other level, not with the increases
    assert found["% (نسبة)"] == {"د": 30, "هـ": 28}


RANSOM = "وقالت مصادر دبلوماسية إن فدية بلغت {} دفعت مقابل الإفراج عن عمال الإغاثة المختطفين في ميناكا."


def test_a_vague_amount_in_a_plural_currency_is_compared_with_the_exact_one():
    arts = [_said("1", "أ", RANSOM.format("3 ملايين يورو"), ("3 ملايين", 3_000_000, "يورو")),
            _said("2", "ب", RANSOM.format("مئات آلاف اليوروهات"), ("مئات آلاف", None, "يوروهات", "vague"))]
    [d] = disagreements(arts)
    assert d["unit"] == "يورو"
    assert d["values"] == {"أ": 3_000_000, "ب": None}
    assert d["qualifiers"]["ب"] == "vague"


def test_a_vague_amount_that_can_hold_the_exact_one_is_no_disagreement():
    arts = [_said("1", "أ", RANSOM.format("3 ملايين يورو"), ("3 ملايين", 3_000_000, "يورو")),
            _said("2", "ب", RANSOM.format("ملايين اليوروهات"), ("ملايين", None, "يوروهات", "vague"))]
    assert disagreements(arts) == []


def test_prison_sentences_in_years_are_compared_whether_in_sana_or_am():
    a = "قضت محكمة جنايات الكرخ بسجن مدير شركة المعدات الهندسية 7 سنوات بتهمة هدر المال العام."
    b = "وحكمت محكمة جنايات الكرخ على مدير شركة المعدات الهندسية بالسجن 9 أعوام بتهمة هدر المال العام."
    arts = [_said("1", "أ", a, ("7", 7, "سنة")), _said("2", "ب", b, ("9", 9, "عام"))]
    [d] = disagreements(arts)
    assert d["what"] == "سنة (حكم)"
    assert d["values"] == {"أ": 7, "ب": 9}


def test_a_sentence_is_not_compared_with_a_deadline_or_a_term_in_office():
    a = "حكمت المحكمة بالسجن 10 سنوات على المتهم."
    b = "ومنحت المحكمة الدفاع مهلة 10 أيام للطعن في الحكم."
    c = "وكان الوزير قد أمضى 12 عاماً في منصبه قبل أن يستقيل."
    arts = [_told("1", "أ", a, ("10", 10, "سنة")), _told("2", "ب", b, ("10", 10, "يوم")),
            _told("3", "ج", c, ("12", 12, "عام"))]
    assert disagreements(arts) == []


def test_hedges_are_intervals_about_and_exact_agree_more_than_and_a_larger_number_agree():
    arts = [_said("1", "أ", QUAKE.format("نحو 500 قتيل"), ("نحو 500 قتيل", 500, "قتيل", "approx")),
            _said("2", "ب", QUAKE.format("500 قتيل"), ("500 قتيل", 500, "قتيل"))]
    assert disagreements(arts) == []
    arts = [_said("1", "أ", QUAKE.format("أكثر من 100 قتيل"), ("أكثر من 100 قتيل", 100, "قتيل", "more_than")),
            _said("2", "ب", QUAKE.format("150 قتيلا"), ("150 قتيلا", 150, "قتيل"))]
    assert disagreements(arts) == []


def test_more_than_a_thousand_and_about_five_hundred_cannot_both_be_true():
    arts = [_said("1", "أ", QUAKE.format("أكثر من ألف قتيل"), ("أكثر من ألف قتيل", 1000, "قتيل", "more_than")),
            _said("2", "ب", QUAKE.format("نحو 500 قتيل"), ("نحو 500 قتيل", 500, "قتيل", "approx"))]
    [d] = disagreements(arts)
    assert d["apart"] == ["ب", "أ"] and 0 < d["confidence"] <= 1


def test_each_disagreement_carries_each_outlets_sentence():
    a = "وأعلنت السلطات مقتل 12 شخصا في سيول وادي حضرموت. وبدأت فرق الإنقاذ عملها."
    b = "قالت السلطات إن حصيلة سيول وادي حضرموت بلغت 20 قتيلا. وتواصل البحث عن مفقودين."
    arts = [_said("1", "أ", a, ("12", 12, "شخص"), places=("حضرموت",)),
            _said("2", "ب", b, ("20", 20, "قتيل"), places=("حضرموت",))]
    [d] = disagreements(arts)
    assert d["what"] == "قتلى"
    assert d["sentences"] == {"أ": "وأعلنت السلطات مقتل 12 شخصا في سيول وادي حضرموت",
                              "ب": "قالت السلطات إن حصيلة سيول وادي حضرموت بلغت 20 قتيلا"}


def test_others_after_the_wounded_count_the_people_of_the_previous_number():
    a = "أسفر زلزال الحسيمة عن مقتل 6 أشخاص وإصابة نحو 40 آخرين في إقليم الحسيمة."
    b = "ارتفعت حصيلة زلزال الحسيمة إلى 14 قتيلا و93 جريحا في إقليم الحسيمة."
    arts = [_said("1", "أ", a, ("6", 6, "شخص"), ("نحو 40", 40, None, "approx"), places=("الحسيمة",)),
            _said("2", "ب", b, ("14", 14, "قتيل"), ("93", 93, "جريح"), places=("الحسيمة",))]
    found = _by_what(arts)
    assert found["جرحى"] == {"أ": 40, "ب": 93}
    assert found["قتلى"] == {"أ": 6, "ب": 14}


def test_outlets_that_both_give_both_numbers_do_not_disagree():
    a = "صوّت 46 نائبا لصالح القانون مقابل 40 نائبا عارضوه في الكنيست."
    b = "عارض القانون 40 نائبا بينما أيده 46 نائبا في قراءة أولى بالكنيست."
    arts = [_told("1", "أ", a, ("46", 46, "نائب"), ("40", 40, "نائب")),
            _told("2", "ب", b, ("40", 40, "نائب"), ("46", 46, "نائب"))]
    assert disagreements(arts) == []


def test_a_share_of_a_whole_is_not_compared_with_a_count():
    a = "صوّت ثلثا الأعضاء لصالح المشروع في المجلس."
    b = "صوّت 9 أعضاء لصالح المشروع في المجلس."
    arts = [_told("1", "أ", a, ("ثلثا الأعضاء", 0.667, "عضو")), _told("2", "ب", b, ("9", 9, "عضو"))]
    arts[0].analysis.quantities[0].kind = "fraction"
    assert disagreements(arts) == []


def test_a_two_letter_role_cue_is_a_whole_word():
    a = "وأعلن الفريق عن 3 صفقات جديدة قبل انطلاق الموسم."
    q = _at(a, "3", 3, "صفقة")
    assert role_of(a, q) != "فارون"


def test_an_article_without_outlet_or_url_is_an_unknown_source_not_its_file_name():
    a = Article(id="abc123def", source="dumps/hadath_atmeh-camp-fire.txt", text="")
    assert outlet_of(a).startswith("مصدر غير معروف") and "hadath" not in outlet_of(a)


def test_a_publisher_named_with_and_without_its_descriptor_is_one_outlet():
    a = "قالت السلطات إن زلزال الحسيمة أودى بحياة 6 أشخاص في إقليم الحسيمة."
    b = "قالت السلطات إن زلزال الحسيمة أودى بحياة 14 قتيلا في إقليم الحسيمة."
    c = "وأكدت السلطات أن زلزال الحسيمة أودى بحياة 6 أشخاص في إقليم الحسيمة."
    arts = [_said("1", "النهار المغاربية", a, ("6", 6, "شخص")), _said("2", "صحيفة الأفق", b, ("14", 14, "قتيل")),
            _said("3", "صحيفة النهار المغاربية", c, ("6", 6, "شخص"))]
    report = compare(arts)
    assert report.outlets == ["الأفق", "النهار المغاربية"]
    [row] = report.disagreements
    assert set(row["values"]) == {"الأفق", "النهار المغاربية"}


def test_a_count_of_days_after_an_attack_is_not_a_count_of_attackers():
    text = "وشن الطيران أولى غاراته بعد 4 أيام على الهجوم الانتحاري في البلدة."
    assert role_of(text, _at(text, "4", 4, "يوم")) is None
    text = "وقتل 4 أشخاص بعد الهجوم الانتحاري على البلدة."
    assert role_of(text, _at(text, "4", 4, "شخص")) == "قتلى"


def test_a_figure_in_whole_thousands_holds_what_its_writer_cut():
    """"22 ألف حبة" is how one outlet writes the 22,790 pills another counts; 24 thousand is not."""
    seized = "ضبطت الجمارك في منفذ الحديثة {} مخبأة داخل مركبة قادمة من الأردن."
    exact = _said("1", "أ", seized.format("22790 حبة"), ("22790 حبة", 22790, "حبة"))
    assert disagreements([exact, _said("2", "ب", seized.format("22 ألف حبة"), ("22 ألف حبة", 22000, "حبة"))]) == []
    [row] = disagreements([exact, _said("2", "ب", seized.format("24 ألف حبة"), ("24 ألف حبة", 24000, "حبة"))])
    assert row["values"] == {"أ": 22790, "ب": 24000}


def test_a_role_joined_by_and_after_a_number_belongs_to_the_next_figure():
    """"مقتل 11 من عناصر التنظيم و10 مدنيين وإصابة 17 آخرين": the ten civilians were killed; the
    wounding opens the next item, the 17."""
    text = "وأعلن مسؤولون مقتل 11 من عناصر التنظيم و10 مدنيين وإصابة 17 آخرين في موجة عنف جديدة."
    assert role_of(text, _at(text, "10", 10, "مدني")) == "قتلى"
    assert role_of(text, _at(text, "17", 17, None)) == "جرحى"
    text = "وأسفر الحادث عن 5 وفيات وإصابة 7 آخرين."
    assert role_of(text, _at(text, "5", 5, None)) == "قتلى"


def test_the_dead_and_the_wounded_counted_together_are_a_role_of_their_own():
    """"5000 مدني قتل وأصيب" counts both; it is not a toll of the dead to set against "1592 قتيلا"."""
    for text, snippet, unit in (("وقالت المنظمة إن نحو 5000 مدني قتلوا وأصيبوا خلال النصف الأول من العام.", "5000", "مدني"),
                                ("وسقط في القصف 50 شخصا بين قتيل وجريح.", "50", "شخص"),
                                ("وأسفر الانفجار عن مقتل وإصابة 40 شخصا.", "40", "شخص")):
        assert role_of(text, _at(text, snippet, int(snippet), unit)) == "قتلى وجرحى", text
    together = "وقالت المنظمة إن نحو 5000 مدني قتلوا وأصيبوا خلال النصف الأول من العام في الولايات الجنوبية."
    dead = "وقالت المنظمة إن 1592 مدنيا قتلوا خلال النصف الأول من العام في الولايات الجنوبية."
    assert disagreements([_said("1", "أ", together, ("5000", 5000, "مدني")),
                          _said("2", "ب", dead, ("1592", 1592, "مدني"))]) == []


def test_a_joined_cue_with_its_own_number_keeps_the_two_figures_apart():
    """The dead counted before "وأصيب 47", or a wounding with its own number, is no joint count."""
    text = "لقي تسعة معتمرين مصرعهم وأصيب 47 آخرون في حادث مروري."
    assert role_of(text, _at(text, "47", 47, None)) == "جرحى"
    text = "وأسفر الحادث عن 3 قتلى وإصابة 5 آخرين."
    assert role_of(text, _at(text, "3", 3, "قتيل")) == "قتلى"
    assert role_of(text, _at(text, "5", 5, None)) == "جرحى"
    text = "وأسفر الحادث عن 3 قتلى وإصابة العشرات."
    assert role_of(text, _at(text, "3", 3, "قتيل")) == "قتلى"



def test_martyrdom_fell_victim_and_claimed_lives_are_cues_of_the_dead():
    """"استشهاد 26", "راح ضحيته 26", "أودت بحياة 12" count the dead; "لجروح" the wounded."""
    for text, snippet, role in (("وأدى التفجير إلى استشهاد 26 شخصا داخل المسجد.", "26", "قتلى"),
                                ("وهو التفجير الذي راح ضحيته 26 شخصا في المسجد.", "26", "قتلى"),
                                ("وكانت السيول قد أودت بحياة 12 شخصا في الإقليم.", "12", "قتلى"),
                                ("وتعرض 5 عمال لجروح في الموقع.", "5", "جرحى")):
        assert role_of(text, _at(text, snippet, int(snippet), "شخص")) == role, text
