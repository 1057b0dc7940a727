from collections import Counter
from datetime import datetime

from marsad.extract import analyze
from marsad.model import Article
from marsad.stories.cluster import ClusterSettings, PackedCounts, StoryDoc, StoryIndex, doc_terms
from marsad.stories.service import group

FLOOD_A = ("لقي 14 شخصا حتفهم وفقد آخرون جراء سيول جارفة ضربت مديرية الشحر في محافظة حضرموت شرقي "
           "اليمن، بعد أمطار غزيرة استمرت ست ساعات. وقال مدير الدفاع المدني في المديرية إن فرق "
           "الإنقاذ انتشلت الجثث من مجرى وادي عرف، وإن السيول جرفت عشرات المنازل الطينية والسيارات.")
FLOOD_B = ("ارتفعت حصيلة ضحايا السيول في مديرية الشحر بحضرموت إلى 19 قتيلا، بحسب ما أفاد به مصدر "
           "في الدفاع المدني، فيما تواصل فرق الإنقاذ البحث عن مفقودين في وادي عرف. وأظهرت صور "
           "متداولة سيارات جرفتها المياه ومنازل طينية منهارة بعد الأمطار الغزيرة التي هطلت أمس.")
MATCH = ("توج نادي الوداد بلقب كأس العرش المغربية لكرة القدم بعد فوزه على نهضة بركان بهدفين مقابل "
         "هدف في المباراة النهائية التي احتضنها الملعب الكبير بمراكش، وسجل هدفي الوداد المهاجم "
         "الشاب في الدقيقتين 23 و71، بينما قلص بركان الفارق من ركلة جزاء.")
ISIS_PRISON = ("حاول عناصر من تنظيم داعش اقتحام سجن في مدينة الحسكة لتحرير معتقلين من التنظيم، "
               "واشتبكوا مع حراس السجن ساعات قبل أن تصل تعزيزات عسكرية إلى المنطقة في العراق وسوريا.")
ISIS_OIL = ("أعلنت وزارة النفط العراقية أن تنظيم داعش استهدف أنبوبا لنقل الخام قرب بيجي، ما أدى إلى "
            "توقف الضخ نحو المصفاة، وقدرت خسائر الإنتاج اليومي بنحو أربعين ألف برميل في العراق وسوريا.")


def _assign(docs, settings=None):
    return StoryIndex(settings).assign(docs)


def test_two_reports_of_one_flood_join_one_story():
    a = _assign([StoryDoc("a", FLOOD_A, published="2025-03-01T08:00:00"),
                 StoryDoc("b", FLOOD_B, published="2025-03-01T15:00:00"),
                 StoryDoc("c", MATCH, published="2025-03-01T16:00:00")])
    assert a["a"] == a["b"] != a["c"]


def test_events_sharing_only_the_actor_and_countries_stay_apart():
    articles = [Article(id=i, source=i, text=t, published="2025-03-01T08:00:00") for i, t in
                (("p", ISIS_PRISON), ("o", ISIS_OIL))]
    for article in articles:
        article.analysis = analyze(article.text)
    assignment, _ = group(articles)
    assert assignment["p"] != assignment["o"]


def test_reports_outside_the_time_window_open_a_new_story():
    a = _assign([StoryDoc("a", FLOOD_A, published="2025-03-01T08:00:00"),
                 StoryDoc("b", FLOOD_B, published="2025-03-20T08:00:00")])
    assert a["a"] != a["b"]


def test_grouping_does_not_depend_on_input_order():
    docs = [StoryDoc("a", FLOOD_A, published="2025-03-01T08:00:00"),
            StoryDoc("b", FLOOD_B, published="2025-03-01T15:00:00"),
            StoryDoc("c", MATCH, published="2025-03-01T16:00:00")]
    assert _assign(docs) == _assign(list(reversed(docs)))


def test_new_articles_join_seeded_stories_incrementally():
    first = StoryIndex()
    before = first.assign([StoryDoc("a", FLOOD_A, published="2025-03-01T08:00:00")])
    later = StoryIndex()
    later.seed(before["a"], [StoryDoc("a", FLOOD_A, published="2025-03-01T08:00:00")])
    after = later.assign([StoryDoc("b", FLOOD_B, published="2025-03-01T15:00:00")])
    assert after["b"] == before["a"]


def test_a_copy_joins_its_originals_story_even_below_threshold():
    strict = ClusterSettings(threshold=0.99)
    a = _assign([StoryDoc("a", FLOOD_A, published="2025-03-01T08:00:00"),
                 StoryDoc("b", MATCH, published="2025-03-01T09:00:00", original="a")], strict)
    assert a["a"] == a["b"]


def test_packed_counts_give_back_the_same_counter_in_the_same_order():
    counts = doc_terms(StoryDoc("a", FLOOD_A, signals=["org:isis", "#14"]))
    packed = PackedCounts.pack(counts)
    assert isinstance(packed, PackedCounts)
    assert list(packed.counter().items()) == list(counts.items())
    assert list(packed) == list(counts)
    odd = Counter({"كلمة\x1fأخرى": 2})
    assert PackedCounts.pack(odd) is odd          # a term holding the separator: left as it is


def test_a_retired_story_is_kept_compressed_and_comes_back_whole_when_a_copy_joins():
    index = StoryIndex()
    index.assign([StoryDoc("a", FLOOD_A, published="2025-03-01T08:00:00"),
                  StoryDoc("b", FLOOD_B, published="2025-03-01T15:00:00")])
    story = index.stories[index.assignment["a"]]
    centroid, rare = dict(story.centroid), Counter(story.rare)
    index._retire(datetime(2025, 4, 1))
    assert story.frozen is not None and story.centroid == {}
    later = index.assign([StoryDoc("c", MATCH, published="2025-04-02T08:00:00", original="a")])
    assert later["c"] == story.id and story.frozen is None
    assert set(centroid) <= set(story.centroid)   # short texts: far under the centroid's term limit
    assert all(story.centroid[t] >= w for t, w in centroid.items())
    assert all(story.rare[t] >= n for t, n in rare.items())


NOTICE = ("احتفل آل {family} بزفاف ابنهم الشاب {groom} في قاعة الفيصلية بمحافظة جدة، بحضور جمع من الأقارب "
          "والأصدقاء الذين قدموا التهاني للعريس.")
FIRE = ("أعلن المتحدث باسم الدفاع المدني في منطقة عسير العقيد محمد بن سعيد العاصمي أن حريقا اندلع فجر اليوم في "
        "مستودع للأخشاب بحي المنسك في مدينة أبها، وأن فرق الإطفاء سيطرت عليه بعد ساعتين من العمل المتواصل. "
        "وأوضح العاصمي أن الحريق لم يسفر عن إصابات، وأن فرق التحقيق بدأت البحث في أسبابه، مشيرا إلى أن "
        "المستودع يقع بجوار عدد من المنازل التي أخليت احترازا، وأن الأهالي عادوا إليها بعد إخماد النيران. "
        "وأضاف أن الدفاع المدني يدعو أصحاب المستودعات إلى الالتزام باشتراطات السلامة وتوفير طفايات الحريق. "
        "وذكر شهود عيان أن ألسنة اللهب شوهدت من مسافات بعيدة، وأن سحابة كثيفة من الدخان الأسود غطت سماء "
        "الحي قبل أن تتمكن الفرق من محاصرة النيران ومنع امتدادها إلى ورشة نجارة ومحطة وقود مجاورتين. "
        "وقدرت مصادر في الغرفة التجارية خسائر المستودع بمئات الآلاف من الريالات، فيما طالب سكان الحي "
        "البلدية بنقل المستودعات إلى المنطقة الصناعية خارج النطاق العمراني تفاديا لتكرار مثل هذه الحوادث.")


def _analysed(*items):
    articles = [Article(id=i, source=i, text=t, outlet=o, published=p) for i, t, o, p in items]
    for article in articles:
        article.analysis = analyze(article.text)
    return articles


def test_short_notices_of_other_families_are_other_stories_but_a_headline_of_one_joins_it():
    """Wedding notices share their template word for word; the people they name tell them apart.
    A headline naming the same groom is that notice's story."""
    articles = _analysed(
        ("n1", NOTICE.format(family="الغامدي", groom="سعيد بن علي الغامدي"), "المدينة", "2015-08-01T10:00:00"),
        ("n2", NOTICE.format(family="الزهراني", groom="خالد بن ناصر الزهراني"), "المدينة", "2015-08-01T18:00:00"),
        ("h1", "آل الغامدي يحتفلون بزفاف ابنهم سعيد بن علي الغامدي في جدة", "عكاظ", "2015-08-01T20:00:00"))
    assignment, _ = group(articles)
    assert assignment["n1"] == assignment["h1"] != assignment["n2"]
    together, _ = group(articles, ClusterSettings(short_names_apart=False))
    assert together["n1"] == together["n2"]


def test_a_short_reaction_naming_someone_else_joins_a_story_of_full_reports():
    """The governor's order to investigate a fire names nobody the report named, and is still
    that fire's story: the names rule reads only stories made mostly of short texts."""
    articles = _analysed(
        ("f", FIRE, "الوطن", "2015-08-01T10:00:00"),
        ("r", "وجه أمير منطقة عسير الأمير فيصل بن خالد بالتحقيق في حريق مستودع الأخشاب بحي المنسك في أبها فجر اليوم.",
         "عكاظ", "2015-08-01T12:00:00"))
    assignment, _ = group(articles)
    assert assignment["f"] == assignment["r"]


def test_a_retired_story_no_awaited_copy_can_wake_is_closed_and_one_with_an_awaited_original_is_kept():
    index = StoryIndex()
    index.awaited = {"a"}                       # a copy of "a" is still to come
    index.assign([StoryDoc("a", FLOOD_A, published="2025-03-01T08:00:00"),
                  StoryDoc("m", MATCH, published="2025-03-01T09:00:00")])
    flood, match = index.stories[index.assignment["a"]], index.stories[index.assignment["m"]]
    index._retire(datetime(2025, 4, 1))
    assert flood.frozen is not None
    assert match.frozen is None and match.centroid == {} and match.rare == {} and match.members == ["m"]
    assert index.assign([StoryDoc("c", MATCH, published="2025-04-02T08:00:00", original="a")])["c"] == flood.id
