"""Holidays (Islamic ones by the Umm al-Qura calendar, Christmas, New Year, Easter) and Ramadan
named as a whole (a range over its days)."""
from __future__ import annotations

import datetime as dt

import pytest
from dateutil import easter
from hijridate import Gregorian, Hijri

from marsad.extract.dates import find_dates

PUB = dt.date(2019, 3, 14)
PUB_HIJRI_YEAR = Gregorian(PUB.year, PUB.month, PUB.day).to_hijri().year


def one(text: str, published: object = None):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def hijri_occurrences(month: int, day: int) -> list[dt.date]:
    return [Hijri(y, month, day).to_gregorian() for y in range(PUB_HIJRI_YEAR - 1, PUB_HIJRI_YEAR + 2)]


def last_on_or_before(days: list[dt.date], pub: dt.date) -> dt.date:
    return max(d for d in days if d <= pub)


def first_on_or_after(days: list[dt.date], pub: dt.date) -> dt.date:
    return min(d for d in days if d >= pub)


@pytest.mark.parametrize("name,month,day", [
    ("عيد الفطر", 10, 1), ("عيد الأضحى", 12, 10), ("رأس السنة الهجرية", 1, 1), ("المولد النبوي الشريف", 3, 12),
    ("يوم عرفة", 12, 9), ("عاشوراء", 1, 10), ("ليلة النصف من شعبان", 8, 15), ("يوم التروية", 12, 8),
])
def test_islamic_holidays_without_a_year_are_the_latest_before_publication(name, month, day):
    d = one(f"احتفل المسلمون في المدينة ب{name} وسط أجواء بهيجة", PUB.isoformat())
    assert (d.value, d.calendar, d.kind) == (
        last_on_or_before(hijri_occurrences(month, day), PUB).isoformat(), "hijri", "absolute")


def test_islamic_holidays_in_a_future_clause_are_the_next_occurrence():
    d = one("سيحتفل المسلمون بعيد الفطر المبارك في الساحات", PUB.isoformat())
    assert d.value == first_on_or_after(hijri_occurrences(10, 1), PUB).isoformat()


def test_a_direction_word_after_a_holiday_picks_its_side():
    past = one("ارتفعت الأسعار قبيل عيد الأضحى الماضي", PUB.isoformat())
    future = one("ترتفع الأسعار عادة قبيل عيد الأضحى المقبل", PUB.isoformat())
    days = hijri_occurrences(12, 10)
    assert past.value == max(d for d in days if d < PUB).isoformat()
    assert future.value == min(d for d in days if d > PUB).isoformat()


@pytest.mark.parametrize("text,hijri_year", [
    ("صلى الملايين عيد الفطر 1436 في الحرمين", 1436),
    ("صلى الملايين عيد الفطر لعام 1436 هـ في الحرمين", 1436),
])
def test_a_holiday_with_a_hijri_year_is_that_year_s_day(text, hijri_year):
    assert one(text).value == Hijri(hijri_year, 10, 1).to_gregorian().isoformat()


def test_a_holiday_with_a_gregorian_year_is_its_occurrence_in_that_year():
    expected = next(d for y in range(1430, 1440) if (d := Hijri(y, 12, 10).to_gregorian()).year == 2015)
    assert one("ذبح الحجاج الأضاحي في عيد الأضحى عام 2015").value == expected.isoformat()


def test_the_nth_day_of_a_feast_counts_from_its_first_day():
    d = one("زار الأقارب في ثاني أيام عيد الفطر 1440")
    assert d.value == (Hijri(1440, 10, 1).to_gregorian() + dt.timedelta(days=1)).isoformat()


def test_christmas_and_new_year_are_fixed_days():
    assert one("احتفل المسيحيون بعيد الميلاد المجيد").value == "--12-25"
    assert one("احتفل المسيحيون بعيد الميلاد عام 2018").value == "2018-12-25"
    d = one("تزينت الشوارع برأس السنة الميلادية", PUB.isoformat())
    assert (d.value, d.calendar) == ("2019-01-01", "gregorian")


@pytest.mark.parametrize("year", [2015, 2019, 2024])
def test_easter_is_computed_western_and_orthodox(year):
    assert one(f"احتفل المسيحيون بعيد الفصح عام {year}").value == easter.easter(year).isoformat()
    orthodox = easter.easter(year, easter.EASTER_ORTHODOX)
    assert one(f"احتفل المسيحيون بعيد الفصح الأرثوذكسي عام {year}").value == orthodox.isoformat()


def test_easter_without_a_year_is_the_latest_before_publication():
    days = [easter.easter(y) for y in (PUB.year - 1, PUB.year)]
    assert one("احتفل المسيحيون بعيد الفصح في الكنائس", PUB.isoformat()).value == last_on_or_before(days, PUB).isoformat()


@pytest.mark.parametrize("text", [
    "احتفل الملك بعيد ميلاده الستين",
    "احتفلت الملكة بعيد الميلاد التسعين",
    "احتفل اليهود بعيد الفصح اليهودي",
    "احتفلت الجالية برأس السنة الصينية",
    "زاد رأس المال في الربع الأخير",
    "يحتفل البلد بعيد الاستقلال",
])
def test_birthdays_other_calendars_and_lookalikes_are_not_holidays(text):
    assert [d for d in find_dates(text) if "عيد" in d.text or "رأس" in d.text] == []


# -- Ramadan as a period ----------------------------------------------------------------------------

def ramadan(hijri_year: int) -> tuple[str, str]:
    first = Hijri(hijri_year, 9, 1).to_gregorian()
    last = Hijri(hijri_year, 10, 1).to_gregorian() - dt.timedelta(days=1)
    return first.isoformat(), last.isoformat()


@pytest.mark.parametrize("text,hijri_year", [
    ("ارتفعت الأسعار في رمضان 1436 بشكل لافت", 1436),
    ("تستعد الأسواق لموسم رمضان 1446 بعروض كثيرة", 1446),
])
def test_ramadan_with_a_hijri_year_is_the_range_of_its_days(text, hijri_year):
    d = one(text)
    assert (d.kind, d.calendar, (d.value, d.end_value)) == ("range", "hijri", ramadan(hijri_year))


def test_ramadan_with_a_gregorian_year_is_the_one_starting_that_year():
    year = next(y for y in range(1430, 1440) if Hijri(y, 9, 1).to_gregorian().year == 2015)
    d = one("ارتفعت الأسعار في رمضان 2015 بشكل لافت")
    assert (d.value, d.end_value) == ramadan(year)


def test_shahr_ramadan_without_a_year_is_the_latest_begun_or_the_next_in_a_future_clause():
    spans = [ramadan(y) for y in (PUB_HIJRI_YEAR - 1, PUB_HIJRI_YEAR, PUB_HIJRI_YEAR + 1)]
    past = one("صام المسلمون شهر رمضان المبارك", PUB.isoformat())
    future = one("سيصوم المسلمون شهر رمضان المبارك", PUB.isoformat())
    assert (past.value, past.end_value) == max(s for s in spans if s[0] <= PUB.isoformat())
    assert (future.value, future.end_value) == min(s for s in spans if s[1] >= PUB.isoformat())


def test_a_day_of_ramadan_stays_one_day():
    d = one("صدر القرار في 16 رمضان 1436")
    assert (d.kind, d.value, d.end_value) == ("absolute", Hijri(1436, 9, 16).to_gregorian().isoformat(), None)
