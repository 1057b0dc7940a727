"""aliases: one key per entity across spellings, short forms and derived forms."""
from __future__ import annotations

from marsad.extract.aliases import fuzzy_entry, key_for, phonetic_skeleton
from marsad.extract.entities import find_entities, find_entities_by_rules
from marsad.extract.gazetteer import fold_phrase, gazetteer


def keys(text: str) -> dict[str, str]:
    return {e.text: e.key for e in find_entities(text)}


def test_isis_names_and_derived_forms_share_one_key():
    found = keys("قاتل الدواعش في الرقة، وقال داعشي سابق إن الدولة الإسلامية في العراق والشام انهارت")
    assert found["الدواعش"] == found["داعشي"] == found["الدولة الإسلامية في العراق والشام"] == "org:isis"


def test_surname_alone_takes_the_table_key_and_canonical():
    (e,) = find_entities("وقال ترامب إن الاتفاق سيئ")
    assert (e.key, e.canonical) == ("per:donald-trump", "دونالد ترامب")


def test_misspelt_organisation_matches_the_table_entry():
    assert fuzzy_entry(fold_phrase("معهد دارسات الحرب"), "ORG").key == "org:isw"
    assert keys("وبحسب معهد دارسات الحرب فإن التنظيم يستعيد قوته")["معهد دارسات الحرب"] == "org:isw"


def test_fuzzy_match_never_swaps_a_nationality_adjective():
    assert fuzzy_entry(fold_phrase("القوات الكردية"), "ORG") is None


def test_transliteration_variants_share_a_skeleton():
    assert phonetic_skeleton(fold_phrase("لودفيجشافن")) == phonetic_skeleton(fold_phrase("لودفيغسهافن"))


def test_unknown_names_get_a_type_prefixed_slug_key():
    assert key_for("PER", "ناثان سيلز") == "per:ناثان-سيلز"


def test_country_short_and_long_forms_share_a_key():
    gaz = gazetteer()
    assert {e.key for alias in ("سوريا", "سورية", "الجمهورية العربية السورية") for e in gaz.lookup(fold_phrase(alias))} \
        == {"loc:syria"}
    assert keys("زار الوفد واشنطن")["واشنطن"] == "loc:united-states"


def test_every_table_entry_has_an_english_name_and_a_typed_key():
    for entry in gazetteer().by_key.values():
        assert entry.en and entry.key.split(":")[0] == entry.type.lower()


def test_bounded_edit_distance_is_exact_up_to_the_bound_and_above_it_after():
    from marsad.extract.aliases import _levenshtein

    assert _levenshtein("لودفيجشافن", "لودفيغشافن") == _levenshtein("لودفيجشافن", "لودفيغشافن", 1) == 1
    assert _levenshtein("abcdef", "uvwxyz", 2) > 2


def test_fuzzy_match_never_swaps_a_short_word_of_a_name():
    assert fuzzy_entry(fold_phrase("مجلس الأمة"), "ORG") is None        # not مجلس الأمن
    found = find_entities_by_rules("أصدر الأمير أمرا بحل مجلس الأمة، ورحب مجلس الأمن بالقرار")
    keys = {e.text: e.key for e in found}
    assert keys["مجلس الأمة"] != keys["مجلس الأمن"] == "org:unsc"
