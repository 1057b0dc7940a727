"""A story points to the stories it is not but relates to: the next event of its kind told in the
same words (same topic), and a later chapter of one affair (follow-up), instead of swallowing them."""
from collections import Counter
from dataclasses import replace

from marsad.stories.cluster import FOLLOW_UP, SAME_TOPIC, ClusterSettings, StoryDoc, StoryIndex
from marsad.stories.pairs import Profile

# the kind of event (common words) and the particulars of two events of that kind (made-up rare
# names, as a neighbourhood or a family would be)
KIND = {"حادث": 6, "دفاع": 4, "مدني": 4, "خساير": 3, "فرق": 3, "سيطر": 2, "مدين": 3, "اصاب": 2}
FIRST = {"زمردان": 2, "قصبور": 2, "تلحيق": 1}
OTHER = {"برقيان": 2, "سنطور": 2, "وهلاج": 1}
LOOSE = ClusterSettings(threshold=0.05, size_growth=0.0, brief_terms=0, short_terms=0, pair_model=False,
                        related_threshold=0.2)


def _doc(aid: str, terms: dict[str, int], published: str = "2015-07-24T10:00:00", day: str | None = None,
         people: frozenset[str] = frozenset()) -> StoryDoc:
    return StoryDoc(aid, "", outlet=f"منبر {aid}", published=published, counts=Counter(terms), day=day,
                    profile=Profile(people=people))


def _run(settings: ClusterSettings, *docs: StoryDoc) -> StoryIndex:
    index = StoryIndex(settings)
    index.assign([replace(d, counts=Counter(d.counts)) for d in docs])
    return index


def test_another_event_of_the_same_kind_is_linked_to_the_first_as_the_same_topic():
    index = _run(LOOSE, _doc("1", KIND | FIRST), _doc("2", KIND | OTHER))
    first, second = index.assignment["1"], index.assignment["2"]
    assert first != second
    assert index.links == {second: {first: (SAME_TOPIC, index.links[second][first][1])}}
    assert index.links[second][first][1] >= LOOSE.related_threshold


def test_a_later_report_with_the_storys_particulars_and_actor_is_a_follow_up():
    first = _doc("1", KIND | FIRST, people=frozenset({"org:بلدية-زمردان"}))
    week_later = _doc("2", KIND | FIRST, published="2015-07-31T10:00:00", people=frozenset({"org:بلدية-زمردان"}))
    index = _run(LOOSE, first, week_later)
    one, two = index.assignment["1"], index.assignment["2"]
    assert one != two                                   # past the story's window: a story of its own
    assert index.links[two][one][0] == FOLLOW_UP


def test_a_later_report_of_the_same_kind_with_other_actors_is_the_same_topic_not_a_follow_up():
    first = _doc("1", KIND | FIRST, people=frozenset({"org:بلدية-زمردان"}))
    week_later = _doc("2", KIND | FIRST, published="2015-07-31T10:00:00", people=frozenset({"per:سعيد-سنطور"}))
    index = _run(LOOSE, first, week_later)
    assert index.links[index.assignment["2"]][index.assignment["1"]][0] == SAME_TOPIC


def test_a_report_that_joins_a_story_links_nothing_and_weak_likeness_links_nothing():
    index = _run(LOOSE, _doc("1", KIND | FIRST), _doc("2", KIND | FIRST))
    assert index.assignment["1"] == index.assignment["2"] and index.links == {}
    strict = replace(LOOSE, related_threshold=0.99)
    assert _run(strict, _doc("1", KIND | FIRST), _doc("2", KIND | OTHER)).links == {}


def test_a_story_keeps_only_its_strongest_links():
    others = [_doc(str(n), KIND | {f"خاص{n}": 3, f"مميز{n}": 3}) for n in range(12)]
    index = _run(replace(LOOSE, candidates=20), *others)
    assert index.links and all(len(links) <= 8 for links in index.links.values())


def test_links_do_not_change_which_story_an_article_joins():
    docs = [_doc("1", KIND | FIRST), _doc("2", KIND | OTHER), _doc("3", KIND | FIRST),
            _doc("4", KIND | FIRST, published="2015-07-31T10:00:00")]
    linked = _run(LOOSE, *docs)
    unlinked = _run(replace(LOOSE, related_threshold=2.0), *docs)
    assert linked.assignment == unlinked.assignment and unlinked.links == {}
