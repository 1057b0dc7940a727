"""The shipped entity tagger: it loads, tags text we wrote, and scores exactly as it was trained."""
from __future__ import annotations

import numpy as np
import pytest

from marsad.extract import tagger
from marsad.extract.entities import find_entities, find_entities_by_rules, rule_mentions
from marsad.extract.entity_doc import Doc
from marsad.extract.tagger_features import doc_features

TEXT = ("وقال المدير التنفيذي لشركة فولكسفاغن هربرت ديس للصحفيين إن المبيعات تراجعت، "
        "فيما استقبل الرئيس الفرنسي إيمانويل ماكرون وفدا من جامعة الدول العربية في باريس.")
MATCH = "وسجل هدف المباراة الوحيد تيمو فيرنر في الدقيقة الأخيرة."     # no title, no cue, no table name


def test_the_shipped_model_loads_and_finds_a_person_no_table_holds():
    assert tagger.load_model() is not None
    assert ("تيمو فيرنر", "PER") in {(e.text, e.type) for e in find_entities(MATCH)}
    assert not find_entities_by_rules(MATCH)


def test_known_names_keep_their_table_keys():
    keys = {e.text: e.key for e in find_entities(TEXT)}
    assert keys["إيمانويل ماكرون"] == "per:emmanuel-macron"
    assert keys["جامعة الدول العربية"] == "org:arab-league"


def test_cached_scores_equal_the_weights_of_every_training_feature():
    scorer = tagger.load_model()
    doc = Doc(TEXT)
    rule_mentions(doc)
    tags = tagger.rule_tags(doc)
    summed = np.array([scorer.model.score(f) for f in doc_features(doc, tags)])
    # the cached blocks are float32: equal to the float64 sums to float32's precision
    assert np.allclose(scorer.emissions(doc, tags), summed, rtol=1e-6, atol=1e-5)


def test_a_table_name_the_tagger_cuts_short_is_taken_whole():
    keys = {e.text: e.key for e in find_entities("وقال إن الدولة الإسلامية في العراق والشام انهارت")}
    assert keys.get("الدولة الإسلامية في العراق والشام") == "org:isis"


def test_a_surname_alone_after_the_full_name_shares_its_key():
    found = [e for e in find_entities("قال الباحث هربرت ديس إن الأسعار سترتفع. وأضاف ديس أن الطلب ضعيف.")
             if e.type == "PER"]
    assert [e.text for e in found] == ["هربرت ديس", "ديس"]
    assert found[0].key == found[1].key


def test_names_never_run_across_a_sentence_end():
    doc = Doc("زار خالد. عمان")
    assert tagger.decode(doc, ["O", "B-PER", "I-PER"]) == [(1, 1, "PER"), (2, 2, "PER")]


def test_a_group_of_people_alone_is_not_a_name():
    found = {e.text for e in find_entities("وقال إن الصليبيين وأتباعه والشيعة في المدينة رفضوا الاتفاق")}
    assert not found & {"الصليبيين", "وأتباعه", "أتباعه", "والشيعة", "الشيعة"}


def test_a_place_inside_a_table_organisation_name_is_taken_with_it():
    keys = {e.text: e.key for e in find_entities("وتقدمت قوات سوريا الديمقراطية نحو المدينة")}
    assert keys.get("قوات سوريا الديمقراطية") == "org:sdf"


def test_a_currency_is_not_a_name_but_the_club_is():
    found = {(e.text, e.type) for e in find_entities("بلغت قيمة الصفقة مليون ريال سعودي، وفاز ريال مدريد على برشلونة")}
    assert not any(text.startswith("ريال سعودي") or text == "ريال" for text, _ in found)
    assert ("ريال مدريد", "ORG") in found


def test_every_shipped_tagger_file_is_declared_package_data():
    import fnmatch
    from pathlib import Path


    tomllib = pytest.importorskip("tomllib")      # Python 3.11+
    root = Path(__file__).resolve().parents[2]
    patterns = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["marsad"]
    shipped = sorted((root / "src" / "marsad" / "extract" / "data" / "tagger").iterdir())
    assert {p.name for p in shipped} >= {"clusters.tsv.gz", "names.tsv.gz", "ner.npz"}
    for path in shipped:
        assert any(fnmatch.fnmatch(path.name, pattern.rsplit("/", 1)[-1]) for pattern in patterns), path.name


def test_own_features_come_in_the_sizes_the_scorer_sums():
    from marsad.extract.tagger_features import OWN_SIZES, own_window, word_parts

    doc = Doc("وقال والمسؤولون في طرابلس")
    for raw, word in zip(doc.words, doc.info):
        assert tuple(len(part) for part in own_window(word_parts(raw, word)[0])) == OWN_SIZES


def test_a_text_without_words_has_no_scores_and_no_names():
    scorer = tagger.load_model()
    doc = Doc("… ، ؟")
    assert scorer.emissions(doc, []).shape == (0, len(scorer.model.labels))
    assert scorer.model.viterbi(scorer.emissions(doc, [])) == []
    assert find_entities("… ، ؟") == []


def test_a_tagged_name_loses_a_proclitic_but_never_its_own_first_letter():
    from marsad.extract.tagger import name_start

    def peel(word: str) -> int:
        return name_start(Doc(word).info[0])

    assert peel("فرانس") == 0 and peel("كولن") == 0          # not ف + رانس, not ك + ولن
    assert peel("والهند") == 1 and peel("وسوريا") == 1 and peel("للولايات") == 1


def _tagged(doc: Doc, first: int, last: int, etype: str, entry=None):
    from marsad.extract.entity_doc import Mention

    return Mention(first, last, doc.starts[first], doc.ends[last], etype, entry, "tagger")


def test_a_tagged_name_with_the_table_key_keeps_its_span_when_the_table_adds_a_nationality():
    doc = Doc("وقال حزب الله اللبناني إن الهدنة صامدة")
    rule_mentions(doc)
    table = next(m for m in doc.mentions if m.entry is not None)
    tagged = _tagged(doc, 1, 2, "ORG", table.entry)          # "حزب الله", already org:hezbollah
    assert [(m.first, m.last, m.entry.key) for m in tagger._with_known_names(doc, [tagged])] == [(1, 2, "org:hezbollah")]


def test_a_club_name_added_from_the_table_gives_up_its_country_when_the_rest_names_the_club():
    doc = Doc("خسر الفريق أمام تشلسي الإنجليزي في لندن")
    rule_mentions(doc)
    found = tagger._with_known_names(doc, [])
    club = next(m for m in found if m.entry is not None and m.entry.key == "org:club-chelsea")
    assert doc.text[club.start:club.end] == "تشلسي"


def test_a_persons_table_name_holds_the_part_the_tagger_found():
    doc = Doc("بان كي مون يبتسم خلال مؤتمر صحفي")
    rule_mentions(doc)
    table = next(m for m in doc.mentions if m.entry is not None and m.type == "PER")
    tagged = _tagged(doc, 1, 2, "PER", None)                  # "كي مون" without "بان"
    assert [(m.first, m.last) for m in tagger._with_known_names(doc, [tagged])] == [(table.first, table.last)] == [(0, 2)]


def test_a_table_name_that_adds_more_than_a_nationality_is_still_taken_whole():
    doc = Doc("نقلت سكاي نيوز عربية عن مصادر أن الوفد وصل")
    rule_mentions(doc)
    table = next(m for m in doc.mentions if m.entry is not None)
    tagged = _tagged(doc, 1, 2, "ORG", table.entry)          # "سكاي نيوز" without "عربية"
    assert [(m.first, m.last) for m in tagger._with_known_names(doc, [tagged])] == [(1, 3)]

def test_a_tagged_city_keeps_its_span_when_the_table_adds_an_epithet_but_not_when_it_adds_a_noun():
    doc = Doc("وصل الوفد إلى مكة المكرمة مساء أمس")
    rule_mentions(doc)
    from marsad.extract.gazetteer import gazetteer

    table = next(m for m in doc.mentions if m.entry is not None)         # "مكة المكرمة", loc:mecca
    city = next(e for e in gazetteer().phrases["مكه"] if e.curated)       # "مكة" alone, the same entry
    tagged = _tagged(doc, 3, 3, "LOC", city)
    assert (table.first, table.last) == (3, 4) and table.entry.key == city.key == "loc:mecca"
    assert [(m.first, m.last) for m in tagger._with_known_names(doc, [tagged])] == [(3, 3)]
    medina = Doc("زار الوفد المدينة المنورة أمس")
    rule_mentions(medina)
    kept = tagger._with_known_names(medina, [_tagged(medina, 2, 2, "LOC")])    # "المدينة" alone has no key
    assert [(m.first, m.last, m.entry.key) for m in kept] == [(2, 3, "loc:medina")]



def test_the_tagger_type_stands_on_a_table_name_of_two_types_and_takes_that_types_key():
    doc = Doc("تقع هذه الدول في الشرق الأوسط")
    rule_mentions(doc)
    assert [m.entry.key for m in doc.mentions] == ["loc:middle-east"]
    kept = tagger._with_known_names(doc, [_tagged(doc, 4, 5, "ORG")])     # the newspaper, in context
    assert [(m.type, m.entry.key) for m in kept] == [("ORG", "org:asharq-al-awsat")]


def test_feature_rows_found_by_value_are_the_rows_the_feature_strings_name():
    from marsad.extract.tagger_features import cluster_window, own_window, word_parts
    from marsad.extract.tagger_rows import CLUSTER_SLOTS

    scorer = tagger.load_model()
    index, missing = scorer.model.index, scorer._zero
    doc = Doc(TEXT + " وللولايات المتحدة والمسؤولين بالرياض xyzzy 2015 الككك")
    for raw, word in zip(doc.words, doc.info):
        forms, (cl, _) = word_parts(raw, word)
        named = [index.get(f, missing) for f in sum(own_window(forms), ())]
        assert scorer._rows.own(forms) == named, raw
        rows = scorer._rows.clusters(cl)
        assert len(rows) == 5 * CLUSTER_SLOTS
        for place, features in enumerate(cluster_window(cl)):
            slots = rows[place * CLUSTER_SLOTS:(place + 1) * CLUSTER_SLOTS]
            assert [r for r in slots if r != missing] == [index[f] for f in features if f in index], raw


def test_cluster_blocks_summed_in_one_gather_equal_the_model_scores_bit_for_bit():
    from marsad.extract.tagger_features import cluster_window, word_parts

    scorer = tagger.load_model()
    doc = Doc(TEXT + " وللولايات المتحدة والمسؤولين بالرياض xyzzy 2015")
    scorer.emissions(doc, ["O"] * len(doc))
    for raw, word in zip(doc.words, doc.info):
        cl = word_parts(raw, word)[1][0]
        expected = np.array([scorer.model.score(part) for part in cluster_window(cl)], dtype=np.float32)
        assert np.array_equal(scorer._shared_blocks[scorer._clusters[cl]], expected), raw


def test_scores_stay_the_same_when_the_word_and_place_caches_start_afresh():
    scorer = tagger.load_model()
    docs = [Doc(TEXT), Doc("وقال المتحدث باسم الحكومة إن الوزير زار مدينة جدة أمس")]
    for doc in docs:
        rule_mentions(doc)
    tags = [tagger.rule_tags(doc) for doc in docs]
    expected = scorer.emissions(docs[0], tags[0])
    small = tagger.Scorer(scorer.model)          # caches that overflow at every text
    small.MAX_WORDS = len(docs[0]) + 5
    small._place_rows = np.zeros((len(docs[0]) + 5, len(scorer.model.labels)), dtype=np.float32)
    for k in (0, 1, 0, 1):
        small.emissions(docs[k], tags[k])
    assert np.array_equal(small.emissions(docs[0], tags[0]), expected)


def test_a_surname_the_tagger_leaves_out_is_added_when_it_kept_the_full_name():
    doc = Doc("وقال المنسق هربرت ديس إن الوضع صعب. ورفض ديس تأكيد الخبر.")
    rule_mentions(doc)
    full = next(m for m in doc.mentions if m.type == "PER" and m.last > m.first)
    surname = next(m for m in doc.mentions if m.source == "propagated")
    kept = tagger._with_surnames(doc, [full])
    assert [(m.first, m.last) for m in kept] == [(full.first, full.last), (surname.first, surname.last)]
    assert tagger._with_surnames(doc, []) == []          # no full name kept: no surname either


@pytest.mark.parametrize("text, body, kind", [
    ("هبطت الطائرة في مطار الملك خالد الدولي مساء أمس", "مطار الملك خالد الدولي", "LOC"),
    ("نقل الجرحى إلى مستشفى الملك سلمان بعد الحادث", "مستشفى الملك سلمان", "LOC"),
])
def test_a_body_named_after_a_king_is_found_whole_not_as_the_king(text, body, kind):
    found = [(e.text, e.type) for e in find_entities(text)]
    assert found == [(body, kind)]
