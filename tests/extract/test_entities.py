"""find_entities (the tagger with the known names) and the rule layer it reads as features.

Tests of a rule's own behaviour call `find_entities_by_rules` (`rule_ents`): the rules still run on
every article, their spans are features of the tagger and their table entries give the keys; the
tagger may overrule a rule span, which `tests/extract/test_tagger.py` and the annotated corpora
(`benchmarks/eval_ner.py`) measure."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from marsad.extract.entities import find_entities, find_entities_by_rules

DATA = Path(__file__).parent / "data" / "ner_eval.jsonl"


def ents(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.key) for e in find_entities(text)]


def rule_ents(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.key) for e in find_entities_by_rules(text)]


def test_spans_index_the_original_text_and_do_not_overlap():
    text = "قالَ الرئيسُ الأميركيُّ دونالد ترامب إنّ «داعش» هُزم في سوريا والعراق."
    found = find_entities(text)
    assert all(text[e.start:e.end] == e.text for e in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@pytest.mark.parametrize("text, surface, key", [
    ("انضم المقاتلون لداعش قبل عامين", "داعش", "org:isis"),
    ("وقعت اشتباكات بالموصل أمس", "الموصل", "loc:mosul"),
    ("وصل الوفد إلى بيروت ثم وواشنطن", "واشنطن", "loc:united-states"),
    ("وأعلن التحالف أن فالعراق", "العراق", "loc:iraq"),
    ("وبالرقة انفجرت عبوة", "الرقة", "loc:raqqa"),
])
def test_proclitics_stay_outside_the_span(text, surface, key):
    assert (surface, key) in [(t, k) for t, _, k in ents(text)]


def test_hashtag_names_match_across_underscores():
    assert ("قوات_سوريا_الديمقراطية", "ORG", "org:sdf") in rule_ents("غرد الناشطون #قوات_سوريا_الديمقراطية اليوم")


def test_quoted_organisation_keeps_its_descriptor_and_quotes():
    found = rule_ents("أعلن تنظيم “داعش” مسؤوليته عن الهجوم")
    assert found[0] == ("تنظيم “داعش”", "ORG", "org:isis")
    assert ("الجيش الحر", "ORG", "org:fsa") in rule_ents("قاتل عناصر «الجيش الحر» في الشمال")


def test_person_after_title_and_surname_later_resolve_to_one_key():
    found = find_entities("وقال المنسق الأميركي ناثان سيلز إن الخطر قائم. وأضاف سيلز أن بلاده مستعدة.")
    people = [e for e in found if e.type == "PER"]
    assert [e.text for e in people] == ["ناثان سيلز", "سيلز"]
    assert people[0].key == people[1].key and people[1].canonical == "ناثان سيلز"


def test_kunya_name_and_its_nisba_later():
    found = find_entities_by_rules("وقتل القيادي أبو معاذ الجزائري في غارة. وكان الجزائري مسؤولا عن التجنيد.")
    keys = {e.text: e.key for e in found}
    assert keys["أبو معاذ الجزائري"] == keys["الجزائري"]


def test_adjectives_and_generic_nouns_are_not_entities():
    found = ents("قال مسؤولون إن الجانب الأميركي والطرف البريطاني أبلغوا الصحيفة بأن التنظيم انسحب")
    assert found == []


def test_organisation_head_rule_stops_after_the_nationality_adjective():
    assert ("وزارة الداخلية المغربية", "ORG") in [(t, ty) for t, ty, _ in rule_ents(
        "أعلنت وزارة الداخلية المغربية إحباط مخطط في مدينة فاس")]


def test_place_after_head_noun_without_the_head():
    found = ents("سقطت قذيفة على بلدة كفرنبودة في ريف حماة")
    assert ("كفرنبودة", "LOC") in [(t, ty) for t, ty, _ in found]


def test_ambiguous_outlet_name_needs_context():
    assert not [e for e in ents("اجتمع وزراء الدول العربية في القاهرة") if e[2] == "org:al-arabiya"]
    assert ("قناة العربية", "ORG", "org:al-arabiya") in ents("وقال مصدر لقناة العربية إن الاجتماع تأجل")
    # لل = preposition ل + article ال with its alef elided: only the preposition leaves the span
    assert ("لعربية", "ORG", "org:al-arabiya") in ents("وقال مصدر للعربية إن الاجتماع تأجل")


def test_western_digits_and_latin_names():
    assert ("ABC News", "ORG", "org:abc-news") in ents("وقال سيلز لشبكة ABC News يوم 12 أكتوبر")


def test_eval_set_f1_stays_above_floor():
    tp = fp = fn = 0
    for line in DATA.read_text("utf-8").splitlines():
        item = json.loads(line)
        gold = {(e["start"], e["end"], e["type"]) for e in item["entities"] if e["type"] != "MISC"}
        pred = {(e.start, e.end, e.type) for e in find_entities(item["text"]) if e.type != "MISC"}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p, r = tp / (tp + fp), tp / (tp + fn)
    assert len(DATA.read_text("utf-8").splitlines()) >= 150
    assert 2 * p * r / (p + r) >= 0.80


def _seed_bodies(shared_dir: Path, seeds_gold: dict):
    for doc_id, doc in seeds_gold["docs"].items():
        lines = (shared_dir / "samples" / "seeds" / f"{doc_id}.txt").read_text("utf-8").split("\n")
        yield doc, "\n\n".join(lines[n - 1] for n in doc["lines"]["body"])


def test_seeds_entity_f1_and_no_boilerplate_names(shared_dir, seeds_gold):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from eval_entities import seeds_scores

    _, _, f, leaked = seeds_scores(shared_dir)
    assert f >= 0.95
    assert leaked == []


@pytest.mark.parametrize("text, expected", [
    ("قال المتحدث باسم الأمانة العامة للجامعة العربية حسام زكي للصحفيين إن", "حسام زكي"),
    ("وقال الباحث في المعهد مارك تومسون لقناة إخبارية إن الوضع هش", "مارك تومسون"),
    ("وقع النادي مع المهاجم البرتغالي جواو دا كوستا لثلاثة مواسم", "جواو دا كوستا"),
])
def test_person_names_end_where_the_name_ends(text, expected):
    people = [t for t, kind, _ in ents(text) if kind == "PER"]
    assert people == [expected]


def test_basim_after_a_spokesman_title_is_a_connector_not_a_name():
    found = rule_ents("وأكد الناطق باسم الحكومة أن الاجتماع سيعقد غدا")
    assert not [t for t, kind, _ in found if kind == "PER"]
    assert ("باسم سمرة", "PER") in [(t, kind) for t, kind, _ in rule_ents("وقال الممثل باسم سمرة إن الفيلم جاهز")]


@pytest.mark.parametrize("text, surface, kind", [
    ("تخرج الطبيب في جامعة الملك سعود قبل عشرة أعوام", "جامعة الملك سعود", "ORG"),
    ("نقل الجرحى إلى مستشفى الملك فهد التخصصي بعد الحادث", "مستشفى الملك فهد التخصصي", "LOC"),
    ("هبطت الطائرة في مطار الملك خالد الدولي مساء أمس", "مطار الملك خالد الدولي", "LOC"),
])
def test_a_body_named_after_a_king_or_prince_keeps_the_name_inside(text, surface, kind):
    found = [(t, k) for t, k, _ in rule_ents(text)]
    assert (surface, kind) in found
    assert not [t for t, k in found if k == "PER"]


def test_a_government_named_after_its_president_still_yields_the_person():
    assert ("بشار الأسد", "PER") in [(t, k) for t, k, _ in ents("وقالت حكومة الرئيس بشار الأسد إن المفاوضات متوقفة")]


@pytest.mark.parametrize("text, surface", [
    ("صوّت مجلس الشورى على مشروع النظام بالأغلبية", "مجلس الشورى"),
    ("رفضت محكمة النقض الطعن المقدم من الدفاع", "محكمة النقض"),
])
def test_a_council_or_court_with_an_institutional_genitive_is_an_organisation(text, surface):
    assert (surface, "ORG") in [(t, k) for t, k, _ in rule_ents(text)]


def test_a_condolence_gathering_is_not_a_council():
    assert not ents("حضر مجلس العزاء عدد كبير من الأهالي")


def test_two_people_joined_by_and_are_two_names():
    people = [t for t, k, _ in ents("وحضر اللقاء كل من سامي الجابر وياسر القحطاني ومسؤولون آخرون") if k == "PER"]
    assert people == ["سامي الجابر", "ياسر القحطاني"]


def test_a_given_name_that_starts_like_a_proclitic_is_not_split():
    assert [(t, k) for t, k, _ in ents("قالت السيدة فاطمة الزهراء إن المبادرة مستمرة")] == [("فاطمة الزهراء", "PER")]


def test_his_saying_after_a_name_stays_outside_it():
    assert ("جون سميث", "PER") in [(t, k) for t, k, _ in ents("ونقلت الصحيفة عن جون سميث قوله إن الصفقة انتهت")]


def test_a_verbal_noun_after_a_given_name_is_not_a_surname():
    people = [t for t, k, _ in ents("وحضر محمد وعلي الاجتماع الذي عقد أمس") if k == "PER"]
    assert "علي الاجتماع" not in people
    assert ("سعد الحريري", "PER") in [(t, k) for t, k, _ in ents("قال رئيس الوزراء سعد الحريري إن الحكومة باقية")]


def test_a_place_with_a_masculine_country_adjective_near_a_sports_cue_is_the_club():
    found = {e.text: e.type for e in find_entities("فاز فريق موسكو على هامبورغ الألماني بهدف في المباراة")}
    assert found.get("هامبورغ") == "ORG"


def test_a_region_whose_head_noun_takes_the_masculine_stays_a_place():
    found = {e.text: e.type for e in find_entities("قصفت الطائرات إقليم كردستان العراقي قبل المباراة")}
    assert found.get("كردستان", "LOC") == "LOC"


def test_the_country_adjective_that_presents_a_person_is_not_part_of_the_name():
    from marsad.extract.entity_doc import Doc, Mention
    from marsad.extract.entity_finish import _without_leading_country
    doc = Doc("انفرد للبرازيلي كلاوديو بالكرة")
    named = _without_leading_country(doc, Mention(1, 2, doc.starts[1] + 1, doc.ends[2], "PER"))
    assert doc.text[named.start:named.end] == "كلاوديو"
    surname = _without_leading_country(doc, Mention(2, 2, doc.starts[2], doc.ends[2], "PER"))
    assert (surname.first, surname.last) == (2, 2)
    turki = Doc("وصف تركي الشبانة رحيل المذيع")
    given = _without_leading_country(turki, Mention(1, 2, turki.starts[1], turki.ends[2], "PER"))
    assert (given.first, given.last) == (1, 2)             # تركي is a given name here


def test_a_results_line_names_teams_and_their_countries():
    found = {e.text: e.type for e in find_entities("موسكو ( روسيا ) - هامبورغ ( المانيا ) 1 - صفر")}
    assert (found.get("هامبورغ"), found.get("موسكو"), found.get("المانيا"), found.get("روسيا")) == ("ORG", "ORG", "LOC", "LOC")


def test_a_city_with_its_country_in_brackets_outside_a_results_line_stays_a_place():
    found = {e.text: e.type for e in find_entities("زار الوزير باريس ( فرنسا ) أمس")}
    assert found.get("باريس") == "LOC"


def test_a_quoted_place_name_that_is_also_a_newspaper_is_the_newspaper():
    found = {e.text: (e.type, e.key) for e in find_entities("لندن : « الشرق الأوسط » هددت الحكومة بالرد")}
    assert found["الشرق الأوسط"] == ("ORG", "org:asharq-al-awsat")
    assert find_entities("تشهد منطقة الشرق الأوسط توترا")[0].type == "LOC"


def test_a_team_in_a_results_line_takes_the_clubs_whole_name_even_at_the_line_end():
    found = {e.text: (e.type, e.key) for e in find_entities("نتائج المجموعة الخامسة ريال مدريد ( اسبانيا ) -")}
    assert found["ريال مدريد"] == ("ORG", "org:club-real-madrid")


def test_a_country_adjective_alone_is_no_name_unless_it_is_a_surname():
    from marsad.extract.entity_doc import Doc, Mention
    from marsad.extract.entity_finish import _country_adjective_alone
    doc = Doc("معظمهم أميركيون وكنديون وحسنين وقال مستشار الرئيس السوداني وقال المصري")
    alone = [_country_adjective_alone(doc, Mention(k, k, doc.starts[k], doc.ends[k], "PER")) for k in (1, 2, 3, 7, 9)]
    assert alone == [True, True, False, True, False]
