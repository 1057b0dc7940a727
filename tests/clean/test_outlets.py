from marsad.clean.outlets import outlet_from_credits, outlet_from_url, resolve_outlet


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


def test_metadata_names_are_kept_and_unknown_codes_not_invented():
    assert resolve_outlet("صحيفة النبأ", None, []) == "صحيفة النبأ"
    assert resolve_outlet(None, None, ["شارك هذا المقال"]) is None


def test_footer_credits_name_the_outlet():
    assert outlet_from_credits(["انضم إلى من يتابعون محتوى سكاي نيوز عربية يوميا"]) == "سكاي نيوز عربية"
    assert outlet_from_credits(["© 2021 موقع المدار الإخباري"]) == "موقع المدار الإخباري"
    assert outlet_from_credits(["جميع الحقوق محفوظة لـ شبكة الأفق الإخبارية ٢٠٢٣"]) == "شبكة الأفق الإخبارية"
