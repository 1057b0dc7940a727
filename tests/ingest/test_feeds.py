from marsad.ingest.feeds import read_feed
from marsad.ingest.locator import Locator
from marsad.model import Skip


def test_rss_items_use_content_encoded_then_description(fixtures):
    path = fixtures / "feeds" / "rss2.xml"
    first, second, third = read_feed(path.read_bytes(), Locator.for_path(path))
    assert first.kind == "record" and first.source == f"{path}#1"
    assert first.content.startswith("افتتح وزير الإعلام الكويتي") and "\n" in first.content
    assert first.url == "https://east-news.example/culture/1201"
    assert first.published == "Wed, 15 Nov 2023 10:00:00 +0300"
    assert first.authors == ["نورة الصباح"] and first.outlet == "وكالة الشرق للأنباء"
    assert second.content.startswith("أفاد المرصد الوطني للفلاحة") and "<p>" not in second.content
    assert isinstance(third, Skip) and third.source == f"{path}#3"


def test_atom_entry_reads_link_href_author_name_and_html_content(fixtures):
    path = fixtures / "feeds" / "atom.xml"
    [entry] = read_feed(path.read_bytes(), Locator.for_path(path))
    assert entry.url == "https://gulf-econ.example/2023/12/qatar-budget"
    assert entry.published == "2023-12-12T08:00:00Z"
    assert entry.authors == ["يوسف الكواري"]
    assert entry.content.split("\n") == ["أعلنت وزارة المالية القطرية موازنة العام المقبل بإيرادات تقدر بنحو 202 مليار ريال.",
                                         "وتوقعت الوزارة فائضاً قدره 2.5 مليار ريال."]


def test_malformed_feed_still_yields_items_before_the_damage():
    data = ("<rss><channel><title>س & ص</title><item><title>خبر</title><description>نص الخبر الكامل هنا."
            "</description></item><item><title>مقطوع").encode()
    items = list(read_feed(data, Locator("f.xml", "/f.xml", "f.xml")))
    assert items[0].content == "نص الخبر الكامل هنا."


def test_xml_without_items_is_skipped():
    [skip] = read_feed(b"<?xml version='1.0'?><config><a>1</a></config>", Locator("c.xml", "/c.xml", "c.xml"))
    assert skip.reason == "لا عناصر <item> أو <entry> في الموجز"
