"""Stories are events: an article whose lead dates its event days away from a story's event joins
another story, however alike the words (two fires in one city days apart)."""
from marsad import analyze
from marsad.model import Article
from marsad.stories.pairs import event_of
from marsad.stories.service import group


def _article(aid, text, published):
    a = Article(id=aid, source=f"{aid}.txt", text=text, outlet=f"منبر {aid}", published=published,
                title=text.split("،")[0])
    a.analysis = analyze(text, published=published)
    return a


FIRE = ("اندلع حريق كبير في مستودع للأخشاب بالمنطقة الصناعية في جدة {when}، وأعلن الدفاع المدني أن فرق "
        "الإطفاء سيطرت على الحريق بعد ساعات دون تسجيل إصابات، فيما فتحت الجهات المختصة تحقيقا في أسباب الحريق "
        "الذي أتى على كميات كبيرة من الأخشاب والمعدات في المستودع.")


def test_the_lead_gives_the_event_day_and_its_places_but_not_the_datelines_city():
    a = _article("1", "الرياض: " + FIRE.format(when="مساء أمس الخميس"), "2015-07-24")
    places, day = event_of(a)
    assert day == "2015-07-23"
    assert "loc:riyadh" not in places


def test_two_fires_dated_days_apart_are_two_stories_and_two_reports_of_one_fire_are_one():
    same_a = _article("1", FIRE.format(when="مساء أمس الخميس"), "2015-07-24")
    same_b = _article("2", FIRE.format(when="مساء الخميس"), "2015-07-24")
    later = _article("3", "شب حريق في مستودع أخشاب آخر بالمنطقة الصناعية في جدة مساء أمس الأحد، وقال الدفاع "
                     "المدني إن فرق الإطفاء احتاجت ساعات للسيطرة على الحريق في المستودع، ولم تسجل إصابات، "
                     "وبدأت الجهات المختصة التحقيق في أسباب الحريق والأضرار التي لحقت بالأخشاب والمعدات.",
                     "2015-07-27")
    assignment, _ = group([same_a, same_b, later])
    assert assignment["1"] == assignment["2"]
    assert assignment["3"] != assignment["1"]
