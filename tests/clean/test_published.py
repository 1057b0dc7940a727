import pytest

from marsad.clean.published import dateline_value, parse_published, read_dateline


@pytest.mark.parametrize("raw, iso", [
    ("2015-07-21 10:00:00", "2015-07-21T10:00:00"),
    ("2015-07-21T10:00:00Z", "2015-07-21T10:00:00+00:00"),
    ("2019-02-03T18:45:10+03:00", "2019-02-03T18:45:10+03:00"),
    ("2015-07-21", "2015-07-21"),
    ("Tue, 21 Jul 2015 10:00:00 +0000", "2015-07-21T10:00:00+00:00"),
    ("Sun, 03 Feb 2019 18:45:00 GMT", "2019-02-03T18:45:00+00:00"),
    ("21/07/2015", "2015-07-21"),
    ("07/21/2015", "2015-07-21"),
    ("١٤ آذار ٢٠٢٣ - ١١:٣٠ م بتوقيت جرينيتش", "2023-03-14T23:30:00+00:00"),
    ("الخميس 3 يناير/كانون الثاني 2019", "2019-01-03"),
    ("March 14, 2023 9:05 AM", "2023-03-14T09:05:00"),
    ("14 شباط 2021 12:10 ص", "2021-02-14T00:10:00"),
    ("آخر تحديث: 2 حزيران 2022 - 16:20 بتوقيت مكة المكرمة", "2022-06-02T16:20:00+03:00"),
    ("الثلاثاء 5 شوال 1436 هـ الموافق 21 يوليو 2015 م", "2015-07-21"),
    ("1437/01/01 هـ", "2015-10-14"),
    ("1437465600", "2015-07-21T08:00:00+00:00"),
])
def test_parse_published_reads_feed_and_dateline_formats(raw, iso):
    assert parse_published(raw) == iso


@pytest.mark.parametrize("raw", ["", "   ", "قريبا", "31/02/2019", "2015-13-40"])
def test_parse_published_gives_none_for_what_is_not_a_date(raw):
    assert parse_published(raw) is None


def test_dateline_is_a_date_with_only_filler_words_around_it():
    assert dateline_value("نشر في: الأحد ٢٩ تشرين الأول ٢٠١٧") == "2017-10-29"
    assert dateline_value("قتل 3 أشخاص في 12 مارس 2019 بانفجار سيارة مفخخة") is None


def test_an_offset_needs_gmt_or_to_follow_the_time_directly():
    assert parse_published("2017-10-29 08:02 - 10 قتلى") == "2017-10-29T08:02:00"
    assert parse_published("21 Jul 2015 10:00 GMT+3") == "2015-07-21T10:00:00+03:00"


@pytest.mark.parametrize("line, iso", [
    ("5 مارس/آذار 2025", "2025-03-05"),
    ("٢٦ آذار/مارس ٢٠٢٥", "2025-03-26"),
    ("الخميس 8/3/2025", "2025-03-08"),
    ("21 مارس 2025 09:30 ص", "2025-03-21T09:30:00"),
    ("الموصل - 4 آذار 2025", "2025-03-04"),
    ("نشر في: 2025-03-09 09:00", "2025-03-09T09:00:00"),
    ("تاريخ النشر: 11/02/2024 - 10:15 م", "2024-02-11T22:15:00"),
])
def test_short_dateline_forms_are_read(line, iso):
    assert dateline_value(line) == iso


def test_a_name_before_the_date_is_kept_apart_from_the_date():
    found = read_dateline("جريدة الوادي الأخضر - الأحد 9/2/2025")
    assert found.value == "2025-02-09" and found.prefix == "جريدة الوادي الأخضر"
    assert read_dateline("موقع السهل | الاثنين، 17 فبراير 2025 04:10 م").value == "2025-02-17T16:10:00"
    assert dateline_value("جريدة الوادي الأخضر - الأحد 9/2/2025") is None   # the plain reader wants a date only
    assert read_dateline("ارتفع عدد القتلى - 12 قتيلا في 3 مارس 2025") is None


def test_the_publication_time_wins_over_the_update_time():
    assert read_dateline("آخر تحديث: 2024-05-02 18:00").update
    both = read_dateline("آخر تحديث: 02/05/2024 18:00 | تاريخ النشر: 01/05/2024 07:45")
    assert both.value == "2024-05-01T07:45:00" and not both.update
