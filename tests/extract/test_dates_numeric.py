"""Dates written with numbers and no four-digit year: day/month pairs, two-digit years, a day of
the month alone, month names glued to digits; and the numbers that must stay quantities."""
from __future__ import annotations

import datetime as dt

import pytest
from hijridate import Hijri

from marsad.extract.dates import find_dates

PUB = dt.date(2019, 3, 14)


def one(text: str, published: object = None):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def latest_on_or_before(pub: dt.date, month: int, day: int) -> str:
    """The day+month on or before publication (the past/neutral reading)."""
    candidate = dt.date(pub.year, month, day)
    return (candidate if candidate <= pub else dt.date(pub.year - 1, month, day)).isoformat()


def next_on_or_after(pub: dt.date, month: int, day: int) -> str:
    candidate = dt.date(pub.year, month, day)
    return (candidate if candidate >= pub else dt.date(pub.year + 1, month, day)).isoformat()


@pytest.mark.parametrize("text,span,month,day", [
    ("عقد المجلس جلسته في 22/4 بحضور الأعضاء", "22/4", 4, 22),        # day > 12: day/month
    ("عقد المجلس جلسته في 4/22 بحضور الأعضاء", "4/22", 4, 22),        # second > 12: month/day
    ("أعلنت الشرطة أن الحادث وقع في 3/4 قرب الجسر", "3/4", 4, 3),     # both <= 12: day/month
    ("افتتح المعرض يوم 5-6 وسط إقبال كبير", "يوم 5-6", 6, 5),
    ("بدأ الإضراب في 22-4 واستمر أسبوعا", "22-4", 4, 22),
    ("صدر التعميم بتاريخ 4.22 عن الإدارة", "4.22", 4, 22),
    ("نشر الباحث تقريره 27/2 وأثار جدلا", "27/2", 2, 27),               # "/" and day > 12: no cue needed
])
def test_a_day_month_pair_reads_day_first_unless_only_the_second_can_be_a_day(text, span, month, day):
    d = one(text, PUB.isoformat())
    assert (d.text, d.kind, d.calendar) == (span, "absolute", "gregorian")
    assert d.value == latest_on_or_before(PUB, month, day)


def test_a_yearless_pair_without_publication_is_a_partial_iso_day():
    assert one("اجتمعت اللجنة في 22/4 لمناقشة الموازنة").value == "--04-22"


def test_a_yearless_pair_in_a_future_clause_is_the_next_such_day():
    d = one("ستجتمع اللجنة في 3/2 لمناقشة الموازنة", PUB.isoformat())
    assert d.value == next_on_or_after(PUB, 2, 3)


def test_a_weekday_before_a_pair_is_a_strong_cue():
    d = one("تنطلق المباريات الجمعة 8/3 في الرياض", PUB.isoformat())
    assert d.value == "2019-03-08" and dt.date.fromisoformat(d.value).weekday() == 4


@pytest.mark.parametrize("text,expected", [
    ("تأسست الشركة في 18-9-15 في دبي", dt.date(2015, 9, 18)),           # d-m-yy
    ("صدر القرار بتاريخ 08/12/15 عن الوزارة", dt.date(2015, 12, 8)),
    ("ولد الكاتب في 4/22/98 في عمان", dt.date(1998, 4, 22)),              # m-d-yy when only the second is a day
])
def test_two_digit_years_complete_to_the_nearest_century(text, expected):
    assert one(text, PUB.isoformat()).value == expected.isoformat()


def test_a_two_digit_year_without_publication_uses_the_posix_pivot():
    assert one("صدر القرار بتاريخ 08/12/15 عن الوزارة").value == "2015-12-08"
    assert one("صدر القرار بتاريخ 08/12/85 عن الوزارة").value == "1985-12-08"


@pytest.mark.parametrize("text", [
    "بلغ سعر البرميل 4.22 دولار في التعاملات",
    "فاز الهلال على النصر 2-1 في الديربي",
    "فاز الفريق في 13-2 على منافسه",
    "يستغرق العلاج 3-5 أيام في العادة",
    "تحتاج الوصفة إلى 3/4 كوب من الحليب",
    "ارتفع المؤشر 1.25 نقطة في التداولات",
    "نما الاقتصاد في 13.5% من المناطق",
    "حصل الطالب على 18/20 في الامتحان",
    "يبدأ الدوام في 10.30 صباحا كل يوم",
    "تعمل غرفة العمليات على مدار 24/7 دون توقف",
    "نصت المادة 22/4 من الدستور على ذلك",
    "بلغت قيمة الصفقة في 2.5 مليون دولار",
    "سقط الصاروخ في 15 مدينة وقرية",
    "تراجع الإنتاج بنسبة 3.7 خلال الربع",
])
def test_numbers_that_are_quantities_scores_or_fractions_are_not_dates(text):
    assert find_dates(text, PUB.isoformat()) == []


@pytest.mark.parametrize("pub,expected", [
    (dt.date(2019, 3, 14), dt.date(2019, 2, 15)),       # the 15th not reached yet: last month's
    (dt.date(2019, 3, 20), dt.date(2019, 3, 15)),
])
def test_a_bare_day_after_fi_is_that_day_of_the_latest_month_reaching_it(pub, expected):
    d = one("انطلقت الحملة في 15، وشارك فيها الآلاف", pub.isoformat())
    assert (d.text, d.kind, d.value) == ("15", "relative", expected.isoformat())


def test_a_bare_day_in_a_future_clause_is_the_next_such_day():
    d = one("ستنطلق الحملة في 15، ويشارك فيها الآلاف", PUB.isoformat())
    assert d.value == dt.date(2019, 3, 15).isoformat()


@pytest.mark.parametrize("text,months", [
    ("تنتهي المهلة يوم 25 الجاري حسب البيان", 0),
    ("انتهت المهلة في 25 الماضي حسب البيان", -1),
    ("تبدأ المرحلة الثانية في 3 المقبل حسب البيان", 1),
])
def test_a_day_with_a_direction_word_is_in_the_month_it_names(text, months):
    month_index = PUB.year * 12 + PUB.month - 1 + months
    d = find_dates(text, PUB.isoformat())[0]
    day = int("".join(c for c in d.text if c.isdigit()))
    assert d.value == dt.date(month_index // 12, month_index % 12 + 1, day).isoformat()


@pytest.mark.parametrize("text,span,expected", [
    ("وقعت الحادثة في سبتمبر10 الماضي", "سبتمبر10 الماضي", "2018-09-10"),
    ("ولد في 10سبتمبر 2016 في باريس", "10سبتمبر 2016", "2016-09-10"),
    ("ولد في 16. نوفمبر. 2016 في باريس", "16. نوفمبر. 2016", "2016-11-16"),
])
def test_month_names_glued_to_digits_or_dotted_are_read(text, span, expected):
    d = one(text, PUB.isoformat())
    assert (d.text, d.value) == (span, expected)


def test_spans_of_number_pairs_point_into_the_original_text():
    text = "وأعلنت الوزارةُ في ٢٢/٤ عن خطة جديدة"
    d = one(text)
    assert text[d.start:d.end] == d.text == "٢٢/٤" and d.value == "--04-22"


@pytest.mark.parametrize("text", ["يبدأ العام التدريبي يوم 8 /11 /1436هـ", "يبدأ العام التدريبي يوم 8/ 11/ 1436هـ"])
def test_a_numeric_date_spaced_alike_at_both_separators_is_read(text):
    d = one(text, "2015-08-10")
    assert (d.value, d.calendar) == (Hijri(1436, 11, 8).to_gregorian().isoformat(), "hijri")


def test_a_numeric_date_spaced_unlike_at_its_two_separators_is_not_a_date():
    assert find_dates("الأرقام 8 /11/ 2015 في الجدول", "2015-08-10") == []
