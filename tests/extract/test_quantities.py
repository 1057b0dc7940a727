import json
from pathlib import Path

import pytest

from marsad.extract.quantities import find_quantities

EVAL = Path(__file__).parent / "data" / "quantities_eval.jsonl"


def one(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start:q.end] == q.text
    return q


def test_hedged_number_word_with_partitive_noun_gets_value_qualifier_and_unit():
    q = one("وصل نحو خمسمئة من مقاتلي التنظيم إلى البلدة")
    assert (q.text, q.value, q.qualifier, q.unit) == ("نحو خمسمئة", 500, "approx", "مقاتل")


def test_at_least_with_scale_word_in_accusative():
    q = one("تضخمت صفوفه إلى ما لا يقل عن سبعين ألفا، والآن تراجع")
    assert (q.value, q.qualifier, q.unit) == (70000, "at_least", None)


def test_range_between_two_scaled_numbers():
    q = one("تشير التقديرات إلى ما بين 8 آلاف و10 آلاف معتقل")
    assert (q.text, q.value, q.low, q.high, q.qualifier, q.unit) == (
        "ما بين 8 آلاف و10 آلاف", None, 8000, 10000, "range", "معتقل")


def test_range_shares_the_scale_of_its_upper_bound():
    q = one("قتل بين 8 و10 آلاف شخص")
    assert (q.low, q.high) == (8000, 10000)


@pytest.mark.parametrize("text, low, high", [
    ("يتراوح السعر من 200 إلى 300 ريال", 200, 300),
    ("شارك 200-300 متظاهر", 200, 300),
    ("ينتظر بين خمسة وسبعة أشخاص", 5, 7),
])
def test_ranges_in_their_usual_forms(text, low, high):
    q = one(text)
    assert (q.qualifier, q.low, q.high, q.value) == ("range", low, high, None)


@pytest.mark.parametrize("text", ["تراوحت نسبة المشاركة بين 20% و30%", "تراوحت نسبة المشاركة بين 20 في المئة و30 في المئة"])
def test_a_range_with_the_percent_written_on_both_numbers(text):
    q = one(text)
    assert (q.qualifier, q.low, q.high, q.unit) == ("range", 20, 30, "%")


def test_a_change_from_one_rate_to_another_is_two_percents():
    assert [(q.value, q.kind) for q in find_quantities("ارتفعت البطالة من 11% إلى 20%")] == [(11, "percent"), (20, "percent")]


@pytest.mark.parametrize("text, value", [("بلغت الكلفة 1 500 000 دولار", 1_500_000), ("قتل 12 500 مدني", 12_500)])
def test_thousands_grouped_by_spaces(text, value):
    assert one(text).value == value


def test_a_row_of_table_numbers_is_not_one_number():
    assert [q.value for q in find_quantities("طبيب 7840 2749 10589")] == [7840, 2749, 10589]


def test_a_percent_then_a_price_is_no_range():
    assert [(q.value, q.unit) for q in find_quantities("تراجع السهم 1.6 بالمئة إلى 11 دولارا")] == [(1.6, "%"), (11, "دولار")]


@pytest.mark.parametrize("text, qualifier", [
    ("قتل حوالي 30 شخصا", "approx"), ("قتل قرابة 30 شخصا", "approx"), ("قتل زهاء 30 شخصا", "approx"),
    ("قتل ما يقارب 30 شخصا", "approx"), ("يقدر عددهم بنحو 30 شخصا", "approx"), ("قتل 30 شخصا تقريبا", "approx"),
    ("قتل أكثر من 30 شخصا", "more_than"), ("قتل ما يزيد على 30 شخصا", "more_than"),
    ("قتل ما يربو على 30 شخصا", "more_than"), ("قتل أزيد من 30 شخصا", "more_than"),
    ("يقيم أقل من 30 شخصا", "less_than"), ("قتل ما لا يقل عن 30 شخصا", "at_least"),
    ("قتل 30 شخصا على الأقل", "at_least"), ("يتسع حتى 30 شخصا", "at_most"),
    ("لا يزيد عن 30 شخصا", "at_most"), ("قتل 30 شخصا", "exact"),
    ("عمل في الصحافة عشرين عاما ونيفا", "more_than"), ("قضى نيفا وعشرين عاما في السجن", "more_than"),
    ("بلغت الخسائر مئة مليون ونيف", "more_than"),
])
def test_hedges_set_the_qualifier(text, qualifier):
    assert one(text).qualifier == qualifier


@pytest.mark.parametrize("text, qualifier", [
    ("سقط مالايقل عن قتيلين في الإعصار", "at_least"), ("أصيب مالا يقل عن 12 شخصا", "at_least"),
    ("أصيب ما لايقل عن 12 شخصا", "at_least"),
    ("يمنح مهلة بما لايزيد عن 30 يوما", "at_most"),
])
def test_hedges_with_ma_and_la_joined_to_the_next_word_are_read(text, qualifier):
    assert one(text).qualifier == qualifier


def test_negated_more_than_is_at_most():
    assert one("لم تتجاوز نسبة المشاركة 30%").qualifier == "at_most"


@pytest.mark.parametrize("text, value, unit", [
    ("قتل 13 طفلاً", 13, "طفل"), ("قتل 950 شخصا", 950, "شخص"), ("سقط 40 قتيلا", 40, "قتيل"),
    ("نزح آلاف", None, None), ("أنفقت 5 ملايين دولار", 5_000_000, "دولار"),
    ("خسر 300 ريال", 300, "ريال"), ("قضى 50 عاماً", 50, "عام"), ("استمرت خمس سنوات", 5, "سنة"),
    ("وصل 3000 داعشي", 3000, "داعشي"), ("وصل حوالي 2000 داعشي", 2000, "داعشي"),
])
def test_unit_is_the_counted_noun_in_base_form(text, value, unit):
    q = one(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize("text, value, unit", [
    ("أسفر الهجوم عن مقتل شخصين", 2, "شخص"), ("سقط قتيلان", 2, "قتيل"), ("احتجز ألفي عنصر", 2000, "عنصر"),
])
def test_duals_count_two_by_themselves(text, value, unit):
    q = one(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "قتل عشرات المدنيين", "فر مئات الأشخاص", "تظاهر الآلاف", "نزح عشرات الآلاف من السكان",
    "استسلم عدة آلاف من المقاتلين", "أصيب بضعة جنود", "زار عدة دول", "قدم العديد من الأطباء استقالاتهم",
])
def test_vague_counts_have_no_value(text):
    q = one(text)
    assert (q.qualifier, q.value, q.low, q.high) == ("vague", None, None, None)


@pytest.mark.parametrize("text, value", [
    ("نما بنسبة 20%", 20), ("نما بنسبة ٢٠٪", 20), ("صوت 62 في المئة", 62), ("ارتفع 4 بالمئة", 4),
    ("يمثلون عشرين في المئة", 20), ("ارتفع 3.2%", 3.2),
])
def test_percentages_have_the_percent_unit(text, value):
    q = one(text)
    assert (q.value, q.unit) == (value, "%")
    assert q.text.endswith(("%", "٪", "المئة", "بالمئة"))


@pytest.mark.parametrize("text", [
    "أعلن دولته في يونيو 2014", "أصيب عام 2017", "اعتقل سنة 2003", "تدفقوا بين 2013 و2015",
    "ظهر منتصف 2014", "صدر في 15 رمضان 1436 هـ", "نشر في 1446هـ", "وقع في 29 أكتوبر 2017",
    "الموعد 10/08/2015", "بدأت الساعة 10 صباحا", "نشر في 08:02", "تنص المادة 5 على ذلك",
    "القرار رقم 2254", "اتصلوا على 0501234567", "وصل يوم الاثنين", "نشر في 2015-07-21", "قال أحد المسؤولين", "قمة مجموعة العشرين",
    "انتهت بنتيجة 2-1", "طائرات إف-16",
])
def test_years_dates_times_and_references_are_not_quantities(text):
    assert find_quantities(text) == []


def test_offsets_point_into_the_original_text_with_diacritics_and_ligatures():
    text = "قُتِلَ خَمْسَةٌ وعشرونَ شخصاً وﻻ يزال نحو ٣٠٠ مفقودٍ"
    found = find_quantities(text)
    assert [(q.value, q.qualifier) for q in found] == [(25, "exact"), (300, "approx")]
    assert all(text[q.start:q.end] == q.text for q in found)
    assert found[0].text == "خَمْسَةٌ وعشرونَ"


def test_clitics_on_numbers_are_left_out_of_the_span():
    q = find_quantities("نحو 20% منهم نساء و5% من القصر")[1]
    assert (q.text, q.value, q.qualifier) == ("5%", 5, "exact")


def test_empty_and_numberless_text():
    assert find_quantities("") == []
    assert find_quantities("لا أرقام في هذا النص") == []


def test_annotated_eval_set_is_resolved_exactly():
    """Our own set (tests/extract/data/quantities_eval.jsonl): value and qualifier right for >= 95%."""
    rows = [json.loads(line) for line in EVAL.read_text("utf-8").splitlines() if line.strip()]
    assert len(rows) >= 120
    gold = right = 0
    for row in rows:
        found = find_quantities(row["text"])
        for item in row["quantities"]:
            gold += 1
            at = row["text"].find(item["text"])
            hit = next((q for q in found if q.start < at + len(item["text"]) and at < q.end), None)
            right += hit is not None and (hit.value, hit.low, hit.high, hit.qualifier) == (
                item["value"], item["low"], item["high"], item["qualifier"])
    assert right / gold >= 0.95


def test_seed_gold_quantities(shared_dir, seeds_gold):
    """The five seed articles: >= 90% of gold quantities found with the right value and qualifier."""
    gold = right = 0
    for doc_id, doc in seeds_gold["docs"].items():
        text = (shared_dir / "samples" / "seeds" / f"{doc_id}.txt").read_text("utf-8")
        found = find_quantities(text)
        for item in doc.get("quantities", []):
            gold += 1
            at = text.find(item["text"])
            value = item["value"]
            want = (None, value[0], value[1]) if isinstance(value, list) else (value, None, None)
            hit = next((q for q in found if q.start < at + len(item["text"]) and at < q.end), None)
            right += hit is not None and (hit.value, hit.low, hit.high) == want and hit.qualifier == item["qualifier"]
    assert gold and right / gold >= 0.9


def test_list_item_numbers_are_not_quantities():
    assert find_quantities("الحالات التالية:\n1. مرضى القلب\n2) مرضى الضغط") == []


def test_dual_of_a_feminine_noun_counts_two_with_the_singular_as_unit():
    q = one("عثرت فرق الإنقاذ على جثتين تحت الأنقاض")
    assert (q.value, q.qualifier, q.unit) == (2, "exact", "جثة")


def test_past_tense_hedge_verb_reaches_over_its_subject():
    q = one("ناهز عدد القتلى 200 بحسب المرصد")
    assert (q.value, q.qualifier) == (200, "approx")


@pytest.mark.parametrize("text", ["أطلقت الشركة هاتف آيفون 16 في السوق", "فاز الهلال على النصر 2-1 في الدوري",
                                  "اتصلوا بالرقم 911 فورا"])
def test_model_names_scores_and_phone_numbers_are_not_quantities(text):
    assert find_quantities(text) == []


def test_a_hyphenated_rising_pair_before_a_unit_is_still_a_range():
    q = one("تستمر العطلة 3-5 أيام")
    assert (q.low, q.high, q.qualifier, q.unit) == (3, 5, "range", "يوم")


def test_temperature_below_zero_is_negative():
    q = one("انخفضت الحرارة إلى خمس درجات تحت الصفر")
    assert (q.value, q.unit) == (-5, "درجة")


def test_fraction_of_a_whole_is_valued_to_three_decimals():
    q = one("يعيش ثلث السكان تحت خط الفقر")
    assert (q.text, q.value) == ("ثلث السكان", 0.333)


def test_nominative_dual_thousand_in_construct_is_two_thousand():
    q = one("سينضم ألفا مهندس إلى المشروع")
    assert (q.value, q.unit) == (2000, "مهندس")


def test_definite_number_after_its_noun_counts_it():
    q = one("خلال السنوات الخمس الماضية تضاعف الإنتاج")
    assert (q.text, q.value, q.unit) == ("السنوات الخمس", 5, "سنة")


def test_definite_number_after_a_noun_the_units_table_lacks_counts_it_by_that_noun():
    q = one("توج الفريق بطلا للدوري في المواسم الثلاثة الأخيرة")
    assert (q.text, q.value, q.unit) == ("المواسم الثلاثة", 3, "مواسم")
    q = one("اجتمع قادة الأحزاب الأربعة في العاصمة")
    assert (q.value, q.unit) == (4, "أحزاب")


@pytest.mark.parametrize("text,span,value,qualifier", [
    ("يتجاوز الرأسمال مبلغ المليار دولار", "المليار", 1_000_000_000, "exact"),
    ("تجاوزت عوائد المشاركين المليون ريال", "تجاوزت عوائد المشاركين المليون", 1_000_000, "more_than"),
    ("تجاوز عددهم الألف زائر", "تجاوز عددهم الألف", 1000, "more_than"),
])
def test_a_definite_scale_counts_before_its_unit_or_after_a_hedging_verb(text, span, value, qualifier):
    q = one(text)
    assert (q.text, q.value, q.qualifier) == (span, value, qualifier)


@pytest.mark.parametrize("text,span,value,unit", [
    pytest.param("سيتم إنجاز المشروع خلال سنتين ونصف", "سنتين ونصف", 2.5, "سنة", id="dual"),
    pytest.param("استمرت الجلسة ساعتين ونصف الساعة", "ساعتين ونصف الساعة", 2.5, "ساعة", id="dual-whole-repeated"),
    pytest.param("سمح له باتصال لمدة ساعة ونصف الساعة", "ساعة ونصف الساعة", 1.5, "ساعة", id="singular"),
    pytest.param("خصصت الحكومة مليارا ونصف المليار يورو", "مليارا ونصف المليار", 1_500_000_000, "يورو", id="scale"),
    pytest.param("بلغت الميزانية تريليون ونصف تريليون ريال", "تريليون ونصف تريليون", 1_500_000_000_000, "ريال",
                 id="scale-indefinite"),
    pytest.param("جمعت الحملة ثلاثة ملايين ونصف مليون ريال", "ثلاثة ملايين ونصف مليون", 3_500_000, "ريال",
                 id="counted-scale"),
])
def test_and_a_half_adds_half_of_the_whole_and_takes_a_repeated_whole_in(text, span, value, unit):
    q = one(text)
    assert (q.text, q.value, q.unit) == (span, value, unit)


@pytest.mark.parametrize("text,low,high,unit", [
    pytest.param("تعتزم الشركة إقامة ما بين 2000 و3000 ميغاواط", 2000, 3000, "ميغاواط", id="year-like-counts"),
    pytest.param("يحتاج كل مشروع من ٥-٦ عقود استشارية", 5, 6, "عقود", id="from-with-a-dash"),
])
def test_a_range_of_counts_is_read_even_when_its_first_number_looks_like_a_year_or_a_dash_joins_it(text, low, high, unit):
    q = one(text)
    assert (q.low, q.high, q.unit, q.kind) == (low, high, unit, "range")


@pytest.mark.parametrize("text", [
    pytest.param("يعطيهم الثلاثة ما وعدهم به", id="imperfect-verb-with-object"),
    pytest.param("سيعطيهم الثلاثة ما وعدهم به", id="future-verb-with-object"),
    pytest.param("كتب الطفل حرف الألف", id="the-letter-alif"),
    pytest.param("احتفل نادي المليون بذكراه", id="scale-without-unit"),
    pytest.param("وصلت الست هدى إلى القاعة", id="the-lady"),
])
def test_a_definite_number_word_that_counts_nothing_here_is_no_quantity(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("text,span,value,unit", [
    pytest.param("شكت من تعرضها هي وأولادها الخمسة للضرب", "أولادها الخمسة", 5, "أولاد", id="after-possessed-noun"),
    pytest.param("عاد الأسير إلى أبنائه الثلاثة بعد سنوات", "أبنائه الثلاثة", 3, "أبناء", id="after-possessed-hamza"),
    pytest.param("تعمل الخدمة على مدار الأربع وعشرين ساعة", "الأربع وعشرين ساعة", 24, "ساعة", id="unit-and-ten-before"),
    pytest.param("أكبر عملية خلال الخمسين سنة الأخيرة", "الخمسين سنة", 50, "سنة", id="ten-before-singular"),
    pytest.param("وزعت المساحة في الثلاث جهات", "الثلاث جهات", 3, "جهات", id="before-unknown-plural"),
    pytest.param("فقد رخصته عندما كان في العشرين من عمره", "العشرين من عمره", 20, "عام", id="age"),
])
def test_a_definite_number_counts_the_noun_it_agrees_with_or_an_age(text, span, value, unit):
    q = one(text)
    assert (q.text, q.value, q.unit) == (span, value, unit)


def test_definite_number_before_an_indefinite_counted_noun_counts_it():
    q = one("ستطبق الأنظمة خلال الثلاث سنوات القادمة")
    assert (q.text, q.value, q.unit) == ("الثلاث سنوات", 3, "سنة")
    assert (one("يصعب الحصول على أوراق من فئة الخمسة ريالات").value) == 5


def test_definite_number_with_no_noun_it_counts_is_left_alone():
    assert find_quantities("وصل الثلاثة إلى المطار صباحا") == []
    assert find_quantities("يعقد الاجتماع يوم الاثنين المقبل") == []


def test_both_numbers_after_a_name_noun_in_the_dual_name_and_do_not_count():
    """"تخريج الدورتين (35) و(10)" names two courses; only the graduates (56) are counted."""
    found = find_quantities("تم تخريج الدورتين (35) و (10) من المستفيدين وعددهم (56) مستفيدا")
    assert [(q.value, q.unit) for q in found] == [(56, "مستفيدا")]
    assert find_quantities("بموجب المادتين 5 و7 من النظام") == []
    assert [(q.value, q.unit) for q in find_quantities("بدأ الاجتماع الساعة 10 و30 دقيقة")] == [(30, "دقيقة")]


@pytest.mark.parametrize("text", ["أصيب 12 بجروح خطيرة", "قتل 5 بسبب القصف", "أصيب العشرات بجروح"])
def test_a_preposition_phrase_after_a_number_is_not_what_it_counts(text):
    assert find_quantities(text)[0].unit is None


@pytest.mark.parametrize("text, shown, unit", [
    ("بلغت قيمة الصفقة 5 ملايين $ العام الماضي", "5 ملايين $", "دولار"),
    ("بلغت قيمة الصفقة $5 مليون العام الماضي", "$5 مليون", "دولار"),
    ("بلغت الخسائر €300 مليون", "€300 مليون", "يورو"),
])
def test_a_currency_sign_after_or_before_the_number_is_its_unit(text, shown, unit):
    q = next(q for q in find_quantities(text) if q.value)
    assert (q.text, q.unit) == (shown, unit)
