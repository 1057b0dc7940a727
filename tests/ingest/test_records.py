import json
import zipfile

from marsad.ingest import read_paths
from marsad.ingest.locator import Locator
from marsad.ingest.records import read_json
from marsad.model import RawArticle, Skip

BODY = "قال مسؤول في وزارة النفط إن الإنتاج ارتفع إلى 4.5 مليون برميل يومياً."


def _loc(name: str) -> Locator:
    return Locator(name, "/data/" + name, name)


def test_jsonl_bad_line_is_skipped_and_its_neighbours_are_kept():
    lines = [json.dumps({"title": "أ", "text": BODY}, ensure_ascii=False), "{not json",
             json.dumps({"headline": "ب", "body": BODY}, ensure_ascii=False)]
    items = list(read_json("\n".join(lines).encode(), _loc("day.jsonl")))
    assert [type(i) for i in items] == [RawArticle, Skip, RawArticle]
    assert items[0].source == "day.jsonl#1" and items[2].source == "day.jsonl#3"
    assert items[1].source == "day.jsonl#2" and items[1].reason.startswith("السطر 2: JSON غير صالح:")
    assert items[2].title == "ب" and items[2].kind == "record"


def test_field_aliases_fill_every_rawarticle_field():
    record = {"headline": "عنوان", "article": BODY, "link": "https://x.example/1", "pubDate": "2020-01-02",
              "publisher": {"name": "صحيفة المدى"}, "byline": ["علي حسن", "منى سعيد"]}
    [a] = read_json(json.dumps(record, ensure_ascii=False).encode(), _loc("one.json"))
    assert (a.title, a.content, a.url, a.published, a.outlet) == (
        "عنوان", BODY, "https://x.example/1", "2020-01-02", "صحيفة المدى")
    assert a.authors == ["علي حسن", "منى سعيد"]
    assert a.source == "one.json" and a.identity == "https://x.example/1"


def test_json_array_items_are_numbered_from_one_and_html_bodies_become_paragraphs():
    doc = [{"title": "أ", "content": "<p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>"}, {"title": "ب", "content": BODY}]
    items = list(read_json(json.dumps(doc, ensure_ascii=False).encode(), _loc("arr.json")))
    assert [i.source for i in items] == ["arr.json#1", "arr.json#2"]
    assert items[0].content == "الفقرة الأولى.\nالفقرة الثانية."


def test_json_wrapper_object_with_articles_list_is_unpacked():
    doc = {"status": "ok", "articles": [{"title": "أ", "description": BODY}]}
    [a] = read_json(json.dumps(doc, ensure_ascii=False).encode(), _loc("api.json"))
    assert a.content == BODY and a.source == "api.json#1"


def test_json_that_is_not_an_article_shape_is_skipped_with_a_reason():
    [skip] = read_json(b'{"version": 3, "settings": {"dark": true}}', _loc("conf.json"))
    assert isinstance(skip, Skip) and "بلا نص مقال" in skip.reason
    [skip] = read_json(b"42", _loc("n.json"))
    assert skip.reason == "يحوي ملف JSON قيمة من نوع عدد، لا كائن مقال ولا قائمة كائنات مقالات"
    [skip] = read_json(b'[{"title": "x", "content": ""}]', _loc("e.json"))
    assert skip.reason == "العنصر 1: نص المقال فارغ"


def test_broken_json_file_is_skipped_with_position():
    [skip] = read_json(b'[{"title": "x", ', _loc("bad.json"))
    assert skip.source == "bad.json" and skip.reason.startswith("JSON غير صالح:")


def test_json_lines_under_a_json_name_are_read_line_by_line():
    text = "\n".join(json.dumps({"title": t, "text": BODY}, ensure_ascii=False) for t in ("أ", "ب"))
    assert [a.title for a in read_json(text.encode(), _loc("x.json"))] == ["أ", "ب"]


def test_saudinewsnet_style_zip_of_json_arrays_reads_every_article(tmp_path):
    doc = [{"source": "okaz", "url": f"http://okaz.example/{n}", "date_extracted": "2015-07-21 10:00:00",
            "title": f"خبر {n}", "author": "الرياض: واس", "content": BODY} for n in range(3)]
    path = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("2015-07-21.json", json.dumps(doc, ensure_ascii=False))
    items = list(read_paths([path]))
    assert [i.source for i in items] == [f"{path}!2015-07-21.json#{n}" for n in (1, 2, 3)]
    assert items[0].outlet == "okaz" and items[0].published == "2015-07-21 10:00:00"
    assert items[0].authors == ["الرياض: واس"]
