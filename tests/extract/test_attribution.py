"""Attribution chains: nearest reporter first, original source last; sources once each."""
from __future__ import annotations

import pytest

from marsad.extract.attribution import find_attributions
from marsad.model import Entity


def ents(text: str, *names: tuple[str, str, str, str]) -> list[Entity]:
    """Entities by hand: (surface, type, canonical, key); each surface found once in `text`."""
    out = []
    for surface, kind, canonical, key in names:
        start = text.index(surface)
        out.append(Entity(start, start + len(surface), surface, kind, canonical, key))
    return out


SKY = ("سكاي نيوز عربية", "ORG", "سكاي نيوز عربية", "org:sky-news-arabia")
SUN = ("الصن", "ORG", "الصن", "org:the-sun")


def chains(text: str, entities: list[Entity] | None = None, outlet: str | None = None) -> list[list[str]]:
    records, _ = find_attributions(text, entities or [], outlet=outlet)
    return [r.chain for r in records[1:]]


def test_relay_verb_with_an_puts_original_source_last():
    text = "نقلت سكاي نيوز عربية عن صحيفة الصن البريطانية أن التنظيم يتحرك."
    assert chains(text, ents(text, SKY, SUN)) == [["سكاي نيوز عربية", "الصن"]]


def test_naqlan_without_an_still_links_the_original():
    text = "قال موقع “سكاي نيوز عربية” نقلاً صحيفة “الصن” البريطانية، إن الهجوم وقع."
    assert chains(text, ents(text, SKY, SUN)) == [["سكاي نيوز عربية", "الصن"]]


def test_outlet_then_naqlan_an_anonymous_officials():
    text = "كشفت صحيفة الغارديان نقلا عن مسؤولين أن المحادثات توقفت."
    guardian = ("الغارديان", "ORG", "الغارديان", "org:the-guardian")
    assert chains(text, ents(text, guardian)) == [["الغارديان", "مسؤولين"]]


def test_bihasb_ma_awradathu_reads_the_outlet():
    text = "بحسب ما أوردته صحيفة ديلي ميل فإن الشرطة اعتقلت ثلاثة."
    mail = ("ديلي ميل", "ORG", "ديلي ميل", "org:daily-mail")
    assert chains(text, ents(text, mail)) == [["ديلي ميل"]]


@pytest.mark.parametrize("text, phrase", [
    ("ووفقاً لمصادر استخباراتية فإن القائد غادر.", "مصادر استخباراتية"),
    ("وقال مصدر عسكري سوري إن المعركة انتهت.", "مصدر عسكري سوري"),
    ("وذكر مسؤولو استخبارات إقليميين أن المحاولة فشلت.", "مسؤولو استخبارات إقليميين"),
    ("وقال شهود عيان إن الدخان غطى السماء.", "شهود عيان"),
    ("وترجح معلومات استخباراتية غربية أن القائد مختبئ.", "معلومات استخباراتية غربية"),
    ("حسب مصادر مطلعة، فإن الاجتماع تأجل.", "مصادر مطلعة"),
])
def test_anonymous_sources_keep_their_cleaned_phrase(text, phrase):
    assert chains(text) == [[phrase]]


def test_source_told_outlet_puts_outlet_first():
    text = "قال مصدر أمني لـ سكاي نيوز عربية إن الهجوم استهدف حاجزا."
    assert chains(text, ents(text, SKY)) == [["سكاي نيوز عربية", "مصدر أمني"]]


def test_fi_tasrih_li_outlet_counts_as_told_to():
    text = "وقال مصدر عسكري في تصريح لوكالة رويترز إن الجنود انسحبوا."
    reuters = ("رويترز", "ORG", "رويترز", "org:reuters")
    assert chains(text, ents(text, reuters)) == [["رويترز", "مصدر عسكري"]]


def test_lil_sahifa_resolves_to_the_last_outlet():
    text = ("كتبت صحيفة الغارديان أن المحاولة فشلت.\n\n"
            "وقال مسؤولي استخبارات للصحيفة إن المحاولة جرت في يناير.")
    guardian = ("الغارديان", "ORG", "الغارديان", "org:the-guardian")
    assert chains(text, ents(text, guardian)) == [["الغارديان"], ["الغارديان", "مسؤولي استخبارات"]]


def test_article_chain_comes_first_with_closing_credit_and_extension():
    text = ("كتبت صحيفة الغارديان أن المحاولة فشلت.\n\n"
            "وقال مسؤولي استخبارات للصحيفة إن المحاولة جرت في يناير.\n\n"
            "وفرّ كثيرون من القرية. وفق “الجزيرة”")
    found = ents(text, ("الغارديان", "ORG", "الغارديان", "org:the-guardian"),
                 ("الجزيرة", "ORG", "الجزيرة", "org:al-jazeera"))
    records, sources = find_attributions(text, found)
    assert records[0].chain == ["الجزيرة", "الغارديان", "مسؤولي استخبارات"]
    assert sources == ["الغارديان", "مسؤولي استخبارات", "الجزيرة"]


def test_article_chain_never_holds_the_articles_own_outlet():
    text = "قال موقع سكاي نيوز عربية نقلا عن صحيفة الصن إن التنظيم يتحرك."
    records, sources = find_attributions(text, ents(text, SKY, SUN), outlet="سكاي نيوز عربية")
    assert records[0].chain == ["الصن"]
    assert "سكاي نيوز عربية" not in sources


def test_named_person_subject_is_the_entity_canonical_name():
    text = "وقال “ترامب” للصحفيين إن القوات ستنسحب."
    trump = ("ترامب", "PER", "دونالد ترامب", "per:donald-trump")
    assert chains(text, ents(text, trump)) == [["دونالد ترامب"]]


def test_sources_are_merged_by_key_in_first_mention_order():
    text = ("نقلت سكاي نيوز عربية عن صحيفة الصن أن التنظيم يتحرك.\n\n"
            "وبحسب الصحيفة فإن آلاف المعتقلين في السجون. وقال مصدر أمني إن الحراسة شددت.")
    _, sources = find_attributions(text, ents(text, SKY, SUN))
    assert sources == ["سكاي نيوز عربية", "الصن", "مصدر أمني"]


def test_spans_point_into_the_original_text_with_harakat():
    text = "وَقَالَ مَصْدَرٌ أَمْنِيٌّ إِنَّ الهجوم فشل."
    records, _ = find_attributions(text, [])
    assert records[1].chain == ["مصدر أمني"]   # names are cleaned of harakat, spans are not
    assert text[records[1].start:records[1].end] == records[1].text
    assert records[1].text.startswith("وَقَالَ")


def test_body_run_on_into_the_outlet_told_is_cut_before_the_lam():
    text = "وأكد محافظ البنك المركزي لموقع العربي الجديد أن الاحتياطي مستقر."
    bank = ("البنك المركزي لموقع العربي", "ORG", "البنك المركزي لموقع العربي", "")   # a run-on entity
    assert chains(text, ents(text, bank)) == [["موقع العربي الجديد", "محافظ البنك المركزي"]]


def test_came_in_a_statement_of_a_body_is_a_chain():
    text = "وجاء في بيان لوزارة الداخلية السعودية أن الأمن مستتب."
    ministry = ("وزارة الداخلية السعودية", "ORG", "وزارة الداخلية السعودية", "org:moi-sa")
    assert chains(text, ents(text, ministry)) == [["وزارة الداخلية السعودية"]]


def test_passive_relay_names_the_original_source():
    assert chains("ونُقل عن مصدر عسكري قوله إن القوات انسحبت.") == [["مصدر عسكري"]]


def test_counted_anonymous_sources():
    text = "ونقلت وكالة رويترز عن ثلاثة مصادر مطلعة أن الصفقة أُلغيت."
    reuters = ("وكالة رويترز", "ORG", "رويترز", "org:reuters")
    assert chains(text, ents(text, reuters)) == [["رويترز", "ثلاثة مصادر مطلعة"]]


def test_spokesman_for_a_body_then_his_name():
    text = "وقال المتحدث باسم الجيش السوداني نبيل عبد الله إن القوات صدت الهجوم."
    found = ents(text, ("باسم", "PER", "باسم", "per:basim"), ("نبيل عبد الله", "PER", "نبيل عبد الله", ""))
    assert chains(text, found) == [["نبيل عبد الله"]]


def test_a_document_as_subject_is_no_attribution():
    assert chains("وكشفت وثائق عثر عليها أن التنظيم خطط لهجمات.") == []


def test_no_attribution_gives_empty_lists():
    assert find_attributions("سقطت أمطار غزيرة على المدينة أمس.", []) == ([], [])


def test_seed_article_chains(seeds_gold, shared_dir):
    """Every seed's article-level chain and every gold quote speaker, scored by the evaluation script."""
    import importlib.util
    import sys
    from pathlib import Path

    from marsad.extract.entities import find_entities

    script = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_attribution.py"
    spec = importlib.util.spec_from_file_location("eval_attribution", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_attribution"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    result = module.eval_seeds(shared_dir, find_entities)
    assert result["chains"] == "5/5", result["report"]
    assert result["quotes"].split("/")[0] == result["quotes"].split("/")[1], result["report"]


# -- anonymous originals after "عن" (plural, مطلعين, nationality, leaked documents) -----------------
@pytest.mark.parametrize("text, want", [
    ("ذكرت صحيفة الغارديان عن أشخاص مطلعين على الملف أن الوزير سيستقيل.", ["الغارديان", "أشخاص مطلعين"]),
    ("ونقلت الغارديان عن وثائق مسربة أن الشركة دفعت رشاوى.", ["الغارديان", "وثائق مسربة"]),
    ("ونقلت الغارديان عن مسؤولين مصريين أن الوفد وصل.", ["الغارديان", "مسؤولين مصريين"]),
    ("ونقلت الغارديان عن مصادرها أن الاتفاق وقع.", ["الغارديان", "مصادرها"]),
])
def test_anonymous_original_after_an(text, want):
    guardian = ("الغارديان", "ORG", "الغارديان", "org:the-guardian")
    assert chains(text, ents(text, guardian)) == [want]


def test_documents_found_are_no_source_without_a_modifier():
    assert chains("وكشفت وثائق عثر عليها أن التنظيم خطط لهجمات.") == []


# -- the object of "عن" after any reporting verb: a person behind a role and titles -------------
def test_an_after_dhakarat_reads_the_person_behind_role_and_title():
    text = "ذكرت وكالة الأنباء العراقية (واع) عن مدير عام الدفاع المدني اللواء ناصر الغنام أن الحريق أخمد."
    ina = ("وكالة الأنباء العراقية", "ORG", "وكالة الأنباء العراقية", "org:ina")
    ghannam = ("ناصر الغنام", "PER", "ناصر الغنام", "per:nasser-ghannam")
    assert chains(text, ents(text, ina, ghannam)) == [["وكالة الأنباء العراقية", "ناصر الغنام"]]


def test_an_after_a_non_relay_verb_is_about_not_from():
    assert chains("وأعلنت وزارة الصحة عن مقتل القائد الميداني في الغارة.") == [["وزارة الصحة"]]


# -- reversed constructions: the relaying outlet after the original --------------------------------
@pytest.mark.parametrize("text", [
    "قالت صحيفة هآرتس الإسرائيلية، في تقرير نقلته عنها قناة الجزيرة، إن الجيش يستعد.",
    "وأفادت صحيفة هآرتس، كما نقلت عنها قناة الجزيرة، بأن الحكومة ستنهار.",
    "وذكرت صحيفة هآرتس، في تقرير ترجمته قناة الجزيرة، أن الاقتصاد يتعافى.",
])
def test_reversed_relay_puts_the_relaying_outlet_first(text):
    haaretz = ("هآرتس", "ORG", "هآرتس", "org:haaretz")
    jaz = ("قناة الجزيرة", "ORG", "الجزيرة", "org:al-jazeera")
    assert chains(text, ents(text, haaretz, jaz)) == [["الجزيرة", "هآرتس"]]


def test_statement_relayed_by_an_unknown_agency():
    text = "وقال الجيش السوداني، في بيان نقلته وكالة السودان للأنباء، إن قواته استعادت المدينة."
    army = ("الجيش السوداني", "ORG", "الجيش السوداني", "org:saf")
    assert chains(text, ents(text, army)) == [["وكالة السودان للأنباء", "الجيش السوداني"]]


# -- role + name ---------------------------------------------------------------------------------
def test_role_then_name_is_the_person_spelled_as_written():
    text = "وقال المتحدث باسم الجيش السوداني نبيل عبد الله إن القوات صدت الهجوم."
    partial = ("عبد الله", "PER", "عبد الله", "per:abdallah")
    assert chains(text, ents(text, partial)) == [["نبيل عبد الله"]]


def test_role_then_known_person_is_the_entity():
    text = "وقال المحلل السياسي أحمد سعيد لصحيفة الشرق الأوسط إن الأزمة ستطول."
    said = ("أحمد سعيد", "PER", "أحمد سعيد", "per:ahmed-said")
    assert chains(text, ents(text, said)) == [["صحيفة الشرق الأوسط", "أحمد سعيد"]]


@pytest.mark.parametrize("text, want", [
    ("وقال مسؤول أمريكي رفيع إن القرار نهائي.", "مسؤول أمريكي رفيع"),
    ("وقال وزير الداخلية الفرنسي إن التهديد مرتفع.", "وزير الداخلية الفرنسي"),
])
def test_role_only_stays_the_role_phrase(text, want):
    assert chains(text) == [[want]]


# -- told to an outlet, the outlet named or not known to the tables -------------------------------
@pytest.mark.parametrize("text, want", [
    ("وقال الوزير لقناة العربية إن الحكومة مستعدة.", ["قناة العربية", "الوزير"]),
    ("وقال رئيس الوزراء في حديث لقناة فرانس 24 إن الحل سياسي.", ["قناة فرانس 24", "رئيس الوزراء"]),
    ("وقال مصدر أمني في تصريح لوكالة سبأ إن المسلحين فروا.", ["وكالة سبأ", "مصدر أمني"]),
    ("وأكد محافظ البنك المركزي لموقع العربي الجديد أن الاحتياطي مستقر.", ["موقع العربي الجديد", "محافظ البنك المركزي"]),
])
def test_told_to_an_outlet_without_entities(text, want):
    assert chains(text) == [want]


def test_told_to_outlet_entity_glued_to_lam_is_not_the_subject():
    text = "وقال الوزير لقناة العربية إن الحكومة مستعدة."
    arabiya = ("قناة العربية", "ORG", "العربية", "org:al-arabiya")
    assert chains(text, ents(text, arabiya)) == [["العربية", "الوزير"]]


# -- outlet names read whole ----------------------------------------------------------------------
def test_outlet_entity_cut_short_is_extended():
    text = "وبحسب ما نقل موقع ميدل إيست آي عن مصادر دبلوماسية، فإن الاجتماع سري."
    cut = ("موقع ميدل", "ORG", "موقع ميدل", "org:middle")
    assert chains(text, ents(text, cut)) == [["موقع ميدل إيست آي", "مصادر دبلوماسية"]]


def test_correspondent_of_an_agency_keeps_the_agency():
    assert chains("وقال مراسل وكالة الأنباء الفرنسية إن الانفجار هز المدينة.") == [["مراسل وكالة الأنباء الفرنسية"]]


def test_short_outlet_fuzzily_mapped_elsewhere_keeps_its_spelling():
    text = "وذكرت وكالة سبأ أن الطائرات أسقطت."
    wrong = ("وكالة سبأ", "ORG", "الوكالة العربية السورية للأنباء", "org:sana")
    assert chains(text, ents(text, wrong)) == [["وكالة سبأ"]]


def test_american_spellings_share_one_key():
    from marsad.extract.speech import merge_key
    assert merge_key("الخارجية الأميركية") == merge_key("الخارجية الأمريكية")


# -- "نقلت عنه": the pronoun's referent is the original ------------------------------------------
def test_naqalat_anhu_outlet_relays_the_last_speaker():
    text = "وقال الرئيس مسعود بزشكيان إن بلاده مستعدة للحوار.\n\nونقلت عنه وكالة إرنا أن الحرب مستبعدة."
    pz = ("مسعود بزشكيان", "PER", "مسعود بزشكيان", "per:pezeshkian")
    assert chains(text, ents(text, pz)) == [["مسعود بزشكيان"], ["وكالة إرنا", "مسعود بزشكيان"]]
