"""Alignment of two outlets' numbers (marsad.stories.align): a disagreement is reported only for
one quantity of one event."""
from said import said as _said

from marsad.stories.compare import disagreements

FIRE = "وأعلن الدفاع المدني في جدة أن حريق مستودع حي الصفا أسفر عن إصابة {} من العمال."


def test_the_same_fact_told_with_two_numbers_is_reported():
    arts = [_said("1", "أ", FIRE.format("12"), ("12", 12, "مصاب")),
            _said("2", "ب", FIRE.format("18"), ("18", 18, "مصاب"))]
    [row] = disagreements(arts)
    assert row["values"] == {"أ": 12, "ب": 18} and row["basis"] == "sentences"


def test_figures_of_two_days_are_not_compared():
    arts = [_said("1", "أ", FIRE.format("12"), ("12", 12, "مصاب"), day="2025-04-01"),
            _said("2", "ب", FIRE.format("18"), ("18", 18, "مصاب"), day="2025-04-05")]
    assert disagreements(arts) == []


def test_two_items_of_a_list_are_not_one_quantity():
    a = "ومن بين المعادن النفيسة صعد البلاتين 0.5 في المائة وزادت الفضة 0.2 في المائة في تعاملات لندن."
    b = "ومن بين المعادن النفيسة زادت الفضة 0.6 في المائة وصعد البلاتين 0.5 في المائة في تعاملات لندن."
    arts = [_said("1", "أ", a, ("0.5 في المائة", 0.5, "%"), ("0.2 في المائة", 0.2, "%")),
            _said("2", "ب", b, ("0.6 في المائة", 0.6, "%"), ("0.5 في المائة", 0.5, "%"))]
    assert disagreements(arts) == []


def test_a_toll_is_not_set_against_its_injured():
    """One outlet's reading pairs the dead of the other with its wounded: the other's number stands
    in its own sentence, so the two are not one quantity."""
    a = "وأسفر تفجير مسجد الإمام الصادق بالصوابر عن استشهاد 26 مصليا وإصابة 227 آخرين."
    b = "وأسفر تفجير مسجد الإمام الصادق بالصوابر عن 26 مصابا بين 227 مصليا."
    arts = [_said("1", "أ", a, ("227", 227, "جريح"), ("26", 26, None)),
            _said("2", "ب", b, ("26", 26, "مصاب"), ("227", 227, None))]
    assert disagreements(arts) == []


def test_a_piece_of_a_number_is_not_a_number():
    a = "وبلغ عدد قراء الصحف في البلاد 3ر42 مليون شخص بحسب التقرير السنوي للناشرين."
    b = "وبلغ عدد قراء الصحف في البلاد 42.3 مليون شخص بحسب التقرير السنوي للناشرين."
    arts = [_said("1", "أ", a, ("مليون", 1_000_000, "شخص")), _said("2", "ب", b, ("42.3 مليون", 42_300_000, "شخص"))]
    assert disagreements(arts) == []


def test_lead_figures_are_compared_in_a_small_story_but_not_in_a_topic_blob():
    a = "قتل 9 أشخاص في سيول اجتاحت محافظة حجة شمال غربي اليمن، بحسب مصادر محلية."
    b = "ارتفعت حصيلة ضحايا السيول في محافظة حجة إلى 17 قتيلا وفق وزارة الصحة."
    small = [_said("1", "أ", a, ("9", 9, "شخص"), places=("حجة",)),
             _said("2", "ب", b, ("17", 17, "قتيل"), places=("حجة",))]
    [row] = disagreements(small)
    assert row["basis"] == "leads" and row["values"] == {"أ": 9, "ب": 17}
    filler = [_said(str(n), f"منبر {n}", "وتواصل فرق الإنقاذ أعمالها في القرى المتضررة.") for n in range(3, 12)]
    assert disagreements(small + filler) == []


HOSPITALS = "وتشمل مشاريع الصحة الجديدة في المنطقة {}."


def test_an_entry_of_an_enumeration_is_compared_only_with_a_figure_that_names_its_item():
    """"بسعة" stands before every entry of the list: the rarer word before it (the hospital) names
    the entry, and a figure for another hospital is not that entry's."""
    listed = HOSPITALS.format("مستشفى الجموم بسعة 100 سرير ومستشفى الليث بسعة 300 سرير ومستشفى القنفذة بسعة 500 سرير")
    beds = [("100 سرير", 100, "سرير"), ("300 سرير", 300, "سرير"), ("500 سرير", 500, "سرير")]
    other = _said("2", "ب", HOSPITALS.format("مستشفى الولادة بسعة 50 سريرا"), ("50 سريرا", 50, "سرير"))
    assert disagreements([_said("1", "أ", listed, *beds), other]) == []
    same = _said("2", "ب", HOSPITALS.format("مستشفى القنفذة بسعة 50 سريرا"), ("50 سريرا", 50, "سرير"))
    [row] = disagreements([_said("1", "أ", listed, *beds), same])
    assert row["values"] == {"أ": 500, "ب": 50}


SEIZED = "وقال مدير الجمرك إن المفتشين عثروا مع المسافر {} على مادة مخدرة تزن {} غراما."
SECOND = "وفي رحلة أخرى حمل راكب في حقيبته {} غراما من الشبوا."


def test_outlets_that_each_give_both_figures_do_not_disagree():
    """Each outlet gives both seizures, worded apart: the two figures set against each other are
    two things of one kind, not two accounts of one."""
    a = SEIZED.format("الأول", "681") + " " + SECOND.format("744")
    b = SEIZED.format("الثاني", "744") + " " + "أما الراكب الذي سبقه فأخفى 681 غراما في أحشائه."
    arts = [_said("1", "أ", a, ("681", 681, "غرام"), ("744", 744, "غرام")),
            _said("2", "ب", b, ("744", 744, "غرام"), ("681", 681, "غرام"))]
    assert disagreements(arts) == []


def test_an_outlet_that_gives_the_other_figure_as_a_claim_still_disagrees():
    """"9 according to the ministry; the group claimed 14" against "14": only one outlet gives both."""
    a = "وأعلنت وزارة الدفاع مقتل 9 جنود في كمين بولاية عين الدفلى. وزعمت مواقع متشددة أمس قتل 14 جنديا."
    b = "وأعلنت جماعة مسلحة مقتل 14 جنديا في كمين بولاية عين الدفلى."
    arts = [_said("1", "أ", a, ("9 جنود", 9, "جندي"), ("14 جنديا", 14, "جندي")),
            _said("2", "ب", b, ("14 جنديا", 14, "جندي"))]
    [row] = disagreements(arts)
    assert row["values"] == {"أ": 9, "ب": 14}


def test_a_figure_in_another_currency_in_brackets_is_not_another_number():
    from marsad.stories.align import mention

    text = "وأرجعت الشركة الخسارة إلى ارتفاع مصاريف الزكاة بـ81 مليون ريال (21.6 مليون دولار) وزيادة الاستهلاك 45 مليون ريال."
    art = _said("1", "أ", text, ("81 مليون", 81e6, "ريال"), ("21.6 مليون", 21.6e6, "دولار"), ("45 مليون", 45e6, "ريال"))
    q = art.analysis.quantities[0]
    m = mention(art, "أ", q, "ريال", None, text, (0, len(text)))
    assert 45e6 in m.others and 21.6e6 not in m.others


def test_a_lead_that_sums_several_incidents_is_not_an_events_headline_figure():
    """"3 وفيات في 3 حوادث متفرقة" is a day's total, not the toll of the crash another outlet leads with."""
    one = "لقي 4 أشخاص مصرعهم في حادث تصادم بين شاحنة وحافلة غرب المزاحمية على طريق مكة، بحسب الهلال الأحمر في منطقة الرياض."
    roundup = "شهدت منطقة الرياض أمس وفاة 3 أشخاص في 3 حوادث متفرقة على طرقها، بحسب الهلال الأحمر."
    single = "شهدت منطقة الرياض أمس وفاة 3 أشخاص في حادث تصادم شاحنة بحافلة غرب المزاحمية، بحسب الهلال الأحمر."
    a = _said("1", "أ", one, ("4 أشخاص", 4, "شخص"), places=("الرياض",))
    assert disagreements([a, _said("2", "ب", roundup, ("3 أشخاص", 3, "شخص"), places=("الرياض",))]) == []
    [row] = disagreements([a, _said("2", "ب", single, ("3 أشخاص", 3, "شخص"), places=("الرياض",))])
    assert row["values"] == {"أ": 4, "ب": 3} and row["basis"] == "leads"


def test_lead_figures_beside_other_places_are_two_events():
    """Two outlets leading with soldiers killed, one in one province and one in another, tell two
    attacks of one week; beside the same province they tell one attack's two tolls."""
    tail = "، في وقت تتواصل فيه المواجهات مع مسلحي الحزب في جنوب شرق تركيا منذ أسابيع."
    a = "قتل 3 جنود في انفجار عبوة ناسفة استهدف دورية للجيش في ولاية شرناق" + tail
    other = "أفادت مصادر أمنية بمقتل 12 جنديا في اشتباكات مع مسلحين في محافظة كرمانشاه" + tail
    same = "أفادت مصادر أمنية بمقتل 5 جنود في انفجار لغم بدورية في ولاية شرناق" + tail
    first = _said("1", "أ", a, ("3", 3, "جندي"), places=("شرناق", "تركيا"))
    assert disagreements([first, _said("2", "ب", other, ("12", 12, "جندي"), places=("كرمانشاه", "تركيا"))]) == []
    [row] = disagreements([first, _said("2", "ب", same, ("5", 5, "جندي"), places=("شرناق", "تركيا"))])
    assert row["values"] == {"أ": 3, "ب": 5} and row["basis"] == "leads"


def test_a_lead_toll_of_separate_attacks_is_no_events_headline_figure():
    one = "فجر انتحاري نفسه في سوق مكتظة بمدينة مايدوغوري اليوم مما أدى إلى مقتل 6 أشخاص، بحسب وكالة الطوارئ."
    a = _said("1", "أ", one, ("6", 6, "شخص"), places=("مايدوغوري",))
    single = "لقي 16 شخصا حتفهم في مايدوغوري بعدما استهدف انتحاري سوق المدينة صباحا."
    [row] = disagreements([a, _said("2", "ب", single, ("16", 16, "شخص"), places=("مايدوغوري",))])
    assert row["basis"] == "leads"
    for total in ("لقي 16 شخصا حتفهم في مايدوغوري في هجومين منفصلين استهدف أحدهما سوق المدينة صباحا.",
                  "لقي 16 شخصا حتفهم في مختلف أحياء مايدوغوري بعدما استهدف انتحاري سوق المدينة صباحا."):
        assert disagreements([a, _said("2", "ب", total, ("16", 16, "شخص"), places=("مايدوغوري",))]) == []


def test_a_lead_count_of_the_wounded_moved_or_received_is_no_events_headline_figure():
    """Those an air ambulance carried, or one hospital received, are a part of the wounded: set
    against another outlet's toll they make a disagreement that is not one."""
    toll = "أصيب 40 شخصا في تفجير استهدف مسجدا لقوات الطوارئ في أبها ظهر الخميس، بحسب وزارة الصحة."
    a = _said("1", "أ", toll, ("40", 40, "شخص"), places=("أبها",))
    same = "أسفر تفجير مسجد قوات الطوارئ في أبها ظهر الخميس عن إصابة 33 شخصا، بحسب وزارة الصحة."
    [row] = disagreements([a, _said("2", "ب", same, ("33", 33, "شخص"), places=("أبها",))])
    assert row["basis"] == "leads"
    for part in ("نقلت طائرات الإخلاء الطبي 8 مصابين في تفجير مسجد قوات الطوارئ في أبها إلى الرياض، بحسب وزارة الصحة.",
                 "ودعت جمعية البر 8 مصابين في تفجير مسجد قوات الطوارئ في أبها بعد علاجهم، بحسب وزارة الصحة."):
        assert disagreements([a, _said("2", "ب", part, ("8", 8, "مصاب"), places=("أبها",))]) == []


def test_two_readings_of_a_crude_price_in_a_session_are_ticks_not_a_disagreement():
    """A week's loss of crude told while the session runs is another hour's figure in each outlet,
    whether the crude is "الخام" or "خام القياس" (the construct form)."""
    a = "ويتجه خام القياس العالمي يوم الجمعة لإنهاء الأسبوع على خسارة نسبتها 4.7% في أكبر هبوط أسبوعي منذ مارس."
    b = "وكان خام القياس العالمي يوم الجمعة يتجه لإنهاء الأسبوع على خسارة نسبتها 6% في أكبر هبوط أسبوعي منذ مارس."
    for stem in ("خام القياس", "خام برنت"):
        arts = [_said("1", "أ", a.replace("خام القياس", stem), ("4.7%", 4.7, "%")),
                _said("2", "ب", b.replace("خام القياس", stem), ("6%", 6, "%"))]
        assert disagreements(arts) == [], stem


def test_a_total_against_the_figures_it_adds_up_is_no_disagreement():
    """One outlet gives each man's sentence ("30 و8 سنوات"), the other their sum (38)."""
    a = "وأصدرت المحكمة الجزائية حكما ابتدائيا بحق المتهمين بالسجن 30 و8 سنوات ومنعهما من السفر."
    b = "وأصدرت المحكمة الجزائية حكما ابتدائيا بحق المتهمين بالسجن 38 عاما ومنعهما من السفر."
    arts = [_said("1", "أ", a, ("30", 30, None), ("8 سنوات", 8, "سنة")), _said("2", "ب", b, ("38 عاما", 38, "عام"))]
    assert disagreements(arts) == []
    c = "وأصدرت المحكمة الجزائية حكما ابتدائيا بحق المتهمين بالسجن 40 عاما ومنعهما من السفر."
    [row] = disagreements([arts[0], _said("2", "ب", c, ("40 عاما", 40, "عام"))])
    assert row["values"]["ب"] == 40


def test_an_addition_to_a_toll_is_not_set_against_a_toll():
    """"وفاة 12 ... لترتفع الحصيلة إلى 26" and "4 حالات جديدة" count what a day added, not the
    toll another outlet gives; "بحسب حصيلة جديدة" is still a toll."""
    flood = "وأعلنت هيئة الكوارث وفاة {} شخصا بسبب السيول في إقليم السند{}."
    added = _said("1", "أ", flood.format(12, " لترتفع حصيلة الضحايا إلى 26 شخصا"), ("12", 12, "شخص"), ("26", 26, "شخص"))
    rows = disagreements([added, _said("2", "ب", flood.format(19, ""), ("19", 19, "شخص"))])
    assert all(row["values"]["أ"] != 12 for row in rows)
    cases = "وأعلنت وزارة الصحة تسجيل {} بفيروس كورونا في العاصمة."
    assert disagreements([_said("1", "أ", cases.format("4 حالات إصابة جديدة"), ("4", 4, "حالة")),
                          _said("2", "ب", cases.format("17 حالة إصابة"), ("17", 17, "حالة"))]) == []
    toll = "وتسببت المعارك المتواصلة في الريف بمقتل {} مقاتلا من الطرفين، بحسب حصيلة جديدة للمرصد."
    [row] = disagreements([_said("1", "أ", toll.format("70"), ("70", 70, "مقاتل")),
                           _said("2", "ب", toll.format("80"), ("80", 80, "مقاتل"))])
    assert row["values"] == {"أ": 70, "ب": 80}


def test_a_toll_of_a_wave_of_violence_or_of_two_days_is_no_single_attacks_figure():
    """"في موجة عنف" and "يومي الأربعاء والخميس" sum several incidents: not set against one
    attack's toll, as a lead or as a sentence; "بإصابات متفرقة" tells the kinds of wounds only."""
    one = "أدانت المنظمة الهجوم الانتحاري الذي وقع في سوق مدينة مروة شمال الكاميرون، ما أدى إلى مقتل 20 شخصا وإصابة العشرات."
    a = _said("1", "أ", one, ("20", 20, "شخص"), places=("مروة", "الكاميرون"))
    for total in ("أدانت المنظمة الهجوم الانتحاري الذي وقع يومي الأربعاء والخميس في الكاميرون، ما أدى إلى مقتل 37 شخصا وإصابة العشرات.",
                  "أدانت المنظمة موجة العنف التي شهدتها مدينة مروة شمال الكاميرون، ما أدى إلى مقتل 37 شخصا وإصابة العشرات."):
        assert disagreements([a, _said("2", "ب", total, ("37", 37, "شخص"), places=("مروة", "الكاميرون"))]) == []
    single = "أدانت المنظمة الهجوم الانتحاري الذي وقع يوم الأربعاء في الكاميرون، ما أدى إلى مقتل 37 شخصا وإصابة العشرات."
    assert disagreements([a, _said("2", "ب", single, ("37", 37, "شخص"), places=("الكاميرون",))])
    crash = "لقي تسعة معتمرين مصرعهم وأصيب {} في حادث سير لحافلتهم على طريق خريص فجر الخميس."
    [row] = disagreements([_said("1", "أ", crash.format("نحو 41 شخصا بإصابات متفرقة"), ("نحو 41", 41, "شخص", "approx")),
                           _said("2", "ب", crash.format("47 شخصا"), ("47", 47, "شخص"))])
    assert row["values"] == {"أ": 41, "ب": 47}


def test_a_figure_plus_a_part_both_outlets_give_is_no_total():
    """10 security men and 3 workers against 13 security men and 3 workers: the 13 is not 10 + 3."""
    toll = "وأعلن المتحدث الأمني أن التفجير نتج عنه استشهاد {} من منسوبي القوات و3 من العاملين في الموقع."
    [row] = disagreements([_said("1", "أ", toll.format(10), ("10", 10, "منسوبي"), ("3", 3, "عامل")),
                           _said("2", "ب", toll.format(13), ("13", 13, "منسوبي"), ("3", 3, "عامل"))])
    assert row["values"] == {"أ": 10, "ب": 13}
