from marsad.text import normalize, normalize_with_offsets, tokenize
from marsad.text.months import lookup_month


def test_normalize_folds_alef_hamza_forms_so_search_matches():
    assert normalize("الإمارات") == normalize("الامارات") == normalize("الأمارات")


def test_normalize_folds_ya_ta_marbuta_diacritics_and_tatweel():
    assert normalize("مُسْتَشْفَى") == normalize("مستشفي")
    assert normalize("سوريـــة") == normalize("سورية") == "سوريه"


def test_normalize_maps_arabic_indic_and_persian_digits():
    assert normalize("٢٠١٧ ۲۰۱۷") == "2017 2017"


def test_normalize_expands_presentation_forms_and_drops_bidi_controls():
    assert normalize("ﻻ") == "لا"
    assert normalize("\u202eداعش\u200f") == "داعش"


def test_offsets_map_folded_spans_back_to_original_text():
    text = "قالَ ﻻ بُدَّ من الإمارات"
    folded, offsets = normalize_with_offsets(text)
    i = folded.index("الامارات")
    j = i + len("الامارات")
    assert text[offsets[i]:offsets[j]] == "الإمارات"
    k = folded.index("لا")
    assert text[offsets[k]:offsets[k + 2]] == "ﻻ"
    assert len(offsets) == len(folded) + 1


def test_tokenize_splits_hashtag_underscores_and_keeps_offsets():
    text = "سيطرت #قوات_سوريا_الديمقراطية على 1,200 كلم"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["سيطرت", "قوات", "سوريا", "الديمقراطية", "على", "1,200", "كلم"]
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_month_lookup_knows_both_arabic_month_systems_and_hijri():
    assert lookup_month("يناير") == ("gregorian", 1)
    assert lookup_month("كانون الثاني") == ("gregorian", 1)
    assert lookup_month("تشرين الأول") == ("gregorian", 10)
    assert lookup_month("ذي الحجة") == ("hijri", 12)
    assert lookup_month("اب") == ("gregorian", 8)


def test_fold_map_maps_every_folded_position_back_like_the_offsets_list():
    from marsad.text.normalize import fold_with_offsets

    text = "قالَ ﻻ بُدَّ — İstanbul ـــ الإمارات" * 3
    fm = fold_with_offsets(text)
    folded, offsets = normalize_with_offsets(text)
    assert fm.text == folded == normalize(text)
    assert len(offsets) == len(folded) + 1 and offsets[-1] == len(text)
    assert [fm.original(i) for i in range(len(folded) + 1)] == offsets


def test_normalize_gives_the_same_fold_for_a_word_and_inside_a_long_text():
    word = "الإمارات"
    long = ("نص " * 30) + word
    assert normalize(long).endswith(normalize(word)) and normalize(word) == "الامارات"
