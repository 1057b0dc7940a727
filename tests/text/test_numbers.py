import pytest

from marsad.text.numbers import parse_digits, parse_number, parse_ordinal


@pytest.mark.parametrize("words, value", [
    ("خمسة", 5), ("ثلاث", 3), ("اثنين", 2), ("اثنتان", 2), ("عشرة", 10),
    ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("ثلاثة عشر", 13), ("تسع عشرة", 19),
    ("عشرين", 20), ("تسعون", 90), ("خمسة وعشرين", 25), ("واحد وثلاثون", 31),
    ("مئة", 100), ("مائة", 100), ("مئتان", 200), ("مائتي", 200), ("ثلاثمئة", 300), ("ثلاثمائة", 300),
    ("ثلاث مئة", 300), ("خمسمئة", 500), ("مئة وخمسة وعشرون", 125),
    ("ألف", 1000), ("ألفا", 1000), ("ألفان", 2000), ("ألفي", 2000), ("ثلاثة آلاف", 3000),
    ("عشرة آلاف", 10000), ("سبعين ألفا", 70000), ("ثلاثة عشر ألفا", 13000), ("مئة وخمسين ألف", 150000),
    ("ألف ومئتين", 1200), ("ثلاثة آلاف وخمسمئة", 3500),
    ("مليون", 1_000_000), ("مليونين", 2_000_000), ("مليون ونصف", 1_500_000), ("مليونين ونصف", 2_500_000),
    ("نصف مليون", 500_000), ("ربع مليون", 250_000), ("ثلاثة ملايين وخمسمئة ألف", 3_500_000),
    ("مليار", 1_000_000_000), ("ملياري", 2_000_000_000),
])
def test_number_words_in_every_case_and_gender_resolve_to_their_value(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("words, value", [
    ("3 آلاف", 3000), ("8 آلاف", 8000), ("2.5 مليون", 2_500_000), ("1.5 مليار", 1_500_000_000),
    ("٣ ملايين و٥٠٠ ألف", 3_500_000), ("70 ألف", 70000),
])
def test_digits_with_scale_words_multiply(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("token, value", [
    ("1200", 1200), ("1,200", 1200), ("1,200,000", 1_200_000), ("1.200.000", 1_200_000),
    ("2.5", 2.5), ("2,5", 2.5), ("0.75", 0.75), ("1.200", 1200),
])
def test_digit_separators_group_thousands_or_mark_decimals(token, value):
    assert parse_digits(token) == value


def test_a_dot_before_a_scale_word_is_a_decimal_point():
    assert parse_digits("1.250", before_scale=True) == 1.25
    assert parse_number("1.250 مليار") == 1_250_000_000


def test_arabic_indic_and_persian_digits_are_read():
    assert parse_number("٢٥٠") == 250
    assert parse_number("۲۵۰") == 250
    assert parse_number("٢٫٥ مليون") == 2_500_000


def test_two_numbers_joined_by_and_are_not_added_when_the_second_is_not_smaller():
    assert parse_number("8 آلاف و10 آلاف") is None      # a range, not 18000
    assert parse_number("500 و600") is None
    assert parse_number("عشرين وخمسة") is None


def test_vague_plural_scales_alone_have_no_value():
    assert parse_number("آلاف") is None
    assert parse_number("ملايين") is None


@pytest.mark.parametrize("words, value", [
    ("الأول", 1), ("الأولى", 1), ("الثالث", 3), ("العاشر", 10), ("العاشرة", 10),
    ("الحادي عشر", 11), ("الحادية عشرة", 11), ("الثاني عشر", 12), ("العشرين", 20),
    ("الحادي والعشرين", 21), ("الثالث والثلاثين", 33), ("خامس", 5),
])
def test_ordinals_resolve_for_the_dates_extractor(words, value):
    assert parse_ordinal(words) == value


def test_cardinals_are_not_ordinals():
    assert parse_ordinal("ثلاثة") is None
    assert parse_number("الثالث") is None
