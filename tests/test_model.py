"""Record round trips: what the store, the JSON API and Spark read back is what was written."""
from marsad.model import Analysis, Article, Entity, Line, Quantity


def _article() -> Article:
    analysis = Analysis(
        entities=[Entity(0, 5, "الرياض", "LOC", "الرياض", "loc:الرياض")],
        sources=["واس"],
        quantities=[Quantity("نحو 500", 500, 450, 550, "approx", None, 10, 17)],
    )
    return Article(id="a1", source="x.txt", text="الرياض نحو 500", title="عنوان",
                   lines=[Line(0, "title", "عنوان")], analysis=analysis)


def test_from_dict_gives_back_the_record_that_to_dict_wrote():
    article = _article()
    assert Article.from_dict(article.to_dict()) == article


def test_from_dict_leaves_out_keys_a_later_release_added_at_any_depth():
    data = _article().to_dict()
    data["reach"] = 3
    data["analysis"]["mood"] = "calm"
    data["analysis"]["entities"][0]["salience"] = 0.9
    assert Article.from_dict(data) == _article()


def test_from_dict_does_not_change_the_dict_it_reads():
    data = _article().to_dict()
    before = repr(data)
    Article.from_dict(data)
    assert repr(data) == before
    assert isinstance(data["analysis"]["entities"][0], dict)


def test_from_dict_keeps_a_missing_optional_field_at_its_default():
    entity = {"start": 0, "end": 3, "text": "أبو", "type": "PER", "canonical": "أبو", "key": "per:أبو"}
    analysis = Analysis.from_dict({"entities": [entity]})
    assert analysis.quotes == [] and analysis.entities[0].key == "per:أبو"
