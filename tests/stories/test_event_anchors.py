"""A story is one event: an article joins it by the particulars most of its members hold (its
anchors), not by the kind of event; an outlet's next piece on a topic is not its event; and a week
of daily reports does not chain day by day into one story."""
from collections import Counter
from dataclasses import replace

from marsad.stories.cluster import ClusterSettings, StoryDoc, StoryIndex

# words of the kind of event (common in news) and particulars of two events of that kind (rare
# made-up names that no background table holds, as a neighbourhood or a family name would be)
KIND = {"حادث": 6, "دفاع": 4, "مدني": 4, "خساير": 3, "فرق": 3, "سيطر": 2, "مدين": 3, "اصاب": 2}
FIRST = {"زمردان": 2, "قصبور": 2, "تلحيق": 1}
OTHER = {"برقيان": 2, "سنطور": 2, "وهلاج": 1}


def _doc(aid: str, terms: dict[str, int], outlet: str = "", published: str = "2015-07-24T10:00:00",
         day: str | None = None) -> StoryDoc:
    return StoryDoc(aid, "", outlet=outlet or f"منبر {aid}", published=published, counts=Counter(terms), day=day)


def _grouped(settings: ClusterSettings, *docs: StoryDoc) -> dict[str, str]:
    """Group copies of the docs (grouping takes each doc's term counts once)."""
    return StoryIndex(settings).assign([replace(d, counts=Counter(d.counts)) for d in docs])


# every article counts as a full report here (brief_terms, short_terms 0), with a low bar of likeness,
# so that what keeps two articles apart is the rule under test
LOOSE = ClusterSettings(threshold=0.05, size_growth=0.0, brief_terms=0, short_terms=0)


def test_two_reports_of_one_fire_share_its_particulars_and_group():
    out = _grouped(LOOSE, _doc("1", KIND | FIRST), _doc("2", KIND | FIRST))
    assert out["1"] == out["2"]


def test_another_fire_sharing_only_the_kind_of_event_stays_apart_because_of_the_anchors():
    docs = (_doc("1", KIND | FIRST), _doc("2", KIND | OTHER))
    without = _grouped(replace(LOOSE, min_anchors=0), *docs)
    assert without["1"] == without["2"]
    out = _grouped(LOOSE, *docs)
    assert out["1"] != out["2"]


def test_an_outlets_second_piece_needs_more_likeness_than_another_outlets_report():
    first = _doc("1", KIND | FIRST | OTHER, outlet="الأفق")
    mine = _doc("2", KIND | FIRST, outlet="الأفق")
    theirs = _doc("2", KIND | FIRST, outlet="المشرق")
    strict = replace(LOOSE, own_outlet_threshold=0.9)
    apart = _grouped(strict, first, mine)
    assert apart["2"] != apart["1"]
    out = _grouped(strict, first, theirs)
    assert out["2"] == out["1"]


def test_daily_reports_do_not_chain_a_week_into_one_story():
    days = [_doc(str(n), KIND | FIRST, published=f"2015-07-2{n}T10:00:00", day=f"2015-07-2{n}")
            for n in range(1, 6)]
    chained = _grouped(replace(LOOSE, first_day=False), *days)
    assert len(set(chained.values())) == 1
    out = _grouped(LOOSE, *days)
    assert out["1"] == out["2"] == out["3"]
    assert out["4"] != out["1"] and out["5"] != out["1"]
