"""Composed relative dates (a weekday of a named week, قبل أمس، بكرة، من أسبوع), a weekday written
beside a yearless date, and the tense-aware placement of dates without a year."""
from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import FR, MO, SA, SU, TH, relativedelta

from marsad.extract import dates_resolve as R
from marsad.extract.dates import find_dates

THURSDAY = dt.date(2019, 3, 14)
MONDAY = dt.date(2019, 3, 11)


def one(text: str, published: object = None):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def week_start(day: dt.date) -> dt.date:
    """Saturday opening the week of `day` (weeks run Saturday to Friday)."""
    return day + relativedelta(weekday=SA(-1))


# -- a weekday of a named week -----------------------------------------------------------------

@pytest.mark.parametrize("text,weeks,weekday", [
    ("يصل الوفد الأسبوع المقبل يوم الجمعة", 1, FR),
    ("يصل الوفد يوم الجمعة من الأسبوع المقبل", 1, FR),
    ("وقع الحادث يوم الأحد من الأسبوع الماضي", -1, SU),
    ("وقع الحادث أحد الأسبوع الماضي", -1, SU),
    ("تبدأ الدراسة الاثنين من هذا الأسبوع", 0, MO),
])
def test_a_weekday_of_a_named_week_is_that_day_inside_the_saturday_week(text, weeks, weekday):
    expected = week_start(THURSDAY) + relativedelta(weeks=weeks, weekday=weekday)
    d = one(text, THURSDAY.isoformat())
    assert (d.value, d.kind) == (expected.isoformat(), "relative")


def test_friday_of_next_week_is_not_tomorrow():
    d = one("يصل الوفد الأسبوع المقبل يوم الجمعة", THURSDAY.isoformat())
    assert dt.date.fromisoformat(d.value) - THURSDAY == dt.timedelta(days=8)


# -- one-word relatives ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,days", [
    ("قال المتحدث قبل أمس إن الوضع هادئ", -2),
    ("قال المتحدث أول أمس إن الوضع هادئ", -2),
    ("تصل الشحنة بكرة إلى الميناء", 1),
    ("تصل الشحنة بعد بكرة إلى الميناء", 2),
    ("تصل الشحنة بعد غد إلى الميناء", 2),
])
def test_relative_days_including_colloquial_ones(text, days):
    assert one(text, THURSDAY.isoformat()).value == (THURSDAY + dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize("text,months", [
    ("تراجعت المبيعات الشهر الماضي", -1),
    ("ترتفع الأسعار الشهر القادم", 1),
    ("ترتفع الأسعار الشهر التالي", 1),
])
def test_the_month_before_or_after_publication(text, months):
    assert one(text, THURSDAY.isoformat()).value == (THURSDAY + relativedelta(months=months)).strftime("%Y-%m")


def test_the_month_after_an_event_is_not_relative_to_publication():
    assert find_dates("تشكلت الحكومة في الشهر التالي للانتخابات", THURSDAY.isoformat()) == []


@pytest.mark.parametrize("text,delta", [
    ("شفته من أسبوع في السوق", relativedelta(weeks=1)),
    ("زرته من يومين في بيته", relativedelta(days=2)),
    ("اشتريت السيارة من شهرين تقريبا", relativedelta(months=2)),
])
def test_colloquial_min_before_a_unit_means_ago(text, delta):
    d = one(text, THURSDAY.isoformat())
    expected = THURSDAY - delta
    assert d.value == (expected.isoformat() if "شهر" not in text else expected.strftime("%Y-%m"))


@pytest.mark.parametrize("text", [
    "انتظر المسافرون أكثر من أسبوع في المطار",
    "تتغير الأسعار من عام لآخر",
    "يمتد المهرجان من أسبوع إلى أسبوعين",
    "أنهى الدورة في أقل من شهر",
    "تحول المشروع من عام الانتخابات إلى ما بعده",
])
def test_min_before_a_unit_that_is_a_comparison_or_a_range_is_not_ago(text):
    assert find_dates(text, THURSDAY.isoformat()) == []


# -- a weekday written beside a date -----------------------------------------------------------------

def nearest_year_with_weekday(month: int, day: int, weekday: int, pub: dt.date) -> dt.date:
    hits = [dt.date(y, month, day) for y in range(pub.year - 11, pub.year + 12)
            if dt.date(y, month, day).weekday() == weekday]
    return min(hits, key=lambda d: abs((d - pub).days))


@pytest.mark.parametrize("text,month,day,weekday", [
    ("يعقد الاجتماع الخميس 15 أغسطس في جنيف", 8, 15, 3),
    ("التقى الطرفان الأحد 29 أكتوبر في القاهرة", 10, 29, 6),
    ("عقدت الجلسة يوم الثلاثاء 11 سبتمبر", 9, 11, 1),
])
def test_a_weekday_beside_a_yearless_date_picks_the_nearest_year_where_they_agree(text, month, day, weekday):
    d = one(text, THURSDAY.isoformat())
    assert d.value == nearest_year_with_weekday(month, day, weekday, THURSDAY).isoformat()
    assert dt.date.fromisoformat(d.value).weekday() == weekday


def test_a_weekday_beside_a_yearless_date_without_publication_stays_partial():
    assert one("التقى الطرفان الأحد 29 أكتوبر في القاهرة").value == "--10-29"


# -- tense-aware placement ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("زار الوزير القاهرة الخميس", MONDAY + relativedelta(weekday=TH(-1))),
    ("سيزور الوزير القاهرة الخميس", MONDAY + relativedelta(weekday=TH(+1))),
    ("سوف يزور الوزير القاهرة يوم الخميس", MONDAY + relativedelta(weekday=TH(+1))),
    ("ومن المقرر أن يصل الوزير الخميس إلى القاهرة", MONDAY + relativedelta(weekday=TH(+1))),
    ("يعتزم الوزير زيارة القاهرة الخميس", MONDAY + relativedelta(weekday=TH(+1))),
    ("كان من المقرر أن يصل الوزير الخميس", MONDAY + relativedelta(weekday=TH(-1))),
    ("لم يصل الوزير الخميس كما أعلن", MONDAY + relativedelta(weekday=TH(-1))),
    ("سيزور الوزير القاهرة الخميس الماضي", MONDAY + relativedelta(weekday=TH(-1))),   # the word wins
])
def test_a_bare_weekday_resolves_forward_in_a_future_clause_and_back_otherwise(text, expected):
    assert one(text, MONDAY.isoformat()).value == expected.isoformat()


@pytest.mark.parametrize("text", [
    "وصلت سيارات الإسعاف الخميس إلى الموقع",
    "قال سياسيون الخميس إن الاتفاق صامد",
    "تراجعت الأسعار بعد سنوات من الارتفاع الخميس",
])
def test_nouns_that_start_like_future_verbs_do_not_make_a_clause_future(text):
    assert one(text, MONDAY.isoformat()).value == (MONDAY + relativedelta(weekday=TH(-1))).isoformat()


def test_a_future_clause_on_the_same_weekday_means_publication_day():
    assert one("سيزور الوزير القاهرة الخميس", THURSDAY.isoformat()).value == THURSDAY.isoformat()


@pytest.mark.parametrize("verb,years", [("عقدت", 0), ("ستعقد", 1), ("من المنتظر أن تعقد", 1)])
def test_a_day_and_month_before_publication_moves_to_next_year_in_a_future_clause(verb, years):
    published = dt.date(2019, 3, 20)
    d = one(f"{verb} القمة في 15 مارس بحضور القادة", published.isoformat())
    assert d.value == dt.date(2019 + years, 3, 15).isoformat()


def test_a_month_without_year_resolves_forward_in_a_future_clause():
    assert one("انطلقت الدورة في فبراير", THURSDAY.isoformat()).value == "2019-02"
    assert one("ستنطلق الدورة في فبراير", THURSDAY.isoformat()).value == "2020-02"
    assert one("ستنطلق الدورة في مارس", THURSDAY.isoformat()).value == "2019-03"     # the month under way


def test_the_reading_names_the_rule_that_placed_a_date():
    assert R.Reading(-1, False).source == "explicit"
    assert R.Reading(None, True).source == "future"
    assert R.Reading().source == "past"


@pytest.mark.parametrize("text", ["سلوى المدني ـ عين اليوم", "وقال لـ«عين اليوم» إن الموعد قريب",
                                  "نقلت قناة روسيا اليوم عن مصدر", "ذكرت صحيفة اليوم السابع أن الوفد وصل"])
def test_today_inside_a_known_outlets_name_written_as_a_name_is_not_a_date(text):
    assert find_dates(text, "2015-07-24") == []


@pytest.mark.parametrize("text", ["يزور الرئيس روسيا اليوم في زيارة رسمية", "قال الجانب المصري اليوم إن المعبر مفتوح"])
def test_today_after_a_word_of_an_outlets_name_in_running_text_is_still_today(text):
    assert one(text, "2015-07-24").value == "2015-07-24"


def test_a_weekday_naming_a_weekly_market_is_not_a_date():
    assert find_dates("نزل سوق الأحد في البلدة", "2015-08-07") == []


# -- counted spans back or forward from publication ----------------------------------------------

@pytest.mark.parametrize("text,span,first,last", [
    ("تضاعف العدد خلال السنوات الخمس الماضية", "السنوات الخمس الماضية", "2014", "2019"),
    ("تضاعف العدد خلال الخمس سنوات الماضية", "الخمس سنوات الماضية", "2014", "2019"),
    ("تراجع في الـ10 سنوات الأخيرة", "الـ10 سنوات الأخيرة", "2009", "2019"),
    ("ستبنى مدارس خلال العامين المقبلين", "العامين المقبلين", "2019", "2021"),
    ("ارتفعت الأسعار خلال الشهرين الماضيين", "الشهرين الماضيين", "2019-01", "2019-03"),
    ("زادت الهجمات على مدى العقد الماضي", "العقد الماضي", "2009", "2019"),
    ("قتل عشرة خلال الساعات الـ48 الماضية", "الساعات الـ48 الماضية", "2019-03-12", "2019-03-14"),
])
def test_a_counted_span_runs_from_publication_back_or_forward_by_its_count(text, span, first, last):
    d = one(text, THURSDAY.isoformat())
    assert (d.text, d.value, d.end_value, d.kind) == (span, first, last, "relative")


def test_a_counted_span_keeps_its_count_as_a_quantity_and_is_no_day_of_last_month():
    from marsad.extract import analyze
    a = analyze("سجلت الوزارة 12 حالة خلال الساعات الـ24 الماضية", THURSDAY.isoformat())
    assert [(d.text, d.value, d.end_value) for d in a.dates] == [
        ("الساعات الـ24 الماضية", "2019-03-13", THURSDAY.isoformat())]
    assert 24 in [q.value for q in a.quantities]


@pytest.mark.parametrize("text", [
    "يكثر الزحام في الأيام الثلاثة الأخيرة من رمضان",
    "يتوافد المشجعون في الساعات الثلاث الأخيرة قبل المباراة",
    "وقع اللاعب على تجديد العقد الحالي",
    "توفي بعد يوم واحد من الهجوم",
])
def test_a_span_counted_inside_or_from_an_event_or_a_contract_is_not_a_date(text):
    assert find_dates(text, THURSDAY.isoformat()) == []


@pytest.mark.parametrize("text,span,value", [
    ("جرت الانتخابات قبل عام ونصف", "قبل عام ونصف", "2017-09"),
    ("يعمل هنا منذ عامين ونصف العام", "منذ عامين ونصف العام", "2016-09"),
    ("وصل قبل شهر ونصف", "قبل شهر ونصف", "2019-01"),
])
def test_a_span_back_and_a_half_counts_the_half(text, span, value):
    d = one(text, THURSDAY.isoformat())
    assert (d.text, d.value) == (span, value)


@pytest.mark.parametrize("text,span,value", [
    ("انتهت الحرب قبل خمسين عاما", "قبل خمسين عاما", "1969"),
    ("عرفته منذ خمسة وثلاثين عامًا", "منذ خمسة وثلاثين عامًا", "1984"),
    ("لم يعدل النظام منذ أكثر من ثمانية عشر عاما", "منذ أكثر من ثمانية عشر عاما", "2001"),
    ("انتهت الحرب الباردة قبل ربع قرن", "قبل ربع قرن", "1994"),
    ("لم يحدث مثله منذ نصف قرن", "منذ نصف قرن", "1969"),
    ("تأسست المدينة قبل ثلاثة قرون", "قبل ثلاثة قرون", "1719"),
    ("تعمل الورشة منذ قرن ونصف", "منذ قرن ونصف", "1869"),
    ("انتقل إلى هنا منذ نصف عام", "منذ نصف عام", "2018-09"),
])
def test_spans_back_counted_in_tens_compounds_centuries_and_parts(text, span, value):
    d = one(text, THURSDAY.isoformat())
    assert (d.text, d.value) == (span, value)


@pytest.mark.parametrize("text,span,value", [
    ("يعقد المؤتمر الشهر بعد المقبل", "الشهر بعد المقبل", "2019-05"),
    ("تجرى الانتخابات العام بعد المقبل", "العام بعد المقبل", "2021"),
    ("يلاقي الفريق خصمه الخميس بعد المقبل", "الخميس بعد المقبل", "2019-03-28"),
    ("ينتهي المشروع في رمضان بعد المقبل", "رمضان بعد المقبل", "2020-04-24"),
    ("افتتح المعرض في مارس قبل الماضي", "مارس قبل الماضي", "2017-03"),
])
def test_after_the_next_and_before_the_last_skip_one(text, span, value):
    d = one(text, THURSDAY.isoformat())
    assert (d.text, d.value) == (span, value)


@pytest.mark.parametrize("text,span,first,last", [
    ("خسرت الشركة 359 مليون دولار في الربع الماضي", "الربع الماضي", "2018-10", "2018-12"),
    ("تتوقع الشركة أرباحا أعلى في الربع المقبل", "الربع المقبل", "2019-04", "2019-06"),
    ("تراجعت المبيعات في النصف الماضي", "النصف الماضي", "2018-07", "2018-12"),
])
def test_a_quarter_or_half_with_a_direction_is_next_to_publications(text, span, first, last):
    d = one(text, THURSDAY.isoformat())
    assert (d.text, d.value, d.end_value) == (span, first, last)


@pytest.mark.parametrize("text", ["ارتفع صافي الربح خلال الربع الحالي مقارنة بالربع السابق",
                                  "تراجعت الأرباح عن الربع السابق من العام الجاري"])
def test_the_current_and_previous_quarter_of_company_results_are_not_placed(text):
    assert [d for d in find_dates(text, THURSDAY.isoformat()) if "الربع" in d.text] == []


def test_a_direction_after_two_weekdays_places_them():
    d = one("تقام الورشة يومي السبت والأحد المقبلين", THURSDAY.isoformat())
    assert (d.text, d.value, d.end_value) == ("يومي السبت والأحد المقبلين", "2019-03-16", "2019-03-17")


def test_a_counted_span_with_a_ten_runs_from_publication():
    d = one("تضاعف العدد خلال الأعوام الستين الماضية", THURSDAY.isoformat())
    assert (d.text, d.value, d.end_value) == ("الأعوام الستين الماضية", "1959", "2019")


@pytest.mark.parametrize("text,span,days", [
    ("امبارح حصلت الحادثة في الشارع", "امبارح", -1),
    ("النهارده الصبح اجتمع المجلس", "النهارده", 0),
    ("وصل الوفد أول امبارح", "أول امبارح", -2),
    ("وقع الانفجار قبل يوم واحد", "قبل يوم واحد", -1),
])
def test_colloquial_days_and_one_day_ago(text, span, days):
    d = one(text, THURSDAY.isoformat())
    assert (d.text, d.value) == (span, (THURSDAY + dt.timedelta(days=days)).isoformat())


@pytest.mark.parametrize("text,span,first,last", [
    pytest.param("وقعت الحرب في الصيف الماضي", "الصيف الماضي", "2018-06", "2018-08", id="last-summer"),
    pytest.param("يكتمل المشروع في الخريف المقبل", "الخريف المقبل", "2019-09", "2019-11", id="next-autumn"),
    pytest.param("كان الشتاء الماضي باردا", "الشتاء الماضي", "2018-12", "2019-02", id="last-winter-spans-new-year"),
    pytest.param("يتوقع أمطارا هذا الربيع", "هذا الربيع", "2019-03", "2019-05", id="this-spring"),
])
def test_a_season_with_a_direction_is_the_range_of_its_months(text, span, first, last):
    d = one(text, THURSDAY.isoformat())
    assert (d.text, d.value, d.end_value) == (span, first, last)


def test_the_arab_spring_is_no_season():
    assert find_dates("بدأ الربيع العربي في تونس", THURSDAY.isoformat()) == []


@pytest.mark.parametrize("text,span", [
    ("ستجرى الانتخابات خلال الفترة المقبلة", "الفترة المقبلة"),
    ("تزايدت الحوادث في الفترة الأخيرة", "الفترة الأخيرة"),
])
def test_the_coming_or_last_period_is_found_without_a_value(text, span):
    d = one(text, THURSDAY.isoformat())
    assert (d.text, d.value) == (span, None)


@pytest.mark.parametrize("text,span,first,last", [
    pytest.param("قتل 28 خلال الـ24 ساعة الماضية", "الـ24 ساعة الماضية", "2019-03-13", "2019-03-14", id="count-then-singular"),
    pytest.param("رشح نفسه للسنوات الثلاث المقبلة", "للسنوات الثلاث المقبلة", "2019", "2022", id="after-li"),
])
def test_more_ways_of_writing_a_counted_span(text, span, first, last):
    d = one(text, THURSDAY.isoformat())
    assert (d.text, d.value, d.end_value) == (span, first, last)
