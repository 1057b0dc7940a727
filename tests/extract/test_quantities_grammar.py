"""The number grammar beyond plain counts: fractions, negatives, spoken decimals, ordinals, dialect
numerals, dozens, and the `kind` every quantity carries. Fraction values are computed from their
parts here, not typed."""
from fractions import Fraction

import pytest

from marsad.extract.quantities import find_quantities


def only(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start:q.end] == q.text
    return q


def three_places(fraction: Fraction) -> float:
    return round(float(fraction), 3)


@pytest.mark.parametrize("word,denominator", [
    ("نصف", 2), ("ثلث", 3), ("ربع", 4), ("خمس", 5), ("سدس", 6), ("ثمن", 8), ("عشر", 10),
])
def test_a_fraction_word_before_the_whole_it_divides_is_one_over_its_denominator(word, denominator):
    q = only(f"وقال التقرير إن {word} الميزانية ذهب إلى الرواتب")
    assert (q.value, q.kind, q.unit) == (three_places(Fraction(1, denominator)), "fraction", "ميزانية")


@pytest.mark.parametrize("text,numerator,denominator", [
    ("صوّت ثلاثة أرباع الأعضاء لصالح القرار", 3, 4),
    ("خسرت الشركة خمسة أثمان قيمتها السوقية", 5, 8),
    ("تغطي الغابات سبعة أعشار مساحة الإقليم", 7, 10),
    ("فاز المرشح بثلثي الأصوات", 2, 3),
    ("يعيش ثلثا السكان في المدن", 2, 3),
])
def test_a_counter_before_a_plural_fraction_or_a_dual_fraction_is_a_proper_fraction(text, numerator, denominator):
    q = only(text)
    assert (q.value, q.kind) == (three_places(Fraction(numerator, denominator)), "fraction")


def test_five_before_a_counted_noun_is_a_cardinal_and_before_a_definite_whole_a_fifth():
    assert (only("استمرت المفاوضات خمس سنوات").value, only("أكل الطفل خمس الفطيرة").value) == (5, 0.2)


@pytest.mark.parametrize("text,value", [
    ("بلغ منسوب النهر مائة وثلاثة أرباع المتر", 100 + Fraction(3, 4)),
    ("انتظر المسافرون ثلاثة ونصف ساعة", 3 + Fraction(1, 2)),
    ("قطع العداء المسافة في 2 1/4 ساعة", 2 + Fraction(1, 4)),
])
def test_a_whole_and_a_fraction_add_up(text, value):
    q = only(text)
    assert (q.value, q.kind) == (three_places(value), "fraction")


@pytest.mark.parametrize("text,value", [
    ("تصيب الحالة واحدا من مائة مولود", Fraction(1, 100)),
    ("لا تتجاوز نسبة الخطأ ثلاثة من ألف", Fraction(3, 1000)),
    ("أكد أن واحد من مليون فقط يصاب بالمرض", Fraction(1, 1_000_000)),
])
def test_one_out_of_a_power_of_ten_is_a_ratio(text, value):
    assert only(text).value == pytest.approx(float(value), abs=1e-3)


@pytest.mark.parametrize("text,value", [
    ("أجاب ثلاثة أرباع المستطلعين بنعم، أي 3/4 العينة", Fraction(3, 4)),
    ("ارتفعت النسبة إلى ٧٧/١٠٠ في الاختبار الثاني", Fraction(77, 100)),
])
def test_digit_fractions_in_either_script(text, value):
    digits = [q for q in find_quantities(text) if "/" in q.text]
    assert [(q.value, q.kind) for q in digits] == [(three_places(value), "fraction")]


def test_a_digit_pair_after_a_date_word_is_left_to_the_dates():
    assert [q for q in find_quantities("وصل الوفد في 3/4 إلى العاصمة") if "/" in q.text] == []


def test_ratio_needs_a_power_of_ten_not_a_distributive_share():
    assert [q.value for q in find_quantities("يصاب واحد من كل خمسة أطفال")] == [1, 5]


def test_a_quarter_final_is_not_a_quarter():
    assert find_quantities("تأهل الفريق إلى ربع النهائي") == []


@pytest.mark.parametrize("text,value", [
    ("سجلت درجة الحرارة سالب خمسة في القمم", -5),
    ("انخفضت الحرارة إلى ناقص 3 درجات", -3),
    ("بلغ النمو -1.2 في المئة", -1.2),
    ("بلغ النمو -١٫٢ في المئة", -1.2),
    ("درجة الحرارة -5 درجات تحت المعدل", -5),
])
def test_negatives_from_words_or_a_minus_glued_to_the_digits(text, value):
    q = only(text)
    assert q.value == value and q.text.startswith(("سالب", "ناقص", "-"))


def test_a_dash_after_a_number_joins_a_range_and_is_not_a_minus():
    assert all(q.value is None or q.value >= 0 for q in find_quantities("تستمر الدورة من 5 -10 أيام"))


@pytest.mark.parametrize("text,value", [
    ("بلغ معدل النمو اثنان فاصلة خمسة", 2 + Fraction(5, 10)),
    ("قدرت الخسائر بمائتين فاصلة ثلاثة من مائة", 200 + Fraction(3, 100)),
    ("نسبة التضخم ثلاثة فاصلة خمسة وعشرون", 3 + Fraction(25, 100)),
    ("سجل المؤشر واحد فاصلة صفر خمسة", 1 + Fraction(5, 100)),
])
def test_decimals_spoken_in_words(text, value):
    assert only(text).value == pytest.approx(float(value))


@pytest.mark.parametrize("text,value", [
    ("حل الفريق في المركز الثالث", 3), ("للمرة الأولى منذ عقد", 1), ("في الحرب العالمية الثانية", 2),
    ("الدورة الحادية عشرة للمهرجان", 11), ("الجولة الثانية عشرة من الدوري", 12),
    ("في يومه الثاني والعشرين", 22), ("الذكرى العشرين للتأسيس", 20), ("جاء ثالث أكبر اقتصاد", 3),
    ("أول رحلة تصل المطار", 1), ("الطابق العاشر من المبنى", 10), ("اللقاء الخامس عشر بين الفريقين", 15),
    ("المجلس الثان للمنطقة", 2), ("الملك عبدالله الثاني", 2),
])
def test_ordinals_are_quantities_of_their_own_kind(text, value):
    q = only(text)
    assert (q.value, q.kind) == (value, "ordinal")


@pytest.mark.parametrize("text", [
    "ولد في كانون الثاني", "ربيع الأول", "غاز ثاني أكسيد الكربون", "وصل أول من أمس", "وصل أمس الأول",
    "قمة مجموعة العشرين", "بعد الطرح الأولي للأسهم",
])
def test_ordinal_words_inside_other_names_are_not_ordinals(text):
    assert [q for q in find_quantities(text) if q.kind == "ordinal"] == []


@pytest.mark.parametrize("text,value", [("واحد", 1), ("صفر", 0), ("15", 15), ("امرأة واحدة", 1), ("2015", 2015)])
def test_standalone_numbers(text, value):
    assert only(text).value == value


def test_zero_that_names_the_hijri_month_is_not_a_number():
    assert find_quantities("وقع الحادث في 15 صفر 1437") == []


def test_a_definite_count_after_li_counts_the_noun_after_it():
    q = only("وضعت الوزارة خطة للعشر سنوات القادمة")
    assert (q.value, q.unit) == (10, "سنة")


def test_m_after_a_measured_number_is_metres_and_after_a_year_its_era():
    q = only("أقيم المعرض في صيوان بمساحة 1200 م على الواجهة")
    assert (q.value, q.unit) == (1200, "متر")
    assert find_quantities("تأسس النادي عام 1990 م في جدة") == []


def test_a_definite_unit_and_ten_after_their_noun_are_one_number():
    q = only("اجتمع وزراء الدول الخمس والعشرين في بروكسل")
    assert (q.value, q.unit) == (25, "دولة")


@pytest.mark.parametrize("text,value,unit", [
    ("باع المتجر ما يقارب الألف قميص أمس", 1000, "قميص"),
    ("حضر حوالي العشرة آلاف متفرج المباراة", 10000, "متفرج"),
])
def test_a_definite_number_after_a_hedge_is_a_hedged_count(text, value, unit):
    q = only(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, "approx")


def test_a_number_after_a_month_is_its_day_unless_a_counted_noun_follows():
    assert find_quantities("تنطلق الفعاليات في أغسطس 20 من الشهر") == []
    q = only("وصل في أغسطس 20 شخصا إلى المخيم")
    assert (q.value, q.unit) == (20, "شخص")


@pytest.mark.parametrize("text,value", [
    ("قعدنا حداشر يوم", 11), ("دفعت اتناشر جنيه", 12), ("عنده تلتاشر سنة", 13), ("جبت تسعتاشر كتاب", 19),
    ("دفع متين جنيه", 200), ("الشقة بتلتمية ألف", 300_000), ("اشتريت خمسمية رغيف", 500),
    ("كانوا تلاتة رجالة", 3), ("عنده تمنية عيال", 8), ("الميزانية اتنين مليون", 2_000_000),
    ("تلتمية وخمسين واحد", 350), ("دفع تمن تلاف جنيه", 8000),
])
def test_dialect_numerals_common_in_quotes(text, value):
    assert find_quantities(text)[0].value == value


def test_the_verb_athna_is_not_the_number_two_but_ithna_ashar_is_twelve():
    assert find_quantities("وأثنى الوزير على جهود الفريق") == []
    assert only("ضم الوفد اثني عشر عضوا").value == 12


def test_a_fall_written_with_the_scale_on_the_second_number_scales_the_first():
    first, second = find_quantities("تراجع الإنتاج من 300 إلى 200 ألف برميل")
    assert (first.value, second.value, second.unit) == (300_000, 200_000, "برميل")


def test_range_bounds_written_high_first_are_ordered():
    q = only("تقدر ثروته ما بين 32 و30 مليار دولار")
    assert (q.low, q.high, q.unit) == (30_000_000_000, 32_000_000_000, "دولار")


def test_an_adjective_spelled_like_a_dialect_numeral_is_not_a_number():
    assert find_quantities("يتمتع البلد باقتصاد متين") == []


@pytest.mark.parametrize("text,value", [
    ("اشترى دستة أقلام", 12), ("نصف دستة بيض", 6), ("ثلاث دستات من الأكواب", 36), ("وصل ٤ آلاف زائر", 4000),
])
def test_dozens_and_thousands_after_digits(text, value):
    assert find_quantities(text)[0].value == value


@pytest.mark.parametrize("text,value", [
    ("بلغ السعر 4.800 ريال", 4800), ("بلغ السعر 4,800 ريال", 4800), ("بلغت الصفقة 4.8 مليون ريال", 4_800_000),
    ("بلغت الخسائر 1.250 مليار دولار", 1_250_000_000), ("بلغ المعدل 2,5 نقطة", 2.5),
])
def test_digit_grouping_three_decimals_after_a_dot_mean_thousands_unless_a_scale_follows(text, value):
    assert find_quantities(text)[0].value == value


@pytest.mark.parametrize("text,kind", [
    ("قتل 30 شخصا", "cardinal"), ("ارتفعت الأسعار 30%", "percent"), ("بين 500 و600 مقاتل", "range"),
    ("ثلث السكان", "fraction"), ("المرة الثالثة", "ordinal"), ("ثلاثة أرباع مليون نسمة", "cardinal"),
])
def test_every_quantity_says_its_kind(text, kind):
    assert find_quantities(text)[0].kind == kind


def test_a_year_like_number_in_a_date_context_stays_a_date():
    assert find_quantities("تأسست الشركة في 2015") == []


def test_an_arabic_comma_between_digits_separates_two_numbers():
    assert [q.value for q in find_quantities("أغلق المؤشران عند 7771،7546 نقطة")] == [7771, 7546]


@pytest.mark.parametrize("text,value", [("بلغ عدد الزوار (35) ألف زائر", 35_000),
                                        ("وصلت الأرباح إلى «14» مليون ريال", 14_000_000),
                                        ("ترسية مشروعات بتكلفة ( 25 ) مليون ريال", 25_000_000)])
def test_quoted_digits_take_the_scale_written_after_the_marks(text, value):
    assert find_quantities(text)[0].value == value


@pytest.mark.parametrize("text", ["بلغت كمية الأمطار 30 ملم", "انقطعت المية عن الحي"])
def test_dialect_hundred_inside_other_words_is_not_a_number(text):
    assert [q.value for q in find_quantities(text) if q.value == 100] == []


@pytest.mark.parametrize("text", ["تسعى الحكومة إلى خفض العجز", "تسع القاعة الجمهور كله"])
def test_verbs_spelled_like_a_ninth_are_not_fractions(text):
    assert [q for q in find_quantities(text) if q.kind == "fraction"] == []


def test_sevenths_after_a_counter_are_fractions():
    assert only("أنجز ثلاثة أسباع المشروع").value == round(3 / 7, 3)


@pytest.mark.parametrize("text,value,unit", [
    ("أزالت البلدية (250) حوشا مخالفا", 250, "حوشا"), ("ليكون عدد الرحلات اليومية (15) رحلة", 15, "رحلة"),
])
def test_a_count_in_brackets_mid_sentence_keeps_its_noun(text, value, unit):
    q = find_quantities(text)[0]
    assert (q.value, q.unit[:len(unit) - 1]) == (value, unit[:len(unit) - 1])


def test_a_numbered_list_item_at_a_line_start_is_not_a_count():
    assert find_quantities("\n(3) تشكيل لجنة للمتابعة") == []


@pytest.mark.parametrize("text,value", [("يمثل حوالي 9ر26% من العاطلين", 26.9), ("أودع 6ر2 مليار رينجيت", 2_600_000_000),
                                        ("انتقل مقابل 4ر14 مليون جنيه", 14_400_000)])
def test_the_agency_decimal_mark_ra_reads_the_fraction_first(text, value):
    assert find_quantities(text)[0].value == value


def test_a_change_then_a_level_is_not_a_range():
    found = find_quantities("انخفض الخام 22 سنتا إلى 50.67 دولار للبرميل")
    assert [(q.value, q.kind) for q in found] == [(22, "cardinal"), (50.67, "cardinal")]


def test_between_with_ila_is_a_range():
    q = only("سيغيب لفترة تتراوح ما بين 4 إلى 6 أسابيع")
    assert (q.low, q.high, q.kind) == (4, 6, "range")


@pytest.mark.parametrize("text,value", [
    ("تصل مساحتها إلى خمسة دونمات ونصف الدونم", 5 + Fraction(1, 2)), ("استمرت الجلسة ثلاث ساعات وربع", 3 + Fraction(1, 4)),
    ("بلغ منسوب المياه متر ونصف المتر", 1 + Fraction(1, 2)),
])
def test_a_fraction_after_the_counted_noun_adds_to_the_count(text, value):
    assert only(text).value == three_places(value)


def test_a_definite_number_after_a_construct_counts_its_head():
    q = only("وفي أيام العيد الأربعة ازدحمت الحدائق")
    assert (q.value, q.unit) == (4, "يوم")


def test_a_two_digit_count_after_the_word_year_is_a_count():
    assert only("بلغ عدد الشركات الرابحة لكامل العام 58 شركة").value == 58


@pytest.mark.parametrize("text", ["سعر 59.000/60.000 ريال", "المرجع 12/3/4", "نسبة 1.5/2"])
def test_slashed_numbers_that_are_not_plain_fractions_do_not_break_the_reader(text):
    assert all(q.kind != "fraction" or "/" not in q.text for q in find_quantities(text))


def test_a_right_to_left_mark_after_the_decimal_point_swaps_the_digits_back():
    q = only("ارتفع المؤشر 3.\u200f1 في المئة")
    assert (q.value, q.text) == (1.3, "3.\u200f1 في المئة")


def test_an_arabic_comma_before_three_digits_groups_thousands():
    assert only("بلغ عدد المشتركين 85،539 مشتركا").value == 85_539


@pytest.mark.parametrize("text,value", [("ترسية مشروع الطرق بتكلفة 54،9 مليون ريال", 54_900_000),
                                        ("وبلغت الإيرادات ١٢٧،٨ مليار ريال", 127_800_000_000)])
def test_an_arabic_comma_before_a_fraction_and_a_scale_word_is_a_decimal_comma(text, value):
    assert only(text).value == value


def test_an_arabic_comma_and_a_space_before_a_scale_still_separates():
    assert [q.value for q in find_quantities("في عامي 2014، 15 ألف زائر")][-1] == 15_000


def test_a_hedge_before_a_noun_and_a_half_is_kept():
    q = only("استمر الحصار أكثر من عام ونصف")
    assert (q.value, q.qualifier) == (1.5, "more_than")


def test_a_percent_sign_typed_before_the_number():
    q = only("ارتفعت الأسعار بنسبة ٪12 خلال العام")
    assert (q.value, q.unit, q.kind, q.text) == (12, "%", "percent", "٪12")


def test_a_definite_ten_standing_alone_is_an_ordinal():
    q = only("الثلاثين")
    assert (q.value, q.kind) == (30, "ordinal")


@pytest.mark.parametrize("text, value, shown", [
    ("انطلقت الدورة الـ20 للمعرض أمس", 20, "الـ20"), ("اختتم الاجتماع الـ 14 لرؤساء الأجهزة", 14, "الـ 14"),
    ("احتفلت الشركة بالذكرى الـ60 لتأسيسها", 60, "الـ60"), ("حل المنتخب في المركز ال12", 12, "ال12"),
])
def test_digits_with_the_article_after_a_singular_noun_are_an_ordinal(text, value, shown):
    q = only(text)
    assert (q.value, q.kind, q.text) == (value, "ordinal", shown)


@pytest.mark.parametrize("text, value", [
    ("لم تسجل إصابات خلال الـ24 ساعة الماضية", 24), ("فاز باللقب في السنوات الـ50 الماضية", 50),
    ("تصدرت إحدى المراتب الـ10 الأولى في التصنيف", 10), ("وصلت الحصيلة الـ300 بحسب الوزارة", 300),
])
def test_definite_digits_that_count_stay_cardinal(text, value):
    assert [(q.value, q.kind) for q in find_quantities(text) if q.value == value] == [(value, "cardinal")]


def test_definite_digits_naming_a_day_of_a_month_are_no_ordinal():
    assert [q for q in find_quantities("يختتم البرنامج يوم الخميس الـ28 من الشهر الجاري") if q.kind == "ordinal"] == []


@pytest.mark.parametrize("text", ["وصل الفريق أول عبدالفتاح إلى العاصمة", "ترقية الملازم أول خالد"])
def test_a_rank_with_awwal_is_not_an_ordinal(text):
    assert [q for q in find_quantities(text) if q.kind == "ordinal"] == []


def test_an_ordinal_inside_a_date_is_left_to_the_date():
    from marsad import analyze

    analysis = analyze("بدأت الدراسة في الأسبوع الثاني من أغسطس والأول من سبتمبر", published="2015-08-01")
    assert [q for q in analysis.quantities if q.kind == "ordinal"] == [] and len(analysis.dates) == 2


@pytest.mark.parametrize("text,value,qualifier", [
    ("صوّت أكثر من الثلث لصالح القرار", Fraction(1, 3), "more_than"),
    ("انخفض عدد الزوار بنحو الربع", Fraction(1, 4), "approx"),
    ("تراجعت المبيعات إلى النصف", Fraction(1, 2), "exact"),
])
def test_a_fraction_with_the_article_after_a_hedge_or_ila(text, value, qualifier):
    q = only(text)
    assert (q.value, q.qualifier, q.kind) == (three_places(value), qualifier, "fraction")


@pytest.mark.parametrize("text", ["في النصف الأول من العام", "خلال الربع الأخير من 2014"])
def test_a_half_or_quarter_of_a_year_is_not_a_fraction(text):
    assert [q for q in find_quantities(text) if q.kind == "fraction"] == []
