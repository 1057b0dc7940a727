"""Date habits of news copy: a relative day beside its weekday, the bare feast, a year phrase after a
month or a holiday, two names of one month, spaced numeric dates, consecutive-year ranges, dialect
directions. Expected values are computed (hijridate, datetime), not typed."""
import datetime as dt

import pytest
from hijridate import Gregorian, Hijri

from marsad.extract.dates import find_dates


def one(text, published):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def previous_weekday(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


@pytest.mark.parametrize("text,shift,weekday", [
    ("وقع الانفجار مساء اليوم الجمعة قرب السوق", 0, 4),     # collected on Saturday: yesterday was Friday
    ("قال الوزير أمس الخميس إن المفاوضات متعثرة", -1, 3),
    ("أعلنت الوزارة اليوم (الأربعاء) نتائج القبول", 0, 2),
])
def test_a_relative_day_beside_its_weekday_is_the_named_weekday_nearest_it(text, shift, weekday):
    published = dt.date(2015, 8, 1)                          # a Saturday
    expected = previous_weekday(published + dt.timedelta(days=shift), weekday)
    assert one(text, published.isoformat()).value == expected.isoformat()


def test_a_relative_day_whose_weekday_agrees_is_unchanged():
    assert one("قال الوزير أمس الجمعة إن الوفد وصل", "2015-08-01").value == "2015-07-31"


def _eid_al_fitr(hijri_year: int) -> str:
    return Hijri(hijri_year, 10, 1).to_gregorian().isoformat()


def test_the_feast_alone_is_the_eid_nearest_publication():
    published = "2015-07-22"
    year = Gregorian(2015, 7, 22).to_hijri().year
    assert one("نظم مجلس القبائل احتفال العيد برعاية أمير المنطقة", published).value == _eid_al_fitr(year)


def test_the_feast_prayer_is_not_a_date():
    assert find_dates("أدى المصلون صلاة العيد في مصليات المدينة", "2015-07-22") == []


@pytest.mark.parametrize("phrase,offset", [("هذا العام", 0), ("العام الماضي", -1), ("العام المقبل", 1)])
def test_a_holiday_followed_by_a_year_phrase_falls_in_that_year(phrase, offset):
    published = dt.date(2015, 8, 1)
    target = published.year + offset
    hijri_year = next(y for y in range(1430, 1445) if Hijri(y, 10, 1).to_gregorian().year == target)
    assert one(f"ازدحمت الأسواق قبل عيد الفطر {phrase}", published.isoformat()).value == _eid_al_fitr(hijri_year)


def test_ramadan_of_last_year_is_last_years_month_long_range():
    published = dt.date(2015, 8, 1)
    hijri_year = next(y for y in range(1430, 1445) if Hijri(y, 9, 1).to_gregorian().year == published.year - 1)
    first = Hijri(hijri_year, 9, 1).to_gregorian()
    last = Hijri(hijri_year, 10, 1).to_gregorian() - dt.timedelta(days=1)
    d = one("تراجعت المبيعات في رمضان العام الماضي", published.isoformat())
    assert (d.kind, d.value, d.end_value) == ("range", first.isoformat(), last.isoformat())


def test_next_ramadan_in_dialect_is_the_coming_one():
    published = dt.date(2015, 7, 24)
    hijri_year = Gregorian(2015, 7, 24).to_hijri().year + 1
    d = one("قال: أشوفكم في رمضان اللي جاي", published.isoformat())
    assert d.value == Hijri(hijri_year, 9, 1).to_gregorian().isoformat()


def test_two_names_of_one_month_side_by_side():
    assert one("هذه أسوأ قراءة منذ أكتوبر تشرين الأول 2009", "2015-08-09").value == "2009-10"


def test_a_numeric_hijri_date_with_spaced_slashes():
    expected = Hijri(1436, 10, 15).to_gregorian().isoformat()
    dates = find_dates("تعرضت الدورية لإطلاق نار في 15 / 10 / 1436 هـ قرب الحدود", "2015-08-01")
    assert [(d.value, d.calendar) for d in dates] == [(expected, "hijri")]


def test_consecutive_hijri_years_are_a_range_of_the_years_holding_their_new_year():
    d = one("صدرت حركة النقل للعام الدراسي 1436 / 1437 هـ", "2015-07-31")
    first, last = (str(Hijri(y, 1, 1).to_gregorian().year) for y in (1436, 1437))
    assert (d.kind, d.value, d.end_value) == ("range", first, last)


@pytest.mark.parametrize("text", ["نما السكان خلال المدة 1413-1431هـ بمعدل ثابت", "درس الشعر في الفترة من (1413 – 1431هـ)"])
def test_two_hijri_years_apart_with_their_era_are_a_range(text):
    d = one(text, "2015-07-31")
    first, last = (str(Hijri(y, 1, 1).to_gregorian().year) for y in (1413, 1431))
    assert (d.kind, d.calendar, d.value, d.end_value) == ("range", "hijri", first, last)


def test_a_season_written_as_two_years_is_a_range():
    d = one("استعد الفريق لموسم 2015-2016 بمعسكر خارجي", "2015-07-31")
    assert (d.value, d.end_value) == ("2015", "2016")


def test_the_gregorian_year_noun_before_a_year():
    assert one("تم ربط المحطة أواخر العام الميلادي 2014 بمضخة مياه", "2015-07-21").value == "2014"


@pytest.mark.parametrize("text,days", [("قبل ساعة", 0), ("منذ دقيقتين", 0), ("قبل 5 ساعات", 0), ("منذ 30 ساعة", -1)])
def test_hours_and_minutes_ago_give_the_day_they_lead_to(text, days):
    published = dt.date(2017, 10, 29)
    assert one(text, published.isoformat()).value == (published + dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize("text,delta", [
    ("بعد يومين", dt.timedelta(days=2)), ("ستنطلق البطولة بعد أسبوعين", dt.timedelta(weeks=2)),
])
def test_a_count_forward_from_publication_in_a_future_or_bare_clause(text, delta):
    published = dt.date(2017, 10, 29)
    assert one(text, published.isoformat()).value == (published + delta).isoformat()


def test_a_count_forward_in_past_narrative_is_not_from_publication():
    assert find_dates("وصل الوفد إلى المدينة بعد يومين", "2017-10-29") == []


def test_last_night_is_the_day_before():
    assert one("شهدت المدينة الليلة الماضية أمطارا غزيرة", "2017-10-29").value == "2017-10-28"


@pytest.mark.parametrize("text,reading", [
    ("وصل الوفد الخميس", "past"), ("سيعقد الاجتماع الخميس", "future"), ("الخميس الماضي", "explicit"),
    ("أمس", None), ("15 أغسطس 2015", None), ("عيد الفطر", "past"),
])
def test_each_date_says_which_rule_placed_it(text, reading):
    assert one(text, "2015-08-05").reading == reading
