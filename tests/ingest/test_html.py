from pathlib import Path

import pytest

from marsad.ingest.html import read_html
from marsad.ingest.htmltext import html_to_paragraphs, looks_like_html
from marsad.ingest.locator import Locator
from marsad.model import RawArticle, Skip

PAGES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "html").glob("*.html"))


def _read(path: Path) -> RawArticle | Skip:
    [item] = read_html(path.read_bytes(), Locator.for_path(path))
    return item


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_html_body_is_exactly_the_annotated_article_paragraphs(page: Path):
    article = _read(page)
    assert article.kind == "html"
    assert article.content == page.with_suffix(".expected.txt").read_text("utf-8").strip()


def test_html_metadata_comes_from_open_graph_canonical_and_article_time(fixtures):
    a = _read(fixtures / "html" / "news_site_a.html")
    assert a.title == "سيول تجتاح قرى في محافظة نينوى وتشريد مئات العائلات"
    assert a.url == a.identity == "https://alrafidain-today.example/news/2023/04/12/floods-nineveh"
    assert a.outlet == "الرافدين اليوم"
    assert a.published == "2023-04-12T09:40:00+03:00"
    assert a.authors == ["سارة الجبوري"]


def test_html_metadata_falls_back_to_json_ld_and_application_name(fixtures):
    b = _read(fixtures / "html" / "portal_b.html")
    assert b.published == "2023-04-18T14:05:00+03:00"
    assert b.authors == ["محمد العمري", "ليلى حداد"]
    assert b.outlet == "بوابة المشرق"
    assert b.url == "https://almashriq-portal.example/economy/87211"
    e = _read(fixtures / "html" / "live_e.html")
    assert e.authors == ["أحمد عبد الرحيم"] and e.published == "2024-01-21T18:30:00+02:00"


def test_html_page_declared_windows_1256_is_decoded_from_its_meta_charset(fixtures):
    d = _read(fixtures / "html" / "legacy_d.html")
    assert d.encoding == "windows-1256"
    assert d.published == "2019-02-07" and d.authors == ["خالد باوزير"]


def test_html_without_url_uses_absolute_path_as_identity(fixtures):
    c = _read(fixtures / "html" / "agency_c.html")
    assert c.url is None
    assert c.identity == str((fixtures / "html" / "agency_c.html").resolve())


def test_truncated_html_still_yields_the_text_it_has(fixtures):
    f = _read(fixtures / "html" / "truncated_f.html")
    assert f.content.endswith("وفق ما أفاد مراسلون في بيروت وطرابلس وصي")


def test_html_with_only_short_fragments_falls_back_to_all_visible_text():
    [a] = read_html("<html><body><div>خبر عاجل</div></body></html>".encode(), Locator("p.html", "/p.html", "p.html"))
    assert a.content == "خبر عاجل" and a.meta["extractor"] == "all-text"


def test_html_with_no_text_is_skipped_with_a_reason():
    [skip] = read_html(b"<html><head><script>var a=1;</script></head><body><img src=x></body></html>",
                       Locator("e.html", "/e.html", "e.html"))
    assert isinstance(skip, Skip) and skip.reason == "لم يوجد نص في الصفحة"


def test_html_to_paragraphs_puts_blocks_and_breaks_on_their_own_lines():
    markup = "<p>قال <b>الوزير</b> إن</p><p>سطر<br>ثان</p><script>x=1</script><ul><li>أ</li><li>ب</li></ul>"
    assert html_to_paragraphs(markup) == "قال الوزير إن\nسطر\nثان\nأ\nب"


def test_looks_like_html_needs_a_tag_or_entity_not_just_a_less_than_sign():
    assert looks_like_html("<p>نص</p>") and looks_like_html("أ &amp; ب")
    assert not looks_like_html("العدد < 5") and not looks_like_html("نص عادي")
