"""The same-event pair model: what it reads of two reports, and the gate it puts on grouping."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from marsad.stories.cluster import ClusterSettings, StoryDoc, StoryIndex
from marsad.stories.features import TermWeights, terms
from marsad.stories.pairs import FEATURES, PairModel, Profile, pair_features, pair_model, term_bits

CRASH_TITLE = "مصرع أربعة أشخاص في حادث تصادم على طريق المزاحمية"
CRASH_LEAD = "لقي أربعة أشخاص مصرعهم وأصيب خمسة آخرون في حادث تصادم بين شاحنة وسيارة على طريق المزاحمية غرب الرياض"
CRASH_LEAD_2 = "أعلن الهلال الأحمر مصرع أربعة أشخاص وإصابة خمسة في تصادم شاحنة مع سيارة على طريق المزاحمية"
OTHER_TITLE = "وفاة شخصين في انقلاب مركبة على طريق الهدا بالطائف"
OTHER_LEAD = "توفي شخصان وأصيب ثلاثة إثر انقلاب مركبة على طريق الهدا بالطائف مساء الخميس"


def profile(title: str, lead: str, places: set[str], day: str, when: str, outlet: str,
            figures: set[str] = frozenset()) -> Profile:
    weights = TermWeights()
    p = Profile(title=terms(title), lead=terms(lead), places=frozenset(places), day=date.fromisoformat(day),
                when=datetime.fromisoformat(when), outlet=outlet, figures=frozenset(figures),
                body=term_bits(terms(title).keys() | terms(lead).keys()))
    p.weigh(lambda counts, top: weights.vector(counts, top=top))
    return p


@pytest.fixture(scope="module")
def crash_reports():
    first = profile(CRASH_TITLE, CRASH_LEAD, {"loc:المزاحمية"}, "2015-08-10", "2015-08-10T09:00", "عكاظ")
    second = profile("أربعة قتلى وخمسة مصابين في تصادم بالمزاحمية", CRASH_LEAD_2, {"loc:المزاحمية"},
                     "2015-08-10", "2015-08-10T13:00", "الرياض")
    other = profile(OTHER_TITLE, OTHER_LEAD, {"loc:الطائف"}, "2015-08-13", "2015-08-13T20:00", "المدينة")
    return first, second, other


def test_the_shipped_pair_model_finds_two_reports_of_one_crash_the_same_event_and_another_crash_not(crash_reports):
    model = pair_model()
    assert model is not None
    first, second, other = crash_reports
    assert model.probability(first, second) >= model.threshold > model.probability(first, other)
    assert model.same_event(other, [first, second]) is False
    assert model.same_event(second, [first]) is True


def test_one_alike_member_does_not_let_a_report_into_a_story_of_other_events(crash_reports):
    """The gate reads the members together: a report like one member of a story whose other
    members are another event is not that story's event (stories chain from crash to crash)."""
    first, second, other = crash_reports
    model = pair_model()
    assert model.probability(second, first) >= model.threshold
    assert model.same_event(second, [first, other, other]) is False
    assert model.same_event(second, [first, first, other]) is True


def test_pair_features_read_titles_leads_places_days_hours_and_outlets(crash_reports):
    first, second, other = crash_reports
    alike, apart = dict(zip(FEATURES, pair_features(first, second))), dict(zip(FEATURES, pair_features(first, other)))
    assert alike["title_cosine"] > apart["title_cosine"] and alike["lead_cosine"] > apart["lead_cosine"]
    assert (alike["places_apart"], apart["places_apart"]) == (0.0, 1.0)
    assert (alike["days_apart"], apart["days_apart"]) == (0.0, 1.0)
    assert alike["hours_apart"] < apart["hours_apart"]
    assert alike["same_outlet"] == apart["same_outlet"] == 0.0


def test_a_title_whose_words_the_other_report_never_uses_reads_as_another_event_of_its_kind():
    """Two cables of one day differ only in the country congratulated: the title of each names
    what the other never says. A changed figure is not such a word: tolls differ within a story."""
    cable = "بعث خادم الحرمين الشريفين برقية تهنئة لرئيس {} بمناسبة ذكرى استقلال بلاده، وعبر عن أطيب التهاني"
    def cable_of(country: str) -> Profile:
        return profile(f"القيادة تهنئ رئيس {country} بذكرى الاستقلال", cable.format(country), set(),
                       "2015-08-11", "2015-08-11T08:00", "واس")
    chad, chad_again, singapore = cable_of("تشاد"), cable_of("تشاد"), cable_of("سنغافورة")
    unsaid = FEATURES.index("title_unsaid")
    assert pair_features(chad, chad_again)[unsaid] == 0.0 < pair_features(chad, singapore)[unsaid]
    toll = profile("ارتفاع قتلى السيول إلى 17", "ارتفع عدد قتلى السيول في حجة إلى 17 شخصا", set(),
                   "2015-08-11", "2015-08-11T08:00", "عكاظ")
    first = profile("ارتفاع قتلى السيول إلى 12", "ارتفع عدد قتلى السيول في حجة إلى 12 شخصا", set(),
                    "2015-08-11", "2015-08-11T06:00", "الرياض")
    assert pair_features(toll, first)[unsaid] == 0.0
    assert pair_model().probability(chad, chad_again) > pair_model().probability(chad, singapore)


def test_a_model_file_for_other_features_is_refused_by_name():
    data = PairModel((1.0,) * len(FEATURES), 0.0, 0.5).to_dict()
    data["features"] = ["title_cosine", "something_else"]
    with pytest.raises(ValueError, match="something_else"):
        PairModel.from_dict(data)


def _doc(aid: str, published: str, prof: Profile, outlet: str) -> StoryDoc:
    # the same long body for all three: the words alone would put them in one story
    body = " ".join(f"{w}{i}" for i, w in enumerate(["حادث", "مرور", "طريق", "سيارة", "شاحنة"] * 16))
    return StoryDoc(aid, body + " " + CRASH_LEAD, title=CRASH_TITLE, outlet=outlet, published=published, profile=prof)


@pytest.mark.parametrize("gate, apart", [(True, True), (False, False)])
def test_a_story_takes_a_full_report_only_when_a_member_reads_as_the_same_event(crash_reports, gate, apart):
    index = StoryIndex(ClusterSettings(pair_model=gate))
    docs = [_doc("a", "2015-08-10T09:00", crash_reports[0], "عكاظ"),
            _doc("b", "2015-08-10T13:00", crash_reports[1], "الرياض"),
            _doc("c", "2015-08-11T20:00", crash_reports[2], "المدينة")]
    assignment = index.assign(docs)
    assert assignment["a"] == assignment["b"]
    assert (assignment["c"] != assignment["a"]) is apart


def test_a_waiting_profile_holds_its_terms_packed_and_weighs_them_as_counters():
    from marsad.model import Article
    from marsad.stories.features import PackedCounts
    from marsad.stories.pairs import profile_of

    article = Article(id="a", source="a", title=CRASH_TITLE, text=CRASH_LEAD + ". " + CRASH_LEAD_2)
    waiting = profile_of(article, "عكاظ")
    assert isinstance(waiting.title, PackedCounts) and isinstance(waiting.lead, PackedCounts)
    weights = TermWeights()
    waiting.weigh(lambda counts, top: weights.vector(counts, top=top))
    plain = Profile(title=terms(CRASH_TITLE), lead=terms(article.text[:300]))
    plain.weigh(lambda counts, top: weights.vector(counts, top=top))
    assert list(waiting.title_vector.items()) == list(plain.title_vector.items())
    assert list(waiting.lead_vector.items()) == list(plain.lead_vector.items())
