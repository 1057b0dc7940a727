"""Dates written in words: years (ألفين وثمانية عشر), ordinal days in every gender and article
form, months by their number (شهر عشرة), and the nth / last weekday or day of a month."""
from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hijridate import Hijri

from marsad.extract.dates import find_dates

PUB = dt.date(2019, 3, 14)


def one(text: str, published: object = None):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """From calendar.monthcalendar: the nth (n = -1: last) `weekday` of a month."""
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]]
    return dt.date(year, month, days[n - 1 if n > 0 else n])


# -- years in words -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,expected", [
    ("تأسست الجمعية عام ألفين وثمانية عشر في جدة", "عام ألفين وثمانية عشر", "2018"),
    ("ولد الشاعر سنة ألف وتسعمائة وواحد في القاهرة", "سنة ألف وتسعمائة وواحد", "1901"),
    ("تغير كل شيء منذ عام ألفين في المدينة", "عام ألفين", "2000"),
    ("انتهت الحرب عام ألف وتسعمائة وخمسة وأربعين", "عام ألف وتسعمائة وخمسة وأربعين", "1945"),
    ("أغلقت المدارس في مارس ألفين وعشرين بسبب الوباء", "مارس ألفين وعشرين", "2020-03"),
    ("وقع الزلزال في 15 مارس ألفين واثنين وعشرين", "15 مارس ألفين واثنين وعشرين", "2022-03-15"),
])
def test_years_in_words_after_a_year_noun_or_a_month_are_read_with_the_number_reader(text, span, expected):
    d = one(text)
    assert (d.text, d.value, d.kind) == (span, expected, "absolute")


@pytest.mark.parametrize("text", [
    "شارك ألفين وثمانية عشر متطوعا في الحملة",
    "ودع النادي آخر ألفين مشجع في المدرجات",
    "بلغ عدد الزوار ألف وتسعمائة زائر",
])
def test_a_number_in_words_without_a_year_noun_is_a_count_not_a_year(text):
    assert find_dates(text) == []


# -- ordinal days ------------------------------------------------------------------------------------

ORDINALS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
            "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر", "السادس عشر",
            "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرين", "الحادي والعشرين", "الثاني والعشرين",
            "الثالث والعشرين", "الرابع والعشرين", "الخامس والعشرين", "السادس والعشرين", "السابع والعشرين",
            "الثامن والعشرين", "التاسع والعشرين", "الثلاثين", "الحادي والثلاثين"]


@pytest.mark.parametrize("day", range(1, 32))
def test_every_ordinal_day_from_1_to_31_reads_before_a_month(day):
    d = one(f"أقيم الحفل في {ORDINALS[day - 1]} من ديسمبر 2020 بالعاصمة")
    assert d.value == dt.date(2020, 12, day).isoformat()


@pytest.mark.parametrize("text,expected", [
    ("وصل الوفد في العاشر من سبتمبر 2019 إلى الرباط", dt.date(2019, 9, 10)),
    ("وقع الاتفاق في الثالث عشر من شباط 2020", dt.date(2020, 2, 13)),
    ("بدأت العملية في الحادية عشرة من يوليو 2018", dt.date(2018, 7, 11)),           # feminine
    ("صدر الحكم في الحادي و العشرين من ديسمبر 2017", dt.date(2017, 12, 21)),        # detached و
    ("أعلن القرار في ثاني عشر من مايو 2016", dt.date(2016, 5, 12)),                 # without ال
    ("أعلنت النتائج في يناير الثاني والعشرين 2021", dt.date(2021, 1, 22)),          # month first
])
def test_ordinal_days_read_in_both_genders_with_or_without_al_and_after_the_month(text, expected):
    assert one(text).value == expected.isoformat()


def test_the_second_ramadan_is_not_a_day_of_ramadan():
    assert [d.text for d in find_dates("صام شهر رمضان الثاني بعيدا عن أهله")] == ["شهر رمضان"]


# -- months by number ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("افتتح المصنع في شهر عشرة 2010", "2010-10"),
    ("افتتح المصنع في شهر 10 عام 2010", "2010-10"),
    ("افتتح المصنع في شهر اثنا عشر 2011", "2011-12"),
])
def test_a_month_given_by_its_number_after_shahr_is_that_month(text, expected):
    assert one(text).value == expected


def test_a_month_by_number_without_a_year_resolves_like_a_month_name():
    d = one("ارتفعت الأسعار في شهر ثلاثة الماضي", "2019-05-02")
    assert d.value == "2019-03"
    assert one("ارتفعت الأسعار في مارس الماضي", "2019-05-02").value == d.value


def test_shahr_wahid_is_one_month_not_january():
    assert find_dates("بقي المريض في المستشفى شهر واحد") == []


# -- nth weekday, last day ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,year,month,weekday,n", [
    ("تعقد القمة ثالث ثلاثاء من سبتمبر 2020", 2020, 9, calendar.TUESDAY, 3),
    ("تجرى الانتخابات أول ثلاثاء من نوفمبر 2016", 2016, 11, calendar.TUESDAY, 1),
    ("يحتفل البلد آخر اثنين من مايو 2021", 2021, 5, calendar.MONDAY, -1),
    ("تعقد القمة الثلاثاء الثالث من سبتمبر 2020", 2020, 9, calendar.TUESDAY, 3),
    ("يقام السباق الأحد الأخير من أكتوبر 2018", 2018, 10, calendar.SUNDAY, -1),
])
def test_the_nth_or_last_weekday_of_a_named_month(text, year, month, weekday, n):
    d = one(text)
    assert (d.value, d.kind) == (nth_weekday(year, month, weekday, n).isoformat(), "absolute")


def test_a_weekday_before_an_ordinal_that_agrees_with_the_date_is_that_date():
    # 3 September 2019 is a Tuesday: "الثلاثاء الثالث من سبتمبر" is Tuesday the 3rd, not the 17th.
    assert dt.date(2019, 9, 3).weekday() == calendar.TUESDAY
    assert one("تعقد القمة الثلاثاء الثالث من سبتمبر 2019").value == "2019-09-03"


def test_the_nth_weekday_without_a_year_follows_the_reading_of_its_clause():
    past = one("جرت الانتخابات أول ثلاثاء من أكتوبر", PUB.isoformat())
    future = one("ستجرى الانتخابات أول ثلاثاء من أكتوبر", PUB.isoformat())
    assert past.value == nth_weekday(PUB.year - 1, 10, calendar.TUESDAY, 1).isoformat()
    assert future.value == nth_weekday(PUB.year, 10, calendar.TUESDAY, 1).isoformat()


def test_the_last_friday_of_ramadan_is_found_inside_the_hijri_month():
    first, following = Hijri(1445, 9, 1).to_gregorian(), Hijri(1445, 10, 1).to_gregorian()
    fridays = [first + dt.timedelta(days=i) for i in range((following - first).days)
               if (first + dt.timedelta(days=i)).weekday() == calendar.FRIDAY]
    d = one("امتلأ المسجد في الجمعة الأخيرة من رمضان 1445")
    assert (d.value, d.calendar) == (fridays[-1].isoformat(), "hijri")


@pytest.mark.parametrize("text,months", [
    ("تنتهي المهلة في اليوم الأخير من الشهر الجاري", 0),
    ("انتهت المهلة في آخر يوم من الشهر الماضي", -1),
    ("تنتهي المهلة في آخر يوم من الشهر المقبل", 1),
    ("تنتهي المهلة في آخر يوم من الشهر", 0),
])
def test_the_last_day_of_a_month_named_relative_to_publication(text, months):
    index = PUB.year * 12 + PUB.month - 1 + months
    year, month = index // 12, index % 12 + 1
    d = one(text, PUB.isoformat())
    assert (d.value, d.kind) == (dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat(), "relative")


def test_the_last_day_of_a_named_month_counts_leap_years():
    assert one("تنتهي المهلة في آخر يوم من فبراير 2024").value == "2024-02-29"
    assert one("بدأ الدوام في اليوم الأول من رمضان 1446").value == Hijri(1446, 9, 1).to_gregorian().isoformat()


@pytest.mark.parametrize("text, expected", [
    ("وفي الثالث من أغسطس (آب) العام الماضي اجتاح المسلحون البلدة", "2014-08-03"),
    ("وفي 3 أغسطس من العام الماضي اجتاح المسلحون البلدة", "2014-08-03"),
    ("يفتتح المعرض في 10 مارس من العام المقبل", "2016-03-10"),
])
def test_a_day_and_month_followed_by_a_year_phrase_fall_in_that_year(text, expected):
    d = one(text, "2015-08-03")
    assert (d.value, d.kind) == (expected, "absolute")
    assert "العام" in d.text


@pytest.mark.parametrize("text, expected", [
    ("صدر القرار في الخامس من شوال لعام 1436 هـ", "2015-07-21"),
    ("وقعت الاتفاقية في 10 مايو لعام 2014", "2014-05-10"),
])
def test_a_year_joined_by_li_to_its_day_and_month_is_their_year(text, expected):
    d = one(text, "2015-08-03")
    assert (d.value, d.kind) == (expected, "absolute")
    assert "لعام" in d.text


def test_a_range_written_across_the_new_year_starts_in_the_year_before():
    d = one("تقام الدورة في الفترة من 22 ديسمبر إلى الرابع من يناير 2016", "2015-08-01")
    assert (d.value, d.end_value) == ("2015-12-22", "2016-01-04")


def test_a_month_name_repeated_across_a_dash_is_a_score_not_a_month():
    assert find_dates("تعادل الفريقان بنتيجة صفر-صفر في المباراة الودية", "2015-08-01") == []
    assert one("يبدأ الموسم في شهر صفر المقبل", "2015-08-01").value == "2015-11"
