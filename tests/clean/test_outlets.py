import pytest

from marsad.clean.outlets import (
    masthead_name,
    outlet_from_credits,
    outlet_from_url,
    outlet_name,
    resolve_outlet,
    self_name,
)


def test_saudinewsnet_source_codes_map_to_arabic_names():
    assert resolve_outlet("okaz", None, []) == "عكاظ"
    assert resolve_outlet("3alyoum", None, []) == "عين اليوم"
    assert resolve_outlet("was", None, []) == "وكالة الأنباء السعودية (واس)"


def test_domains_subdomains_and_path_outlets_resolve():
    assert outlet_from_url("https://www.aljazeera.net/news/2019/1/1/x") == "الجزيرة"
    assert outlet_from_url("http://m.alarabiya.net/ar/x") == "العربية"
    assert outlet_from_url("https://www.bbc.com/arabic/middleeast-123") == "بي بي سي عربي"
    assert outlet_from_url("7al.net") == "الحل نت"
    assert outlet_from_url("https://example.org/a") is None


def test_metadata_names_are_shown_as_the_publisher_and_unknown_codes_not_invented():
    assert resolve_outlet("صحيفة النبأ", None, []) == "النبأ"
    assert resolve_outlet(None, None, ["شارك هذا المقال"]) is None


@pytest.mark.parametrize("written, shown", [
    ("صحيفة النهار المغاربية", "النهار المغاربية"),
    ("النهار المغاربية", "النهار المغاربية"),
    ("موقع بوابة النيل", "بوابة النيل"),            # بوابة belongs to the name
    ("بوابة النيل", "بوابة النيل"),
    ("موقع عين الفرات", "عين الفرات"),
    ("قناة الرافدين الإخبارية", "الرافدين"),
    ("وكالة أنباء المشرق", "وكالة أنباء المشرق"),    # the descriptor opens the name
    ("وكالة الأنباء الليبية", "وكالة الأنباء الليبية"),
    ("  شبكة   الساحل نيوز ", "الساحل نيوز"),
    ("قناة الجزيرة", "الجزيرة"),                    # a known outlet's own name
    ("صحيفة", "صحيفة"),
])
def test_every_way_of_writing_a_publisher_is_shown_under_one_name(written, shown):
    assert outlet_name(written) == shown


def test_an_unknown_site_is_named_by_its_host_when_nothing_else_names_it():
    assert resolve_outlet(None, "https://www.example-news.com/a/1", []) == "example-news.com"
    assert resolve_outlet(None, "https://example-news.com/a/1", ["© 2025 صحيفة المدار"]) == "المدار"
    assert resolve_outlet(None, "http://10.0.0.1/a", []) is None
    assert resolve_outlet(None, "not a url", []) is None


def test_footer_credits_name_the_outlet():
    assert outlet_from_credits(["انضم إلى من يتابعون محتوى سكاي نيوز عربية يوميا"]) == "سكاي نيوز عربية"
    assert outlet_from_credits(["© 2021 موقع المدار الإخباري"]) == "موقع المدار الإخباري"
    assert outlet_from_credits(["جميع الحقوق محفوظة لـ شبكة الأفق الإخبارية ٢٠٢٣"]) == "شبكة الأفق الإخبارية"


def test_a_credit_gives_the_whole_outlet_name_not_a_known_name_it_opens_with():
    # "صحيفة الخليج" is a known outlet; "صحيفة الخليج المسائي" is another one
    assert outlet_from_credits(["جميع الحقوق محفوظة لصحيفة الخليج المسائي 2025"]) == "صحيفة الخليج المسائي"
    assert outlet_from_credits(["محتوى صحيفة الخليج المسائي"]) == "صحيفة الخليج المسائي"
    assert outlet_from_credits(["جميع الحقوق محفوظة لموقع وادي النيل الإخباري ٢٠٢٤."]) == "موقع وادي النيل الإخباري"
    assert outlet_from_credits(["© 2024 صحيفة الخليج"]) == "الخليج"          # a known one keeps its display name
    assert outlet_from_credits(["حقوق النشر محفوظة لـ قناة الجزيرة"]) == "الجزيرة"


def test_credit_cues_that_name_no_outlet_give_nothing():
    assert outlet_from_credits(["محتوى إعلاني"]) is None
    assert outlet_from_credits(["جميع الحقوق محفوظة"]) is None
    assert outlet_from_credits(["حمّل تطبيق الهاتف"]) is None
    assert outlet_from_credits(["المصدر: وكالات"]) is None


def test_the_strongest_cue_wins_and_a_descriptor_form_is_preferred():
    credits = ["المصدر: وكالة أنباء الساحل", "تابعوا آخر الأخبار عبر تطبيق الصباح المغاربي على هواتفكم"]
    assert outlet_from_credits(credits) == "الصباح المغاربي"                 # "المصدر" is the agency copied
    assert outlet_from_credits(["محتوى الوادي"], [("dateline", "صحيفة الوادي")]) == "صحيفة الوادي"


def test_site_headers_name_the_outlet_and_headlines_do_not():
    assert masthead_name("قناة دجلة الإخبارية") == "قناة دجلة الإخبارية"
    assert masthead_name("نهر الخابور | أخبار") == "نهر الخابور"
    assert masthead_name("موقع الوادي - الصفحة الرئيسية") == "موقع الوادي"
    assert masthead_name("شبكة السهول نيوز") == "شبكة السهول نيوز"
    assert masthead_name("قناة السويس تسجل إيرادات قياسية") is None
    assert masthead_name("بغداد") is None
    assert self_name("الرياض") is None          # a one-word name is too often a place
